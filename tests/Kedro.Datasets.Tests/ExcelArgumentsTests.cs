using System.Data;
using Kedro.IO;
using Microsoft.Data.Analysis;

namespace Kedro.Datasets.Tests;

public sealed class ExcelArgumentsTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-excel-args-tests");

    public void Dispose() => _dir.Dispose();

    private static DataTable Trips()
    {
        var table = new DataTable();
        table.Columns.Add("id", typeof(long));
        table.Columns.Add("city", typeof(string));
        table.Columns.Add("price", typeof(double));
        table.Columns.Add("day", typeof(DateTime));
        table.Columns.Add("at", typeof(DateTime));
        table.Columns.Add("paid", typeof(bool));
        table.Rows.Add(1L, "Oslo", 10.5, new DateTime(2024, 1, 31), new DateTime(2024, 1, 31, 13, 5, 9), true);
        table.Rows.Add(2L, "Lima", 7.0, new DateTime(2024, 2, 1), new DateTime(2024, 2, 1, 0, 0, 1), false);
        return table;
    }

    private string Saved(string name = "trips.xlsx")
    {
        var path = _dir.PathOf(name);
        new ExcelDataset(path).Save(Trips());
        return path;
    }

    private static Dictionary<string, object?> Args(params (string Key, object? Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void Dates_AreSavedAsExcelDatesAndLoadAsDateTime()
    {
        var table = (DataTable)new ExcelDataset(Saved()).Load()!;

        Assert.Equal(typeof(DateTime), table.Columns["day"]!.DataType);
        Assert.Equal(new DateTime(2024, 1, 31), table.Rows[0]["day"]);
        Assert.Equal(new DateTime(2024, 1, 31, 13, 5, 9), table.Rows[0]["at"]);
        Assert.Equal(new DateTime(2024, 2, 1, 0, 0, 1), table.Rows[1]["at"]);
        Assert.Equal(typeof(double), table.Columns["price"]!.DataType);
    }

    [Theory]
    [InlineData("A:B,D", new[] { "id", "city", "day" })]
    [InlineData("c", new[] { "price" })]
    [InlineData("E:F", new[] { "at", "paid" })]
    public void Usecols_ExcelLetters_PickThoseColumns(string letters, string[] expected)
    {
        var table = (DataTable)new ExcelDataset(Saved(), loadArgs: Args(("usecols", letters))).Load()!;

        Assert.Equal(expected, table.Columns.Cast<DataColumn>().Select(c => c.ColumnName));
        Assert.Equal(2, table.Rows.Count);
    }

    [Fact]
    public void Usecols_NamesAndPositions_KeepTheSheetOrder()
    {
        var byName = (DataTable)new ExcelDataset(Saved(), loadArgs: Args(("usecols", new List<object?> { "paid", "id" }))).Load()!;
        Assert.Equal(["id", "paid"], byName.Columns.Cast<DataColumn>().Select(c => c.ColumnName));

        var byPosition = (DataTable)new ExcelDataset(Saved("p.xlsx"), loadArgs: Args(("usecols", new List<object?> { 2, 0 }))).Load()!;
        Assert.Equal(["id", "price"], byPosition.Columns.Cast<DataColumn>().Select(c => c.ColumnName));
    }

    [Fact]
    public void Usecols_MissingColumn_NamesItTheSheetAndTheColumnsFound()
    {
        var path = Saved();
        var error = Assert.Throws<DatasetException>(() => new ExcelDataset(path, loadArgs: Args(("usecols", new List<object?> { "id", "fare" }))).Load());
        Assert.Contains($"load_args 'usecols' ('id', 'fare') names 'fare', which sheet 'Sheet1' of '{path}' does not have (columns: 'id', 'city', 'price', 'day', 'at', 'paid')", error.Message, StringComparison.Ordinal);

        var letters = Assert.Throws<DatasetException>(() => new ExcelDataset(path, loadArgs: Args(("usecols", "A,H"))).Load());
        Assert.Contains("names 'H', which sheet 'Sheet1'", letters.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A:")]
    [InlineData("C:A")]
    [InlineData("1:2")]
    public void Usecols_BadLetters_AreRefusedWhenCreated(string letters)
    {
        var error = Assert.Throws<ArgumentException>(() => new ExcelDataset(_dir.PathOf("x.xlsx"), loadArgs: Args(("usecols", letters))));
        Assert.Contains("load_args 'usecols' of 'ExcelDataset' must be Excel column letters and ranges such as 'A:C,F'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SheetNameNull_LoadsEverySheetAsADictionaryOfAnyTableKind()
    {
        var path = _dir.PathOf("book.xlsx");
        new ExcelDataset(path).Save(new Dictionary<string, object> { ["trips"] = Trips(), ["more"] = Trips() });
        var dataset = new ExcelDataset(path, loadArgs: Args(("sheet_name", null)));

        var frames = Assert.IsType<Dictionary<string, DataFrame>>(dataset.Load(typeof(IReadOnlyDictionary<string, DataFrame>)));
        Assert.Equal(["trips", "more"], frames.Keys);
        Assert.Equal(2, frames["more"].Rows.Count);
        Assert.Equal(new DateTime(2024, 1, 31), frames["trips"].Columns["day"][0]);

        var batches = (Dictionary<string, Apache.Arrow.RecordBatch>)dataset.Load(typeof(Dictionary<string, Apache.Arrow.RecordBatch>))!;
        Assert.Equal(6, batches["trips"].ColumnCount);
    }

    [Fact]
    public void WrongSheet_NamesTheSheetAndTheSheetsFound()
    {
        var path = _dir.PathOf("book.xlsx");
        new ExcelDataset(path).Save(new Dictionary<string, object> { ["trips"] = Trips(), ["more"] = Trips() });

        var error = Assert.Throws<DatasetException>(() => new ExcelDataset(path, loadArgs: Args(("sheet_name", "Trips"))).Load());

        Assert.Contains("the workbook has no sheet 'Trips' (sheets: 'trips', 'more')", error.Message, StringComparison.Ordinal);
    }
}
