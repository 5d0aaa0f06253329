using System.Data;
using Kedro.Datasets.Tests.Support;
using Kedro.IO;

namespace Kedro.Datasets.Tests;

public sealed class ExcelDatasetTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-datasets-tests");

    public void Dispose() => _dir.Dispose();

    private static List<Shuttle> Shuttles() =>
    [
        new(63561, "Niue", "Type V5", "Quantum", "ThetaBase Services", 1, 2, "strict", 1, "f", "f", "$1,325.0", 35029),
        new(36260, "Anguilla", "Type V5", "Quantum", null, 1, 2, "strict", null, "t", "f", "$1,780.0", 30292),
    ];

    [Fact]
    public void SaveThenLoad_Records_RoundTripWithNullableProperties()
    {
        var dataset = new ExcelDataset(_dir.PathOf("shuttles.xlsx"));

        dataset.Save(Shuttles());
        var loaded = (List<Shuttle>)dataset.Load(typeof(List<Shuttle>))!;

        Assert.Equal(Shuttles(), loaded);
    }

    [Fact]
    public void Load_Untyped_IsDataTableWithSnakeCaseColumnsAndInferredTypes()
    {
        var dataset = new ExcelDataset(_dir.PathOf("shuttles.xlsx"));
        dataset.Save(Shuttles());

        var table = Assert.IsType<DataTable>(dataset.Load());

        Assert.Equal("id", table.Columns[0].ColumnName);
        Assert.Equal("d_check_complete", table.Columns[9].ColumnName);
        Assert.Equal(typeof(long), table.Columns["passenger_capacity"]!.DataType);
        Assert.Equal(typeof(string), table.Columns["price"]!.DataType);
        Assert.Equal("$1,780.0", table.Rows[1]["price"]);
        Assert.Equal(DBNull.Value, table.Rows[1]["engine_vendor"]);
    }

    [Fact]
    public async Task LoadAsyncAndSaveAsync_RoundTripAsArray()
    {
        var dataset = new ExcelDataset(_dir.PathOf("async.xlsx"));
        await dataset.SaveAsync(Shuttles());
        var loaded = (Shuttle[])(await dataset.LoadAsync(typeof(Shuttle[])))!;
        Assert.Equal(Shuttles(), loaded);
    }

    [Fact]
    public void SheetNames_SaveAndLoadTheNamedSheet_OrEverySheet()
    {
        var path = _dir.PathOf("book.xlsx");
        var writer = new ExcelDataset(path);
        var table = new DataTable();
        table.Columns.Add("x", typeof(int));
        table.Rows.Add(7);
        writer.Save(new Dictionary<string, object> { ["first"] = Shuttles(), ["second"] = table });

        var second = new ExcelDataset(path, loadArgs: new Dictionary<string, object?> { ["sheet_name"] = "second" });
        Assert.Equal(7L, ((DataTable)second.Load()!).Rows[0]["x"]);

        var byIndex = new ExcelDataset(path, loadArgs: new Dictionary<string, object?> { ["sheet_name"] = 1, ["engine"] = "openpyxl" });
        Assert.Equal(7L, ((DataTable)byIndex.Load()!).Rows[0]["x"]);

        var all = new ExcelDataset(path, loadArgs: new Dictionary<string, object?> { ["sheet_name"] = null });
        var sheets = Assert.IsType<Dictionary<string, DataTable>>(all.Load());
        Assert.Equal(["first", "second"], sheets.Keys);
        var typed = (Dictionary<string, List<Dictionary<string, object?>>>)all.Load(typeof(IReadOnlyDictionary<string, List<Dictionary<string, object?>>>))!;
        Assert.Equal(7L, typed["second"][0]["x"]);

        var missing = new ExcelDataset(path, loadArgs: new Dictionary<string, object?> { ["sheet_name"] = "third" });
        var error = Assert.Throws<DatasetException>(() => missing.Load());
        Assert.Contains("the workbook has no sheet 'third' (sheets: 'first', 'second').", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_WithSheetNameArgument_WritesThatSheet()
    {
        var path = _dir.PathOf("named.xlsx");
        new ExcelDataset(path, saveArgs: new Dictionary<string, object?> { ["sheet_name"] = "shuttles", ["index"] = false }).Save(Shuttles());
        var loaded = new ExcelDataset(path, loadArgs: new Dictionary<string, object?> { ["sheet_name"] = "shuttles" }).Load(typeof(List<Shuttle>));
        Assert.Equal(2, ((List<Shuttle>)loaded!).Count);
    }

    [Fact]
    public void Save_WhenWritingFails_LeavesThePreviousFileAndNoTemporaryFile()
    {
        var path = _dir.PathOf("keep.xlsx");
        var dataset = new ExcelDataset(path);
        dataset.Save(Shuttles());
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<DatasetException>(() => dataset.Save(new List<WithExploding> { new(1, new Exploding()) }));

        Assert.Contains("boom", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["keep.xlsx"], _dir.Files());
    }

    public sealed class RenamedColumn
    {
        public long Id { get; set; }

        public int Seats { get; set; }
    }

    [Fact]
    public void Load_SheetMissingAColumnARecordNeeds_NamesFileColumnAndColumnsFound()
    {
        var path = _dir.PathOf("shuttles.xlsx");
        var dataset = new ExcelDataset(path);
        dataset.Save(Shuttles());

        var error = Assert.Throws<DatasetException>(() => dataset.Load(typeof(List<RenamedColumn>)));

        Assert.Contains($"Cannot load '{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs the column(s) 'Seats', which the file does not have (columns: 'id',", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptySheet_SaysNoColumnsToParseAndNamesFileAndSheet()
    {
        var path = _dir.PathOf("book.xlsx");
        var dataset = new ExcelDataset(path, new Dictionary<string, object?> { ["sheet_name"] = "empty" });
        dataset.Save(new Dictionary<string, DataTable> { ["data"] = Table(), ["empty"] = new DataTable() });

        var error = Assert.Throws<DatasetException>(() => dataset.Load());

        Assert.Contains($"No columns to parse from sheet 'empty' of file '{path}'", error.Message, StringComparison.Ordinal);
        Assert.NotNull(new ExcelDataset(path, new Dictionary<string, object?> { ["sheet_name"] = "data" }).Load());

        static DataTable Table()
        {
            var table = new DataTable();
            table.Columns.Add("id", typeof(long));
            table.Rows.Add(1L);
            return table;
        }
    }

    [Fact]
    public void Load_AsUnsupportedType_NamesDatasetFileAndType()
    {
        var dataset = new ExcelDataset(_dir.PathOf("shuttles.xlsx"));
        dataset.Save(Shuttles());
        var error = Assert.Throws<DatasetException>(() => dataset.Load(typeof(string)));
        Assert.Contains($"Cannot load '{_dir.PathOf("shuttles.xlsx")}' as 'string'", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Failed while loading data from dataset {dataset}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Versioned_SaveThenLoadLatestOrAGivenVersion()
    {
        var path = _dir.PathOf("v.xlsx");
        new ExcelDataset(path, version: new DatasetVersion(null, "2024-01-01T00.00.00.000Z")).Save(Shuttles().Take(1).ToList());
        new ExcelDataset(path, version: new DatasetVersion(null, "2024-01-02T00.00.00.000Z")).Save(Shuttles());

        Assert.Equal(2, ((List<Shuttle>)new ExcelDataset(path, version: new DatasetVersion(null, null)).Load(typeof(List<Shuttle>))!).Count);
        Assert.Single((List<Shuttle>)new ExcelDataset(path, version: new DatasetVersion("2024-01-01T00.00.00.000Z", null)).Load(typeof(List<Shuttle>))!);
    }

    public sealed record Reading(string Sensor, DateTime At);

    public sealed record Stamp(DateTimeOffset At);

    [Fact]
    public void Save_DateFinerThanAMillisecond_IsRefusedNamingSheetColumnAndRow()
    {
        var path = _dir.PathOf("readings.xlsx");
        var readings = new List<Reading>
        {
            new("a", new DateTime(2024, 1, 31, 8, 30, 0, 250)),
            new("b", new DateTime(2024, 1, 31, 8, 30, 0).AddTicks(1)),
        };

        var error = Assert.Throws<DatasetException>(() => new ExcelDataset(path).Save(readings));

        Assert.Contains("sheet 'Sheet1', column 'at', row 2 holds 2024-01-31T08:30:00.0000001, finer than a millisecond", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
        new ExcelDataset(path).Save(readings.Take(1).ToList());
        Assert.Equal(readings[0], ((List<Reading>)new ExcelDataset(path).Load(typeof(List<Reading>))!)[0]);
    }

    [Fact]
    public void Save_DateTimeOffset_IsWrittenAsItsUtcTime()
    {
        var path = _dir.PathOf("stamps.xlsx");
        new ExcelDataset(path).Save(new List<Stamp> { new(new DateTimeOffset(2024, 1, 31, 10, 30, 0, TimeSpan.FromHours(2))) });

        var table = Assert.IsType<DataTable>(new ExcelDataset(path).Load());

        Assert.Equal(new DateTime(2024, 1, 31, 8, 30, 0), table.Rows[0]["at"]);
    }
}
