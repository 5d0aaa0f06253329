using System.Data;
using Kedro.IO;

namespace Kedro.Datasets.Tests;

public sealed class CsvLoadArgumentsTests : IDisposable
{
    private const string Trips =
        "id,code,price,paid,day\n"
        + "1,007,10.5,True,2024-01-31\n"
        + "2,012,11,False,2024-02-01\n"
        + "3,100,,True,2024-02-02\n";

    private readonly TempFolder _dir = new("kedro-csv-args-tests");

    public void Dispose() => _dir.Dispose();

    private string Write(string text, string name = "trips.csv")
    {
        var path = _dir.PathOf(name);
        File.WriteAllText(path, text);
        return path;
    }

    private static Dictionary<string, object?> Args(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

    private DataTable LoadTable(string text, params (string Key, object? Value)[] args) =>
        Assert.IsType<DataTable>(new CsvDataset(Write(text), loadArgs: Args(args)).Load(typeof(DataTable)));

    public sealed record Trip(long Id, string Code, double? Price, bool Paid, DateTime Day);

    [Fact]
    public void Load_WithoutArguments_InfersInt64Float64BoolAndString()
    {
        var table = LoadTable(Trips);

        Assert.Equal([typeof(long), typeof(long), typeof(double), typeof(bool), typeof(string)],
            table.Columns.Cast<DataColumn>().Select(c => c.DataType));
        Assert.Equal(7L, table.Rows[0]["code"]);
        Assert.Equal(DBNull.Value, table.Rows[2]["price"]);
        Assert.Equal("2024-01-31", table.Rows[0]["day"]);
    }

    [Fact]
    public void Dtype_Mapping_DeclaresColumnTypes()
    {
        var table = LoadTable(Trips, ("dtype", new Dictionary<string, object?> { ["code"] = "str", ["id"] = "float64", ["paid"] = "boolean" }));

        Assert.Equal(typeof(string), table.Columns["code"]!.DataType);
        Assert.Equal("007", table.Rows[0]["code"]);
        Assert.Equal(typeof(double), table.Columns["id"]!.DataType);
        Assert.Equal(typeof(bool), table.Columns["paid"]!.DataType);
        Assert.Equal(typeof(double), table.Columns["price"]!.DataType); // not declared: inferred
    }

    [Fact]
    public void Dtype_OneNameForEveryColumn_ReadsAllAsThatType()
    {
        var table = LoadTable(Trips, ("dtype", "string"));

        Assert.All(table.Columns.Cast<DataColumn>(), c => Assert.Equal(typeof(string), c.DataType));
        Assert.Equal("1", table.Rows[0]["id"]);
        Assert.Equal(DBNull.Value, table.Rows[2]["price"]);
    }

    [Theory]
    [InlineData("int", "1,2\n3,x\n", "'x' is not a valid 'int'")]
    [InlineData("float64", "1,2\n3,4.5.6\n", "'4.5.6' is not a valid 'float64'")]
    [InlineData("bool", "1,True\n3,maybe\n", "'maybe' is not a valid 'bool'")]
    public void Dtype_ValueThatDoesNotParse_FailsNamingDatasetFileColumnLineAndValue(string dtype, string body, string expected)
    {
        var path = Write("a,b\n" + body);
        var dataset = new CsvDataset(path, loadArgs: Args(("dtype", new Dictionary<string, object?> { ["b"] = dtype })));

        var error = Assert.Throws<DatasetException>(() => dataset.Load(typeof(DataTable)));

        Assert.Contains("CsvDataset(filepath=", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{path}', column 'b', line 3: {expected}", error.Message, StringComparison.Ordinal);
        Assert.Contains("declare another type for 'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dtype_MissingValueInInt64_IsRefusedButNullableInt64AcceptsIt()
    {
        var path = Write("a,b\n1,\n2,5\n");
        var error = Assert.Throws<DatasetException>(() =>
            new CsvDataset(path, loadArgs: Args(("dtype", new Dictionary<string, object?> { ["b"] = "int64" }))).Load(typeof(DataTable)));
        Assert.Contains("column 'b', line 2: the value is missing, which 'int64' cannot hold", error.Message, StringComparison.Ordinal);
        Assert.Contains("Declare the column as 'Int64'", error.Message, StringComparison.Ordinal);

        var table = (DataTable)new CsvDataset(path, loadArgs: Args(("dtype", new Dictionary<string, object?> { ["b"] = "Int64" }))).Load(typeof(DataTable))!;
        Assert.Equal(typeof(long), table.Columns["b"]!.DataType);
        Assert.Equal(DBNull.Value, table.Rows[0]["b"]);
        Assert.Equal(5L, table.Rows[1]["b"]);
    }

    [Fact]
    public void Dtype_UnknownTypeName_IsRefusedWhenCreated()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new CsvDataset(_dir.PathOf("x.csv"), loadArgs: Args(("dtype", new Dictionary<string, object?> { ["a"] = "complex128" }))));
        Assert.Contains("dtype' of column 'a' of 'CsvDataset' must be one of 'int', 'int64', 'Int64'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not 'complex128'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dtype_ColumnNotInFile_NamesItAndTheColumnsFound()
    {
        var path = Write(Trips);
        var error = Assert.Throws<DatasetException>(() =>
            new CsvDataset(path, loadArgs: Args(("dtype", new Dictionary<string, object?> { ["cost"] = "float" }))).Load(typeof(DataTable)));
        Assert.Contains($"load_args 'dtype' names 'cost', which '{path}' does not have (columns: 'id', 'code', 'price', 'paid', 'day')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dtype_AppliesToRecordLoadsToo()
    {
        var path = Write("id,code\n1,007\n2,x\n");
        var dataset = new CsvDataset(path, loadArgs: Args(("dtype", new Dictionary<string, object?> { ["code"] = "int" })));

        var error = Assert.Throws<DatasetException>(() => dataset.Load(typeof(List<Dictionary<string, object?>>)));
        Assert.Contains("column 'code', line 3: 'x' is not a valid 'int'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Usecols_ByNameOrPosition_KeepsTheFileOrder()
    {
        var byName = LoadTable(Trips, ("usecols", new List<object?> { "price", "id" }));
        Assert.Equal(["id", "price"], byName.Columns.Cast<DataColumn>().Select(c => c.ColumnName));
        Assert.Equal(10.5, byName.Rows[0]["price"]);

        var byPosition = LoadTable(Trips, ("usecols", new List<object?> { 3, 1 }));
        Assert.Equal(["code", "paid"], byPosition.Columns.Cast<DataColumn>().Select(c => c.ColumnName));
    }

    [Fact]
    public void Usecols_MissingColumn_NamesItAndTheColumnsFound()
    {
        var path = Write(Trips);
        var error = Assert.Throws<DatasetException>(() =>
            new CsvDataset(path, loadArgs: Args(("usecols", new List<object?> { "id", "cost", 9 }))).Load(typeof(DataTable)));
        Assert.Contains($"load_args 'usecols' names 'cost', position 9, which '{path}' does not have (columns: 'id', 'code'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseDates_ReadsIsoDatesAsDateTime()
    {
        var table = LoadTable(Trips, ("parse_dates", new List<object?> { "day" }));

        Assert.Equal(typeof(DateTime), table.Columns["day"]!.DataType);
        Assert.Equal(new DateTime(2024, 2, 1), table.Rows[1]["day"]);
    }

    [Fact]
    public void ParseDates_WithDateFormat_TranslatesStrftime()
    {
        var table = LoadTable("when,n\n31/01/2024 13:05,1\n1/2/2024 07:00,2\n",
            ("parse_dates", new List<object?> { "when" }), ("date_format", "%d/%m/%Y %H:%M"));

        Assert.Equal(new DateTime(2024, 1, 31, 13, 5, 0), table.Rows[0]["when"]);
        Assert.Equal(new DateTime(2024, 2, 1, 7, 0, 0), table.Rows[1]["when"]);
    }

    [Fact]
    public void ParseDates_ValueNotInTheFormat_FailsNamingColumnLineValueAndFormat()
    {
        var path = Write("when,n\n31/01/2024,1\n2024-02-01,2\n");
        var error = Assert.Throws<DatasetException>(() => new CsvDataset(path,
            loadArgs: Args(("parse_dates", new List<object?> { "when" }), ("date_format", "%d/%m/%Y"))).Load(typeof(DataTable)));

        Assert.Contains($"'{path}', column 'when', line 3: '2024-02-01' is not a date in the format '%d/%m/%Y'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseDates_WithoutFormat_RefusesTextThatIsNotADate()
    {
        var path = Write("when\nsoon\n");
        var error = Assert.Throws<DatasetException>(() =>
            new CsvDataset(path, loadArgs: Args(("parse_dates", new List<object?> { "when" }))).Load(typeof(DataTable)));
        Assert.Contains("column 'when', line 2: 'soon' is not a date (expected ISO 8601", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseDates_MissingColumn_NamesIt()
    {
        var path = Write(Trips);
        var error = Assert.Throws<DatasetException>(() =>
            new CsvDataset(path, loadArgs: Args(("parse_dates", new List<object?> { "date" }))).Load(typeof(DataTable)));
        Assert.Contains("load_args 'parse_dates' names 'date', which", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%Y-%m-%dT%H:%M:%S.%f", "2024-01-31T13:05:09.250", 2024, 1, 31)]
    [InlineData("%b %d %Y", "Feb 03 2024", 2024, 2, 3)]
    [InlineData("%Y%m%d", "20240304", 2024, 3, 4)]
    [InlineData("%F", "2024-05-06", 2024, 5, 6)]
    [InlineData("day %d of %B, %Y", "day 7 of June, 2024", 2024, 6, 7)]
    public void DateFormat_CommonDirectives_Parse(string format, string value, int year, int month, int day)
    {
        var table = LoadTable($"when\n\"{value}\"\n", ("parse_dates", new List<object?> { "when" }), ("date_format", format));

        Assert.Equal(new DateOnly(year, month, day), DateOnly.FromDateTime((DateTime)table.Rows[0]["when"]));
    }

    [Fact]
    public void Load_WholeNumbersAboveLong_AreUInt64_NotRoundedDoubles()
    {
        var table = LoadTable("id,n\n1,18446744073709551615\n2,9007199254740993\n3,\n");

        Assert.Equal(typeof(long), table.Columns["id"]!.DataType);
        Assert.Equal(typeof(ulong), table.Columns["n"]!.DataType);
        Assert.Equal(18446744073709551615UL, table.Rows[0]["n"]);
        Assert.Equal(9007199254740993UL, table.Rows[1]["n"]);
        Assert.Equal(DBNull.Value, table.Rows[2]["n"]);
    }

    [Theory]
    [InlineData("n\n18446744073709551616\n1\n", "18446744073709551616", "1")]
    [InlineData("n\n-1\n18446744073709551615\n", "-1", "18446744073709551615")]
    [InlineData("n\n1.5\n18446744073709551615\n", "1.5", "18446744073709551615")]
    [InlineData("n\n18446744073709551615\n1.5\n", "18446744073709551615", "1.5")]
    public void Load_WholeNumbersBeyondUInt64OrMixed_AreKeptAsText(string csv, string first, string second)
    {
        var table = LoadTable(csv);

        Assert.Equal(typeof(string), table.Columns["n"]!.DataType);
        Assert.Equal([first, second], table.Rows.Cast<DataRow>().Select(r => (string)r["n"]));
    }

    [Theory]
    [InlineData("01/02/55", 2055)]
    [InlineData("01/02/68", 2068)]
    [InlineData("01/02/69", 1969)]
    [InlineData("01/02/99", 1999)]
    [InlineData("01/02/00", 2000)]
    public void DateFormat_TwoDigitYear_UsesPythonsCutoff(string value, int year)
    {
        var table = LoadTable($"when\n\"{value}\"\n", ("parse_dates", new List<object?> { "when" }), ("date_format", "%d/%m/%y"));

        Assert.Equal(new DateOnly(year, 2, 1), DateOnly.FromDateTime((DateTime)table.Rows[0]["when"]));
    }

    [Theory]
    [InlineData("%Y-%m-%d %z", "%z")]
    [InlineData("%U/%Y", "%U")]
    [InlineData("%Y-%", "%")]
    public void DateFormat_DirectiveWithoutDotNetCounterpart_IsRefusedWhenCreated(string format, string directive)
    {
        var error = Assert.Throws<ArgumentException>(() => new CsvDataset(_dir.PathOf("x.csv"), loadArgs: Args(("date_format", format))));
        Assert.Contains($"load_args 'date_format' of 'CsvDataset' must be a strftime format Kedro.NET can translate ('{directive}' is not one of", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Skiprows_CountSkipsLeadingLines()
    {
        var table = LoadTable("# exported 2024\n# by a tool\n" + Trips, ("skiprows", 2));

        Assert.Equal("id", table.Columns[0].ColumnName);
        Assert.Equal(3, table.Rows.Count);
    }

    [Fact]
    public void Skiprows_ListSkipsThoseLineNumbers()
    {
        var table = LoadTable(Trips, ("skiprows", new List<object?> { 1, 3 }));

        Assert.Equal(1, table.Rows.Count);
        Assert.Equal(2L, table.Rows[0]["id"]);
    }

    [Fact]
    public void Nrows_ReadsOnlyThatManyRows()
    {
        var table = LoadTable(Trips, ("nrows", 2));

        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(typeof(double), table.Columns["price"]!.DataType);
        Assert.DoesNotContain(table.Rows.Cast<DataRow>(), r => r["price"] is DBNull);
    }

    [Theory]
    [InlineData("nrows", -1)]
    [InlineData("skiprows", -2)]
    [InlineData("skiprows", "many")]
    public void CountArguments_Negative_AreRefused(string key, object value)
    {
        var error = Assert.Throws<ArgumentException>(() => new CsvDataset(_dir.PathOf("x.csv"), loadArgs: Args((key, value))));
        Assert.Contains($"load_args '{key}' of 'CsvDataset' must be", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_BindDeclaredAndParsedColumns()
    {
        var trips = (List<Trip>)new CsvDataset(Write(Trips), loadArgs: Args(
            ("dtype", new Dictionary<string, object?> { ["code"] = "str" }),
            ("parse_dates", new List<object?> { "day" }))).Load(typeof(List<Trip>))!;

        Assert.Equal(new Trip(1, "007", 10.5, true, new DateTime(2024, 1, 31)), trips[0]);
        Assert.Null(trips[2].Price);
    }

    [Fact]
    public void Separator_OfMoreThanOneCharacter_IsRefusedWhenCreated()
    {
        var error = Assert.Throws<ArgumentException>(() => new CsvDataset(_dir.PathOf("x.csv"), loadArgs: Args(("sep", "::"))));
        Assert.Contains("load_args 'sep' of 'CsvDataset' must be one character", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("load_args", "sep", "::", "one character")]
    [InlineData("save_args", "sep", "::", "one character")]
    [InlineData("save_args", "delimiter", "", "one character")]
    [InlineData("load_args", "quotechar", "''", "one character")]
    [InlineData("save_args", "quotechar", "''", "one character")]
    [InlineData("save_args", "quotechar", ",", "a character other than the separator")]
    [InlineData("load_args", "quotechar", ",", "a character other than the separator")]
    public void SeparatorAndQuote_FollowOneRuleForLoadAndSave(string argName, string key, string value, string expected)
    {
        var args = Args((key, value));
        var error = Assert.Throws<ArgumentException>(() => argName == "load_args"
            ? new CsvDataset(_dir.PathOf("x.csv"), loadArgs: args)
            : new CsvDataset(_dir.PathOf("x.csv"), saveArgs: args));

        Assert.Contains($"{argName} '{key}' of 'CsvDataset' must be {expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotedFields_KeepSeparatorsQuotesAndNewLines()
    {
        var table = LoadTable("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",2\n");

        Assert.Equal("x, y", table.Rows[0]["a"]);
        Assert.Equal("say \"hi\"", table.Rows[0]["b"]);
        Assert.Equal("two\nlines", table.Rows[1]["a"]);
    }

    [Fact]
    public void HashAtLineStart_IsData_NotAComment()
    {
        var table = LoadTable("tag,n\n#blue,1\n");

        Assert.Equal("#blue", table.Rows[0]["tag"]);
    }

    [Fact]
    public void DuplicateHeaders_AreMangledAsPandasDoes()
    {
        var table = LoadTable("a,a,b\n1,2,3\n");

        Assert.Equal(["a", "a.1", "b"], table.Columns.Cast<DataColumn>().Select(c => c.ColumnName));
    }
}
