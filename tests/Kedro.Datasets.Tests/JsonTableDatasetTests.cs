using System.Data;
using Kedro.IO;

namespace Kedro.Datasets.Tests;

public sealed class JsonTableDatasetTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-json-table-tests");

    public void Dispose() => _dir.Dispose();

    public sealed record Flight(long Id, string? Carrier, double? Delay, bool Cancelled, DateTime Departure);

    private static List<Flight> Flights() =>
    [
        new(1, "KL", 12.5, false, new DateTime(2024, 1, 31, 8, 30, 0)),
        new(2, null, null, true, new DateTime(2024, 2, 1)),
    ];

    private static Dictionary<string, object?> Args(params (string Key, object? Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void Save_Records_WritesAnArrayOfRowObjectsWithIsoDates()
    {
        var path = _dir.PathOf("flights.json");
        new JsonTableDataset(path).Save(Flights());

        Assert.Equal(
            "[{\"id\":1,\"carrier\":\"KL\",\"delay\":12.5,\"cancelled\":false,\"departure\":\"2024-01-31T08:30:00.000\"},"
            + "{\"id\":2,\"carrier\":null,\"delay\":null,\"cancelled\":true,\"departure\":\"2024-02-01T00:00:00.000\"}]",
            File.ReadAllText(path));
    }

    [Theory]
    [InlineData("records", false)]
    [InlineData("records", true)]
    [InlineData("columns", false)]
    public void RoundTrip_RecordsAndDataTable_KeepValuesTypesAndMissingValues(string orient, bool lines)
    {
        var args = Args(("orient", orient), ("lines", lines));
        var dataset = new JsonTableDataset(_dir.PathOf("flights.json"), loadArgs: args, saveArgs: args);
        dataset.Save(Flights());

        Assert.Equal(Flights(), (List<Flight>)dataset.Load(typeof(List<Flight>))!);
        var table = Assert.IsType<DataTable>(dataset.Load());
        Assert.Equal([typeof(long), typeof(string), typeof(double), typeof(bool), typeof(DateTime)], table.Columns.Cast<DataColumn>().Select(c => c.DataType));
        Assert.Equal(DBNull.Value, table.Rows[1]["carrier"]);
        Assert.Equal(new DateTime(2024, 1, 31, 8, 30, 0), table.Rows[0]["departure"]);
    }

    [Fact]
    public void Lines_WritesOneObjectPerLine()
    {
        var path = _dir.PathOf("flights.jsonl");
        new JsonTableDataset(path, saveArgs: Args(("lines", true))).Save(Flights());

        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("{\"id\":2,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_WritesAnObjectOfColumnsByRowLabel()
    {
        var path = _dir.PathOf("flights.json");
        var table = new DataTable();
        table.Columns.Add("id", typeof(long));
        table.Columns.Add("name", typeof(string));
        table.Rows.Add(1L, "a");
        table.Rows.Add(2L, "b");
        new JsonTableDataset(path, saveArgs: Args(("orient", "columns"))).Save(table);

        Assert.Equal("{\"id\":{\"0\":1,\"1\":2},\"name\":{\"0\":\"a\",\"1\":\"b\"}}", File.ReadAllText(path));
    }

    [Fact]
    public void Load_PandasRecordsFile_AsDictionaries()
    {
        var path = _dir.PathOf("p.json");
        File.WriteAllText(path, "[{\"a\":1,\"b\":\"x\"},{\"a\":2.5,\"c\":true}]");

        var rows = (List<Dictionary<string, object?>>)new JsonTableDataset(path).Load(typeof(List<Dictionary<string, object?>>))!;

        Assert.Equal(1.0, rows[0]["a"]);
        Assert.Equal(2.5, rows[1]["a"]);
        Assert.Null(rows[1]["b"]);
        Assert.Equal(true, rows[1]["c"]);
        Assert.Null(rows[0]["c"]);
    }

    [Fact]
    public void Load_ColumnMixingNumbersAndText_IsRefusedNamingRowAndColumn()
    {
        var path = _dir.PathOf("mixed.json");
        File.WriteAllText(path, "[{\"a\":1},{\"a\":\"two\"}]");

        var error = Assert.Throws<DatasetException>(() => new JsonTableDataset(path).Load());

        Assert.Contains("JsonTableDataset(filepath=", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{path}' row 2, column 'a' holds text \"two\", but earlier rows hold a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NestedValue_IsRefused()
    {
        var path = _dir.PathOf("nested.json");
        File.WriteAllText(path, "[{\"a\":{\"b\":1}}]");

        var error = Assert.Throws<DatasetException>(() => new JsonTableDataset(path).Load());
        Assert.Contains("row 1, column 'a' holds a JSON Object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongLayoutForOrient_SaysWhichLayoutIsExpected()
    {
        var path = _dir.PathOf("columns.json");
        File.WriteAllText(path, "{\"a\":{\"0\":1}}");

        var error = Assert.Throws<DatasetException>(() => new JsonTableDataset(path).Load());
        Assert.Contains("holds a JSON Object, but orient 'records' expects an array of row objects. Set load_args 'orient'", error.Message, StringComparison.Ordinal);
        Assert.Equal(1L, Assert.IsType<DataTable>(new JsonTableDataset(path, loadArgs: Args(("orient", "columns"))).Load()).Rows[0]["a"]);
    }

    [Fact]
    public void Load_BadJsonLine_NamesTheLine()
    {
        var path = _dir.PathOf("bad.jsonl");
        File.WriteAllText(path, "{\"a\":1}\n{\"a\":\n");

        var error = Assert.Throws<DatasetException>(() => new JsonTableDataset(path, loadArgs: Args(("lines", true))).Load());
        Assert.Contains($"'{path}' line 2 is not a JSON object", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orient", "split", "'records' or 'columns'")]
    [InlineData("indent", -1, "0 or more spaces")]
    [InlineData("date_format", "epoch", "'iso'")]
    public void SaveArgs_Unsupported_AreRefusedWhenCreated(string key, object value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new JsonTableDataset(_dir.PathOf("x.json"), saveArgs: Args((key, value))));
        Assert.Contains($"save_args '{key}' of 'JsonTableDataset' must be {expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LinesWithColumns_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new JsonTableDataset(_dir.PathOf("x.json"), loadArgs: Args(("orient", "columns"), ("lines", true))));
        Assert.Contains("load_args 'lines' of 'JsonTableDataset' must be false with orient 'columns'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_Infinity_IsRefusedAndThePreviousFileKept()
    {
        var path = _dir.PathOf("keep.json");
        var dataset = new JsonTableDataset(path);
        dataset.Save(Flights());
        var before = File.ReadAllText(path);

        var error = Assert.Throws<DatasetException>(() => dataset.Save(new List<Dictionary<string, object?>> { new() { ["x"] = double.PositiveInfinity } }));

        Assert.Contains("JSON has no infinity", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(path));
        Assert.Equal(["keep.json"], _dir.Files());
    }

    [Fact]
    public void Save_NotATable_IsRefused()
    {
        var error = Assert.Throws<DatasetException>(() => new JsonTableDataset(_dir.PathOf("x.json")).Save(42));
        Assert.Contains("a JSON table saves a '", error.Message, StringComparison.Ordinal);
        Assert.Contains("or a list of records or dictionaries, not a 'int'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registered_AsPandasJsonDataset()
    {
        var registry = new DatasetTypeRegistry().AddKedroDatasets();
        var dataset = registry.Create("flights", new Dictionary<string, object?>
        {
            ["type"] = "pandas.JSONDataset",
            ["filepath"] = _dir.PathOf("f.json"),
            ["load_args"] = Args(("lines", true)),
            ["save_args"] = Args(("lines", true)),
        });

        Assert.IsType<JsonTableDataset>(dataset);
        Assert.Equal("Kedro.Datasets.JsonTableDataset", registry.GetTypeName("pandas.JSONDataset"));
    }
}
