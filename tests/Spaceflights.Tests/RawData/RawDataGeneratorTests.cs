using System.Data;
using System.Globalization;
using System.Text.RegularExpressions;
using Kedro.Datasets;
using Spaceflights.RawData;
using Spaceflights.Tests.Support;

namespace Spaceflights.Tests.RawData;

public sealed partial class RawDataGeneratorTests
{
    private static readonly RawDataSize Small = new(300, 450);

    [Fact]
    public void Generate_HasTheStartersFilesColumns()
    {
        var (companies, reviews, shuttles) = RawDataGenerator.Generate(Small);

        Assert.Equal(["id", "company_rating", "company_location", "total_fleet_count", "iata_approved"], companies.Columns);
        Assert.Equal(
            ["shuttle_id", "review_scores_rating", "review_scores_comfort", "review_scores_amenities", "review_scores_trip",
             "review_scores_crew", "review_scores_location", "review_scores_price", "number_of_reviews", "reviews_per_month"],
            reviews.Columns);
        Assert.Equal(
            ["id", "shuttle_location", "shuttle_type", "engine_type", "engine_vendor", "engines", "passenger_capacity",
             "cancellation_policy", "crew", "d_check_complete", "moon_clearance_complete", "price", "company_id"],
            shuttles.Columns);
        Assert.Equal(300, companies.Rows.Count);
        Assert.Equal(450, shuttles.Rows.Count);
        Assert.Equal(450, reviews.Rows.Count);
    }

    [Fact]
    public void Generate_WritesValuesInTheStartersFormats()
    {
        var (companies, _, shuttles) = RawDataGenerator.Generate(Small);

        Assert.All(companies.Rows, r => Assert.True(r[1] is null || PercentText().IsMatch((string)r[1]!), $"rating {r[1]}"));
        Assert.All(companies.Rows, r => Assert.Contains(r[4], new object[] { "t", "f" }));
        Assert.All(shuttles.Rows, r => Assert.Matches(MoneyText(), (string)r[11]!));
        Assert.All(shuttles.Rows, r => Assert.Contains(r[9], new object[] { "t", "f" }));
        Assert.Equal(shuttles.Rows.Count, shuttles.Rows.Select(r => r[0]).Distinct().Count());
    }

    [Fact]
    public void Generate_HasMissingValuesWhereTheRealDataHasThem()
    {
        var (companies, reviews, _) = RawDataGenerator.Generate(RawDataSize.Default);

        Assert.Contains(companies.Rows, r => r[1] is null);       // company_rating
        Assert.Contains(companies.Rows, r => r[3] is null);       // total_fleet_count
        Assert.Contains(reviews.Rows, r => r[1] is null && (long)r[8]! == 0);   // shuttles without reviews
        Assert.Contains(reviews.Rows, r => r[1] is not null);
    }

    [Fact]
    public void Generate_WithTheSameSeed_IsIdentical_AndAnotherSeedDiffers()
    {
        var first = RawDataGenerator.Generate(Small, seed: 7);
        var again = RawDataGenerator.Generate(Small, seed: 7);
        var other = RawDataGenerator.Generate(Small, seed: 8);

        Assert.Equal(first.Shuttles.Rows, again.Shuttles.Rows);
        Assert.Equal(first.Reviews.Rows, again.Reviews.Rows);
        Assert.NotEqual(first.Shuttles.Rows, other.Shuttles.Rows);
    }

    [Fact]
    public void WriteIfEmpty_WritesAllFilesIntoAnEmptyFolder_AndNothingWhenAnyDataIsThere()
    {
        using var folder = new TempFolder();
        var raw = Path.Combine(folder.Path, "data", "01_raw");
        Directory.CreateDirectory(raw);
        File.WriteAllText(Path.Combine(raw, ".gitkeep"), string.Empty);

        Assert.Equal(["companies.csv", "reviews.csv", "shuttles.xlsx"], RawDataGenerator.WriteIfEmpty(raw, Small));
        Assert.Equal(4, Directory.GetFiles(raw).Length);   // no temporary files left behind
        File.WriteAllText(Path.Combine(raw, "companies.csv"), "id\n1\n");   // e.g. real data dropped in
        File.Delete(Path.Combine(raw, "reviews.csv"));

        Assert.Empty(RawDataGenerator.WriteIfEmpty(raw, Small));
        Assert.False(File.Exists(Path.Combine(raw, "reviews.csv")));
        Assert.Equal("id\n1\n", File.ReadAllText(Path.Combine(raw, "companies.csv")));
    }

