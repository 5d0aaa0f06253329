using Microsoft.Data.Analysis;
using Spaceflights.Pipelines.DataProcessing;

namespace Spaceflights.Tests.Pipelines.DataProcessing;

public sealed class DataProcessingNodesTests
{
    [Fact]
    public void PreprocessCompanies_ConvertsRatingAndApproval_KeepingOrderAndOtherColumns()
    {
        var companies = new DataFrame(
            new Int64DataFrameColumn("id", [7L, 3, 5]),
            new StringDataFrameColumn("company_rating", ["90%", null, "100%"]),
            new StringDataFrameColumn("company_location", ["Niue", null, "Malta"]),
            new DoubleDataFrameColumn("total_fleet_count", [2.0, null, 1]),
            new StringDataFrameColumn("iata_approved", ["t", "f", null]));

        var result = DataProcessingNodes.PreprocessCompanies(companies);

        Assert.Equal(["id", "company_rating", "company_location", "total_fleet_count", "iata_approved"], result.Columns.Select(c => c.Name));
        Assert.Equal([0.9, null, 1.0], result.Columns["company_rating"].Cast<double?>());
        Assert.Equal([true, false, false], result.Columns["iata_approved"].Cast<bool?>());
        Assert.Equal(["Niue", null, "Malta"], result.Columns["company_location"].Cast<string?>());
    }

    [Fact]
    public void PreprocessShuttles_ConvertsPriceAndChecks()
    {
        var shuttles = new DataFrame(
            new StringDataFrameColumn("d_check_complete", ["t", "f"]),
            new StringDataFrameColumn("moon_clearance_complete", ["f", "t"]),
            new StringDataFrameColumn("price", ["$1,325.0", "$12,345,678.5"]));

        var result = DataProcessingNodes.PreprocessShuttles(shuttles);

        Assert.Equal([true, false], result.Columns["d_check_complete"].Cast<bool?>());
        Assert.Equal([false, true], result.Columns["moon_clearance_complete"].Cast<bool?>());
        Assert.Equal([1325.0, 12345678.5], result.Columns["price"].Cast<double?>());
    }

    [Fact]
    public void PreprocessShuttles_WhenAPriceIsNotMoney_NamesTheColumnRowAndValue()
    {
        var shuttles = new DataFrame(
            new StringDataFrameColumn("d_check_complete", ["t", "f"]),
            new StringDataFrameColumn("moon_clearance_complete", ["f", "t"]),
            new StringDataFrameColumn("price", ["$1.0", "about $5"]));

        var error = Assert.Throws<FormatException>(() => DataProcessingNodes.PreprocessShuttles(shuttles));

        Assert.Contains("Column 'price' row 1: could not convert 'about $5' to a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateModelInputTable_JoinsInTheShuttlesOrder_DropsTheShuttleIdAndIncompleteRows()
    {
        var shuttles = new DataFrame(
            new Int64DataFrameColumn("id", [11L, 12, 13, 14]),
            new DoubleDataFrameColumn("engines", [1.0, 2, null, 4]),
            new Int64DataFrameColumn("company_id", [2L, 1, 1, 9]));
        var companies = new DataFrame(
            new Int64DataFrameColumn("id", [1L, 2]),
            new DoubleDataFrameColumn("company_rating", [0.9, 1.0]));
        var reviews = new DataFrame(
            new Int64DataFrameColumn("shuttle_id", [13L, 12, 11, 14]),
            new DoubleDataFrameColumn("review_scores_rating", [90.0, 80, 70, 60]));

        var table = DataProcessingNodes.CreateModelInputTable(shuttles, companies, reviews);

        Assert.Equal(["engines", "company_id", "shuttle_id", "review_scores_rating", "id", "company_rating"], table.Columns.Select(c => c.Name));
        Assert.Equal([11L, 12L], table.Columns["shuttle_id"].Cast<long?>());
        Assert.Equal([1.0, 0.9], table.Columns["company_rating"].Cast<double?>());
    }
}
