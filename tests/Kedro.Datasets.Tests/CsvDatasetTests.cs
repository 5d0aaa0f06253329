using System.Data;
using Kedro.Datasets.Tests.Support;
using Kedro.IO;

namespace Kedro.Datasets.Tests;

public sealed class CsvDatasetTests : IDisposable
{
    private const string Companies =
        "id,company_rating,company_location,total_fleet_count,iata_approved\n"
        + "3888,100%,Isle of Man,1.0,f\n"
        + "46728,100%,,1.0,t\n"
        + "34618,38%,Isle of Man,,f\n";

    private readonly TempFolder _dir = new("kedro-datasets-tests");

    public void Dispose() => _dir.Dispose();

    private CsvDataset CompaniesDataset()
    {
        var path = _dir.PathOf("companies.csv");
        File.WriteAllText(path, Companies);
        return new CsvDataset(path);
    }

    [Fact]
    public void Load_AsListOfRecords_MapsSnakeCaseHeadersAndMissingValues()
    {
        var companies = Assert.IsType<List<Company>>(CompaniesDataset().Load(typeof(List<Company>)));

        Assert.Equal(3, companies.Count);
        Assert.Equal(new Company(3888, "100%", "Isle of Man", 1.0, "f"), companies[0]);
        Assert.Null(companies[1].CompanyLocation);
        Assert.Null(companies[2].TotalFleetCount);
    }

    [Theory]
    [InlineData(typeof(IReadOnlyList<Company>))]
    [InlineData(typeof(IEnumerable<Company>))]
    [InlineData(typeof(IList<Company>))]
    [InlineData(typeof(Company[]))]
    public void Load_AsAnyListShape_ReturnsThatShape(Type requested)
    {
        var loaded = CompaniesDataset().Load(requested);

        Assert.IsAssignableFrom(requested, loaded);
        Assert.Equal(3, ((IEnumerable<Company>)loaded!).Count());
    }

    [Fact]
    public void Load_IntoClassWithAttributesAndParsedTypes_ReadsTfAsBooleans()
    {
        var rows = (List<TypedCompany>)CompaniesDataset().Load(typeof(List<TypedCompany>))!;

        Assert.Equal("38%", rows[2].Rating);
        Assert.False(rows[0].IataApproved);
        Assert.True(rows[1].IataApproved);
        Assert.Equal(1, rows[0].TotalFleetCount); // "1.0" is a whole number
        Assert.Null(rows[2].TotalFleetCount);
    }

    [Fact]
    public void Load_Untyped_IsDataTableWithInferredColumnTypes()
    {
        var table = Assert.IsType<DataTable>(CompaniesDataset().Load());

        Assert.Equal(["id", "company_rating", "company_location", "total_fleet_count", "iata_approved"],
            table.Columns.Cast<DataColumn>().Select(c => c.ColumnName));
        Assert.Equal(typeof(long), table.Columns["id"]!.DataType);
        Assert.Equal(typeof(string), table.Columns["company_rating"]!.DataType);
        Assert.Equal(typeof(double), table.Columns["total_fleet_count"]!.DataType);
        Assert.Equal(3888L, table.Rows[0]["id"]);
        Assert.Equal(DBNull.Value, table.Rows[1]["company_location"]);
        Assert.IsType<DataTable>(CompaniesDataset().Load(typeof(DataTable)));
    }

    [Fact]
    public void Load_AsDictionaries_TypesValuesPerColumn()
    {
        var rows = (List<Dictionary<string, object?>>)CompaniesDataset().Load(typeof(List<Dictionary<string, object?>>))!;

        Assert.Equal(46728L, rows[1]["id"]);
        Assert.Null(rows[1]["company_location"]);
        Assert.Equal("t", rows[1]["iata_approved"]);
    }

    [Fact]
    public async Task LoadAsync_AsRecords_MatchesSyncLoad()
    {
        var dataset = CompaniesDataset();
        var loaded = (IReadOnlyList<Company>)(await dataset.LoadAsync(typeof(IReadOnlyList<Company>)))!;
        Assert.Equal((List<Company>)dataset.Load(typeof(List<Company>))!, loaded);
    }