    [Fact]
    public void WriteIfEmpty_WritesCsvAsPandasDoes()
    {
        using var folder = new TempFolder();

        RawDataGenerator.WriteIfEmpty(folder.Path, Small);

        var lines = File.ReadAllLines(Path.Combine(folder.Path, "companies.csv"));
        Assert.Equal("id,company_rating,company_location,total_fleet_count,iata_approved", lines[0]);
        Assert.Equal(301, lines.Length);
        Assert.Matches(@"^\d+,(\d+%)?,(""[^""]*""|[^,]*),(\d+\.0)?,[tf]$", lines[1]);
        Assert.Contains(lines, l => l.Contains("\"Korea, Republic of\"", StringComparison.Ordinal));
    }

    [Fact]
    public void WriteIfEmpty_WritesReviewScoresAsPandasFloats()
    {
        using var folder = new TempFolder();

        RawDataGenerator.WriteIfEmpty(folder.Path, Small);

        var lines = File.ReadAllLines(Path.Combine(folder.Path, "reviews.csv"));
        Assert.Equal(451, lines.Length);
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\d+(,\d+\.0){7},[1-9]\d*,\d+\.\d+$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\d+,{8}0,$"));   // no reviews: empty scores
    }

    [Fact]
    public void WriteIfEmpty_WritesAWorkbookWhoseSheet1LoadsAsTheGeneratedShuttles()
    {
        using var folder = new TempFolder();
        var shuttles = RawDataGenerator.Generate(Small).Shuttles;

        RawDataGenerator.WriteIfEmpty(folder.Path, Small);

        var sheet = LoadSheet(Path.Combine(folder.Path, "shuttles.xlsx"));
        Assert.Equal(shuttles.Columns, sheet.Columns.Cast<DataColumn>().Select(c => c.ColumnName));
        Assert.Equal(shuttles.Rows.Select(Texts), sheet.Rows.Cast<DataRow>().Select(r => Texts(r.ItemArray)));
        Assert.Contains(sheet.Rows.Cast<DataRow>(), r => r["engines"] is DBNull);   // missing cells stay missing
    }

    [Fact]
    public void WriteIfEmpty_WithTheSameSeed_WritesTheSameData()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();

        RawDataGenerator.WriteIfEmpty(first.Path, Small, seed: 7);
        RawDataGenerator.WriteIfEmpty(second.Path, Small, seed: 7);

        Assert.Equal(File.ReadAllBytes(Path.Combine(first.Path, "companies.csv")), File.ReadAllBytes(Path.Combine(second.Path, "companies.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(first.Path, "reviews.csv")), File.ReadAllBytes(Path.Combine(second.Path, "reviews.csv")));
        // A workbook is a zip whose entries carry the time they were written, so compare its content, not its bytes.
        Assert.Equal(
            LoadSheet(Path.Combine(first.Path, "shuttles.xlsx")).Rows.Cast<DataRow>().Select(r => Texts(r.ItemArray)),
            LoadSheet(Path.Combine(second.Path, "shuttles.xlsx")).Rows.Cast<DataRow>().Select(r => Texts(r.ItemArray)));
    }

    [Fact]
    public void WriteIfEmpty_AtTheTestSize_WritesTheCommittedSmallDataset()
    {
        // EndToEnd/SmallRawData is the reference dataset whose R^2 pandas and scikit-learn computed; the runs regenerate it.
        using var folder = new TempFolder();
        var committed = Path.Combine(SpaceflightsCopy.TestsFolder, "EndToEnd", "SmallRawData");

        RawDataGenerator.WriteIfEmpty(folder.Path, SpaceflightsCopy.TestSize);

        Assert.Equal(File.ReadAllBytes(Path.Combine(committed, "companies.csv")), File.ReadAllBytes(Path.Combine(folder.Path, "companies.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(committed, "reviews.csv")), File.ReadAllBytes(Path.Combine(folder.Path, "reviews.csv")));
        Assert.Equal(
            LoadSheet(Path.Combine(committed, "shuttles.xlsx")).Rows.Cast<DataRow>().Select(r => Texts(r.ItemArray)),
            LoadSheet(Path.Combine(folder.Path, "shuttles.xlsx")).Rows.Cast<DataRow>().Select(r => Texts(r.ItemArray)));
    }

    private static DataTable LoadSheet(string path) =>
        new ExcelDataset(path, new Dictionary<string, object?> { ["sheet_name"] = "Sheet1" }).Load(typeof(DataTable)) as DataTable
        ?? throw new InvalidOperationException($"'{path}' did not load as a DataTable.");

    // Cells as invariant text, so that a whole number reads the same whether it was written as long or double.
    private static string?[] Texts(object?[] cells) =>
        [.. cells.Select(c => c is null or DBNull ? null : Convert.ToString(c, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"^\d{1,3}%$")]
    private static partial Regex PercentText();

    [GeneratedRegex(@"^\$\d{1,3}(,\d{3})*\.\d$")]
    private static partial Regex MoneyText();
}
