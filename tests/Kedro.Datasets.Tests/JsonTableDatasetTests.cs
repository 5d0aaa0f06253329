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
        new JsonTableDataset(path, saveArgs: Args(("orient", "records"))).Save(Flights());

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
        var loadArgs = Args(("orient", orient), ("lines", lines), ("convert_dates", new List<object?> { "departure" }));
        var dataset = new JsonTableDataset(_dir.PathOf("flights.json"), loadArgs: loadArgs, saveArgs: args);
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

        var rows = (List<Dictionary<string, object?>>)new JsonTableDataset(path, loadArgs: Args(("orient", "records"))).Load(typeof(List<Dictionary<string, object?>>))!;

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

        var error = Assert.Throws<DatasetException>(() => new JsonTableDataset(path, loadArgs: Args(("orient", "records"))).Load());

        Assert.Contains("JsonTableDataset(filepath=", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{path}' row 2, column 'a' holds text \"two\", but earlier rows hold a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NestedValue_IsRefused()
    {
        var path = _dir.PathOf("nested.json");
        File.WriteAllText(path, "[{\"a\":{\"b\":1}}]");

        var error = Assert.Throws<DatasetException>(() => new JsonTableDataset(path, loadArgs: Args(("orient", "records"))).Load());
        Assert.Contains("row 1, column 'a' holds a JSON Object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongLayoutForOrient_SaysWhichLayoutIsExpected()
    {
        var path = _dir.PathOf("columns.json");
        File.WriteAllText(path, "{\"a\":{\"0\":1}}");

        var error = Assert.Throws<DatasetException>(() => new JsonTableDataset(path, loadArgs: Args(("orient", "records"))).Load());
        Assert.Contains("holds a JSON Object, but orient 'records' expects an array of row objects. Set load_args 'orient'", error.Message, StringComparison.Ordinal);
        Assert.Equal(1L, Assert.IsType<DataTable>(new JsonTableDataset(path).Load()).Rows[0]["a"]);
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

    [Fact]
    public void Default_Orient_IsColumnsAsKedro_AndRecordsWithLines()
    {
        var path = _dir.PathOf("default.json");
        var table = new DataTable();
        table.Columns.Add("id", typeof(long));
        table.Rows.Add(7L);
        new JsonTableDataset(path).Save(table);

        Assert.Equal("{\"id\":{\"0\":7}}", File.ReadAllText(path));
        Assert.Equal(7L, Assert.IsType<DataTable>(new JsonTableDataset(path).Load()).Rows[0]["id"]);

        var linesPath = _dir.PathOf("default.jsonl");
        new JsonTableDataset(linesPath, saveArgs: Args(("lines", true))).Save(table);
        Assert.Equal("{\"id\":7}\n", File.ReadAllText(linesPath));
    }

    [Fact]
    public void Columns_CellsArePlacedByRowLabel_NotByOrder()
    {
        var path = _dir.PathOf("labels.json");
        File.WriteAllText(path, "{\"a\":{\"0\":1,\"1\":2},\"b\":{\"1\":\"y\",\"0\":\"x\"}}");

        var table = Assert.IsType<DataTable>(new JsonTableDataset(path).Load());

        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(["x", "y"], table.Rows.Cast<DataRow>().Select(r => (string)r["b"]));
        Assert.Equal([1L, 2L], table.Rows.Cast<DataRow>().Select(r => (long)r["a"]));
    }

    [Fact]
    public void Columns_LabelMissingFromAColumn_IsAMissingValueAndDoesNotShiftLaterCells()
    {
        var path = _dir.PathOf("gaps.json");
        File.WriteAllText(path, "{\"a\":{\"r1\":1,\"r2\":2,\"r3\":3},\"b\":{\"r1\":10,\"r3\":30},\"c\":{\"r4\":4}}");

        var table = Assert.IsType<DataTable>(new JsonTableDataset(path).Load());

        Assert.Equal(4, table.Rows.Count);
        Assert.Equal([10L, DBNull.Value, 30L, DBNull.Value], table.Rows.Cast<DataRow>().Select(r => r["b"]));
        Assert.Equal([1L, 2L, 3L, DBNull.Value], table.Rows.Cast<DataRow>().Select(r => r["a"]));
        Assert.Equal(4L, table.Rows[3]["c"]);
    }

    [Fact]
    public void Columns_Messages_NameTheRealRowLabel()
    {
        var path = _dir.PathOf("mixed-columns.json");
        File.WriteAllText(path, "{\"a\":{\"first\":1,\"second\":\"two\"}}");

        var error = Assert.Throws<DatasetException>(() => new JsonTableDataset(path).Load());

        Assert.Contains($"'{path}' row second, column 'a' holds text \"two\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_RepeatedLabelInAColumn_IsRefused()
    {
        var path = _dir.PathOf("repeated.json");
        File.WriteAllText(path, "{\"a\":{\"0\":1,\"0\":2}}");

        var error = Assert.Throws<DatasetException>(() => new JsonTableDataset(path).Load());

        Assert.Contains("column 'a' holds row label '0' twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WholeNumbersAboveLong_AreUInt64_NotRoundedDoubles()
    {
        var path = _dir.PathOf("ids.json");
        File.WriteAllText(path, "[{\"id\":18446744073709551615},{\"id\":9007199254740993},{\"id\":null}]");

        var table = Assert.IsType<DataTable>(new JsonTableDataset(path, loadArgs: Args(("orient", "records"))).Load());

        Assert.Equal(typeof(ulong), table.Columns["id"]!.DataType);
        Assert.Equal(18446744073709551615UL, table.Rows[0]["id"]);
        Assert.Equal(9007199254740993UL, table.Rows[1]["id"]);
        Assert.Equal(DBNull.Value, table.Rows[2]["id"]);
    }

    [Theory]
    [InlineData("[{\"id\":-1},{\"id\":18446744073709551615}]", "-1", "18446744073709551615")]
    [InlineData("[{\"id\":1},{\"id\":18446744073709551616}]", "1", "18446744073709551616")]
    [InlineData("[{\"id\":1.5},{\"id\":18446744073709551615}]", "1.5", "18446744073709551615")]
    public void Load_WholeNumbersBeyondUInt64OrMixedWithNegatives_AreKeptAsText(string json, string first, string second)
    {
        var path = _dir.PathOf("big.json");
        File.WriteAllText(path, json);

        var table = Assert.IsType<DataTable>(new JsonTableDataset(path, loadArgs: Args(("orient", "records"))).Load());

        Assert.Equal(typeof(string), table.Columns["id"]!.DataType);
        Assert.Equal([first, second], table.Rows.Cast<DataRow>().Select(r => (string)r["id"]));
    }

    [Fact]
    public void Load_IsoTextInAColumnWithoutADateName_StaysText()
    {
        var path = _dir.PathOf("codes.json");
        File.WriteAllText(path, "{\"code\":{\"0\":\"2024-01-31\"},\"created_at\":{\"0\":\"2024-01-31T08:30:00\"},\"Date\":{\"0\":\"2024-02-01\"}}");

        var table = Assert.IsType<DataTable>(new JsonTableDataset(path).Load());

        Assert.Equal(typeof(string), table.Columns["code"]!.DataType);
        Assert.Equal(new DateTime(2024, 1, 31, 8, 30, 0), table.Rows[0]["created_at"]);
        Assert.Equal(new DateTime(2024, 2, 1), table.Rows[0]["Date"]);
    }

    [Theory]
    [InlineData("timestamp_utc", true)]
    [InlineData("updated_time", true)]
    [InlineData("modified", true)]
    [InlineData("datetime", true)]
    [InlineData("date", true)]
    [InlineData("birthdate", false)]
    [InlineData("at", false)]
    [InlineData("time", false)]
    public void DefaultDateNames_FollowPandasKeepDefaultDates(string name, bool isDate)
    {
        Assert.Equal(isDate, JsonTableDataset.IsDefaultDateName(name));
    }

    [Fact]
    public void ConvertDates_ListAddsColumns_FalseTurnsDatesOff_KeepDefaultDatesFalseKeepsOnlyTheList()
    {
        var path = _dir.PathOf("dates.json");
        File.WriteAllText(path, "{\"code\":{\"0\":\"2024-01-31\"},\"created_at\":{\"0\":\"2024-01-31\"}}");

        var listed = Assert.IsType<DataTable>(new JsonTableDataset(path, loadArgs: Args(("convert_dates", new List<object?> { "code" }))).Load());
        Assert.Equal(typeof(DateTime), listed.Columns["code"]!.DataType);
        Assert.Equal(typeof(DateTime), listed.Columns["created_at"]!.DataType);

        var off = Assert.IsType<DataTable>(new JsonTableDataset(path, loadArgs: Args(("convert_dates", false))).Load());
        Assert.Equal(typeof(string), off.Columns["created_at"]!.DataType);

        var onlyListed = Assert.IsType<DataTable>(new JsonTableDataset(path,
            loadArgs: Args(("convert_dates", new List<object?> { "code" }), ("keep_default_dates", false))).Load());
        Assert.Equal(typeof(DateTime), onlyListed.Columns["code"]!.DataType);
        Assert.Equal(typeof(string), onlyListed.Columns["created_at"]!.DataType);
    }

    [Fact]
    public void ConvertDates_NotABoolOrList_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new JsonTableDataset(_dir.PathOf("x.json"), loadArgs: Args(("convert_dates", 3))));

        Assert.Contains("load_args 'convert_dates' of 'JsonTableDataset' must be true, false or a list of column names", error.Message, StringComparison.Ordinal);
    }

    public sealed record Launch(DateOnly Date, DateTime At, DateTimeOffset Local);

    [Fact]
    public void Save_DateOnlyAsDay_AndDatesKeepTicksFinerThanAMillisecond()
    {
        var path = _dir.PathOf("launches.json");
        var at = new DateTime(2024, 1, 31, 8, 30, 0, DateTimeKind.Utc).AddTicks(1234567);
        var local = new DateTimeOffset(2024, 1, 31, 9, 30, 0, TimeSpan.FromHours(2)).AddTicks(5);
        new JsonTableDataset(path, saveArgs: Args(("orient", "records"))).Save(new List<Launch> { new(new DateOnly(2024, 1, 31), at, local) });

        Assert.Equal("[{\"date\":\"2024-01-31\",\"at\":\"2024-01-31T08:30:00.1234567Z\",\"local\":\"2024-01-31T09:30:00.0000005\\u002B02:00\"}]", File.ReadAllText(path));
        var table = Assert.IsType<DataTable>(new JsonTableDataset(path, loadArgs: Args(("orient", "records"), ("convert_dates", new List<object?> { "at" }))).Load());
        Assert.Equal(at, table.Rows[0]["at"]);
    }
}