    [Fact]
    public void SaveThenLoad_Records_RoundTripWithSnakeCaseHeaders()
    {
        var path = _dir.PathOf("out", "companies.csv");
        var dataset = new CsvDataset(path);
        var companies = new List<Company> { new(1, "90%", "Earth, Sol", 2.5, "t"), new(2, null, "Mars \"Red\"", null, null) };

        dataset.Save(companies);

        Assert.StartsWith("id,company_rating,company_location,total_fleet_count,iata_approved\n", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(companies, (List<Company>)dataset.Load(typeof(List<Company>))!);
    }

    [Fact]
    public void SaveThenLoad_EmptyList_WritesTheHeaderAndLoadsEmpty()
    {
        var dataset = new CsvDataset(_dir.PathOf("empty.csv"));

        dataset.Save(new List<Company>());

        Assert.Equal("id,company_rating,company_location,total_fleet_count,iata_approved\n", File.ReadAllText(_dir.PathOf("empty.csv")));
        Assert.Empty((List<Company>)dataset.Load(typeof(List<Company>))!);
        Assert.Equal(5, ((DataTable)dataset.Load()!).Columns.Count);
    }

    [Fact]
    public void SaveThenLoad_DataTable_RoundTrips()
    {
        var table = new DataTable();
        table.Columns.Add("name", typeof(string));
        table.Columns.Add("score", typeof(double));
        table.Rows.Add("a", 1.5);
        table.Rows.Add("b", DBNull.Value);
        var dataset = new CsvDataset(_dir.PathOf("table.csv"));

        dataset.Save(table);
        var loaded = (DataTable)dataset.Load()!;

        Assert.Equal("name,score\na,1.5\nb,\n", File.ReadAllText(_dir.PathOf("table.csv")));
        Assert.Equal(1.5, loaded.Rows[0]["score"]);
        Assert.Equal(DBNull.Value, loaded.Rows[1]["score"]);
    }

    [Fact]
    public void SaveAndLoad_HonourSeparatorHeaderAndNaArguments()
    {
        var path = _dir.PathOf("semi.csv");
        var dataset = new CsvDataset(path,
            loadArgs: new Dictionary<string, object?> { ["sep"] = ";", ["na_values"] = new List<object?> { "missing" } },
            saveArgs: new Dictionary<string, object?> { ["sep"] = ";", ["na_rep"] = "missing", ["index"] = false });

        dataset.Save(new List<Company> { new(1, null, "x", 1.25, "f") });

        Assert.Equal("id;company_rating;company_location;total_fleet_count;iata_approved\n1;missing;x;1.25;f\n", File.ReadAllText(path));
        Assert.Null(((List<Company>)dataset.Load(typeof(List<Company>))!)[0].CompanyRating);

        File.WriteAllText(path, "1;2\n3;4\n");
        var headerless = new CsvDataset(path, loadArgs: new Dictionary<string, object?> { ["sep"] = ";", ["header"] = null });
        var table = (DataTable)headerless.Load()!;
        Assert.Equal(["0", "1"], table.Columns.Cast<DataColumn>().Select(c => c.ColumnName));
        Assert.Equal(2, table.Rows.Count);
    }

    [Fact]
    public void Load_NumbersUseInvariantCulture_WhateverTheCurrentCulture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var dataset = new CsvDataset(_dir.PathOf("culture.csv"));
            dataset.Save(new List<Company> { new(1, null, null, 1234.5, null) });
            Assert.Contains("1234.5", File.ReadAllText(_dir.PathOf("culture.csv")), StringComparison.Ordinal);
            Assert.Equal(1234.5, ((List<Company>)dataset.Load(typeof(List<Company>))!)[0].TotalFleetCount);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Load_IntoInternalRecordWithInitProperties_AsSpaceflightsDeclaresThem()
    {
        var rows = (List<InternalCompany>)CompaniesDataset().Load(typeof(List<InternalCompany>))!;

        Assert.Equal(34618, rows[2].Id);
        Assert.Equal("38%", rows[2].CompanyRating);
        Assert.Null(rows[1].CompanyLocation);
        Assert.Equal("t", rows[1].IataApproved);
    }

    [Fact]
    public void Load_AsUnsupportedType_NamesDatasetFileAndType()
    {
        var dataset = CompaniesDataset();

        var error = Assert.Throws<DatasetException>(() => dataset.Load(typeof(List<int>)));

        Assert.StartsWith($"Failed while loading data from dataset {dataset}.", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Cannot load '{_dir.PathOf("companies.csv")}' as 'List<int>'", error.Message, StringComparison.Ordinal);
        Assert.Contains("list of records", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyCellIntoNonNullableProperty_SaysRowColumnAndFix()
    {
        File.WriteAllText(_dir.PathOf("r.csv"), "shuttle_id,number_of_reviews\n1,3\n2,\n");
        var error = Assert.Throws<DatasetException>(() => new CsvDataset(_dir.PathOf("r.csv")).Load(typeof(List<Review>)));
        Assert.Contains("row 3, column 'number_of_reviews' is empty, which 'int' cannot hold.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Declare the property as nullable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadCell_SaysRowColumnValueAndType()
    {
        File.WriteAllText(_dir.PathOf("r.csv"), "shuttle_id,number_of_reviews\n1,many\n");
        var error = Assert.Throws<DatasetException>(() => new CsvDataset(_dir.PathOf("r.csv")).Load(typeof(List<Review>)));
        Assert.Contains("row 2, column 'number_of_reviews': cannot read 'many' as 'int'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingRequiredColumn_ListsWhatTheFileHas()
    {
        File.WriteAllText(_dir.PathOf("r.csv"), "shuttle,reviews\n1,2\n");
        var error = Assert.Throws<DatasetException>(() => new CsvDataset(_dir.PathOf("r.csv")).Load(typeof(List<Review>)));
        Assert.Contains("needs the column(s) 'ShuttleId', 'NumberOfReviews'", error.Message, StringComparison.Ordinal);
        Assert.Contains("(columns: 'shuttle', 'reviews')", error.Message, StringComparison.Ordinal);
    }

    public sealed class Settable
    {
        public long Id { get; set; }

        public string Name { get; set; } = string.Empty;

        public int Count { get; set; }
    }

    public sealed class WithDefaults
    {
        public long Id { get; set; }

        public string? Note { get; set; }

        public double? Score { get; set; }

        public string Kind { get; set; } = "plain";

        public int Retries { get; set; } = 3;
    }

    public sealed record Positional(long Id, string Kind = "plain", int Retries = 3, string? Note = null);

    [Fact]
    public void Load_ClassMissingANonNullablePropertyWithoutInitializer_NamesFileColumnAndColumnsFound()
    {
        // 'count' was renamed in the file: loading it as 0 would be silently wrong.
        var path = _dir.PathOf("r.csv");
        File.WriteAllText(path, "id,name,total\n1,a,5\n");

        var error = Assert.Throws<DatasetException>(() => new CsvDataset(path).Load(typeof(List<Settable>)));

        Assert.Contains($"Cannot load '{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs the column(s) 'Count', which the file does not have (columns: 'id', 'name', 'total')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingColumnsOfNullableOrInitializedProperties_KeepTheirDefaults()
    {
        var path = _dir.PathOf("r.csv");
        File.WriteAllText(path, "id\n7\n");

        var row = Assert.Single(Assert.IsType<List<WithDefaults>>(new CsvDataset(path).Load(typeof(List<WithDefaults>))));

        Assert.Equal(7, row.Id);
        Assert.Null(row.Note);
        Assert.Null(row.Score);
        Assert.Equal("plain", row.Kind);
        Assert.Equal(3, row.Retries);
    }

    [Fact]
    public void Load_MissingColumnsOfConstructorParametersWithDefaults_UseTheDefaults()
    {
        var path = _dir.PathOf("r.csv");
        File.WriteAllText(path, "id\n7\n");

        var row = Assert.Single(Assert.IsType<List<Positional>>(new CsvDataset(path).Load(typeof(List<Positional>))));

        Assert.Equal(new Positional(7), row);
    }

    [Fact]
    public void Load_InvalidUtf8_FailsWithFileLineAndByteOffset()
    {
        var path = _dir.PathOf("r.csv");
        File.WriteAllBytes(path, [.. "a,b\n1,x\n2,"u8, 0xFF, .. "y\n"u8]);

        var error = Assert.Throws<DatasetException>(() => new CsvDataset(path).Load());

        Assert.Contains($"'{path}' is not valid utf-8: byte(s) FF at line 3, byte offset 10 cannot be decoded.", error.Message, StringComparison.Ordinal);
        Assert.Contains("'encoding_errors'", error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidDataException>(error.InnerException);
        Assert.IsType<System.Text.DecoderFallbackException>(error.InnerException!.InnerException);
    }

    [Theory]
    [InlineData("replace", "\uFFFDy")]
    [InlineData("ignore", "y")]
    public void Load_InvalidUtf8WithEncodingErrors_ReplacesOrDropsTheBytesAsPandas(string errors, string expected)
    {
        var path = _dir.PathOf("r.csv");
        File.WriteAllBytes(path, [.. "a,b\n2,"u8, 0xFF, .. "y\n"u8]);
        var loadArgs = new Dictionary<string, object?> { ["encoding_errors"] = errors };

        var table = Assert.IsType<DataTable>(new CsvDataset(path, loadArgs).Load());

        Assert.Equal(expected, table.Rows[0]["b"]);
    }

    [Fact]
    public void Load_Latin1WithItsEncoding_ReadsTheText()
    {
        var path = _dir.PathOf("r.csv");
        File.WriteAllBytes(path, [.. "name\nJos"u8, 0xE9, .. "\n"u8]);

        var table = Assert.IsType<DataTable>(new CsvDataset(path, new Dictionary<string, object?> { ["encoding"] = "latin-1" }).Load());

        Assert.Equal("José", table.Rows[0]["name"]);
    }

    [Fact]
    public void Save_TextTheEncodingCannotHold_FailsAndWritesNothing()
    {
        var path = _dir.PathOf("r.csv");
        var dataset = new CsvDataset(path, saveArgs: new Dictionary<string, object?> { ["encoding"] = "latin-1" });

        var error = Assert.Throws<DatasetException>(() => dataset.Save(new List<Dictionary<string, object?>> { new() { ["price"] = "5 €" } }));

        Assert.IsType<System.Text.EncoderFallbackException>(error.InnerException);
        Assert.Empty(_dir.Files());
    }

    [Fact]
    public void Load_Utf8WithByteOrderMark_SkipsTheMark()
    {
        var path = _dir.PathOf("r.csv");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "id\n1\n"u8]);

        var table = Assert.IsType<DataTable>(new CsvDataset(path).Load());

        Assert.Equal("id", table.Columns[0].ColumnName);
    }

    [Fact]
    public void Create_WithUnknownEncodingErrors_SaysWhichModesExist()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new CsvDataset(_dir.PathOf("r.csv"), new Dictionary<string, object?> { ["encoding_errors"] = "surrogateescape" }));

        Assert.Contains("encoding_errors", error.Message, StringComparison.Ordinal);
        Assert.Contains("'strict', 'replace', 'ignore'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void Load_EmptyFile_SaysNoColumnsToParseAndNamesTheFile(string content)
    {
        var path = _dir.PathOf("r.csv");
        File.WriteAllText(path, content);
        var dataset = new CsvDataset(path);

        var error = Assert.Throws<DatasetException>(() => dataset.Load(typeof(List<Company>)));

        Assert.Contains($"No columns to parse from file '{path}'", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Failed while loading data from dataset {dataset}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RowWithTooManyFields_IsRefused()
    {
        File.WriteAllText(_dir.PathOf("r.csv"), "a,b\n1,2\n3,4,5\n");
        var error = Assert.Throws<DatasetException>(() => new CsvDataset(_dir.PathOf("r.csv")).Load());
        Assert.Contains("row 3 has 3 fields, but the header has 2 columns.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_WhenWritingFails_LeavesThePreviousFileAndNoTemporaryFile()
    {
        var path = _dir.PathOf("keep.csv");
        var dataset = new CsvDataset(path);
        dataset.Save(new List<Company> { new(1, "a", "b", 1, "t") });
        var before = File.ReadAllText(path);

        var error = Assert.Throws<DatasetException>(() => dataset.Save(new List<WithExploding> { new(1, new Exploding()) }));

        Assert.Contains("boom", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(path));
        Assert.Equal(["keep.csv"], _dir.Files());
    }

    [Fact]
    public async Task SaveAsync_WhenCancelled_LeavesThePreviousFile()
    {
        var path = _dir.PathOf("keep.csv");
        var dataset = new CsvDataset(path);
        await dataset.SaveAsync(new List<Company> { new(1, "a", "b", 1, "t") });
        var before = File.ReadAllText(path);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await dataset.SaveAsync(new List<Company>(), cancelled.Token));

        Assert.Equal(before, File.ReadAllText(path));
        Assert.Equal(["keep.csv"], _dir.Files());
    }

    [Fact]
    public void Save_SomethingNotTabular_SaysWhatItSaves()
    {
        var error = Assert.Throws<DatasetException>(() => new CsvDataset(_dir.PathOf("x.csv")).Save(42));
        Assert.Contains("a CSV file saves a 'DataTable', a 'DataFrame', an Arrow 'RecordBatch' or 'Table', or a list of records or dictionaries, not a 'int'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_ListOfScalars_SaysItNeedsRecords()
    {
        var error = Assert.Throws<DatasetException>(() => new CsvDataset(_dir.PathOf("x.csv")).Save(new List<int> { 1 }));
        Assert.Contains("'int' is not a record or class with public properties", error.Message, StringComparison.Ordinal);
        Assert.Empty(_dir.Files());
    }

    [Fact]
    public void Versioned_SaveThenLoadLatestOrAGivenVersion()
    {
        var path = _dir.PathOf("versioned.csv");
        new CsvDataset(path, version: new DatasetVersion(null, "2024-01-01T00.00.00.000Z")).Save(new List<Company> { new(1, null, null, null, null) });
        new CsvDataset(path, version: new DatasetVersion(null, "2024-01-02T00.00.00.000Z")).Save(new List<Company> { new(2, null, null, null, null) });

        var latest = new CsvDataset(path, version: new DatasetVersion(null, null));
        var first = new CsvDataset(path, version: new DatasetVersion("2024-01-01T00.00.00.000Z", null));

        Assert.Equal(2, ((List<Company>)latest.Load(typeof(List<Company>))!)[0].Id);
        Assert.Equal(1, ((List<Company>)first.Load(typeof(List<Company>))!)[0].Id);
        Assert.True(File.Exists(_dir.PathOf("versioned.csv", "2024-01-01T00.00.00.000Z", "versioned.csv")));
        Assert.Equal(["2024-01-02T00.00.00.000Z", "2024-01-01T00.00.00.000Z"], latest.ListVersions(fullPath: false));
    }

    [Fact]
    public void Constructor_UnknownLoadArgument_NamesItAndTheSupportedOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => new CsvDataset(_dir.PathOf("x.csv"), loadArgs: new Dictionary<string, object?> { ["chunksize"] = 10 }));
        Assert.StartsWith("'CsvDataset' does not support load_args 'chunksize'. Supported load_args: 'sep', 'delimiter', 'header'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RemotePath_IsRefusedClearly()
    {
        var error = Assert.Throws<ArgumentException>(() => new CsvDataset("s3://bucket/companies.csv"));
        Assert.Contains("reads and writes local files only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_DescribesLikeKedro()
    {
        var dataset = new CsvDataset("data/companies.csv");
        Assert.Equal("Kedro.Datasets.CsvDataset(filepath='data/companies.csv', protocol='file', load_args={}, save_args={'index': False})", dataset.ToString());
    }
}

internal sealed record InternalCompany
{
    public long Id { get; init; }

    public string? CompanyRating { get; init; }

    public string? CompanyLocation { get; init; }

    public double? TotalFleetCount { get; init; }

    public string? IataApproved { get; init; }
}
