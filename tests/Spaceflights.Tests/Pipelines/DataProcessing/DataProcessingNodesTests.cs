using Spaceflights.Pipelines.DataProcessing;

namespace Spaceflights.Tests.Pipelines.DataProcessing;

public sealed class DataProcessingNodesTests
{
    [Theory]
    [InlineData("100%", 1.0)]
    [InlineData("67%", 0.67)]
    [InlineData("0%", 0.0)]
    public void ParsePercentage_ReadsKedrosPercentText_AsAFraction(string text, double expected) =>
        Assert.Equal(expected, DataProcessingNodes.ParsePercentage(text)!.Value, precision: 12);

    [Theory]
    [InlineData("$1,715.0", 1715.0)]
    [InlineData("$12,345,678.5", 12345678.5)]
    [InlineData("$99.0", 99.0)]
    public void ParseMoney_ReadsKedrosMoneyText_AsANumber(string text, double expected) =>
        Assert.Equal(expected, DataProcessingNodes.ParseMoney(text));

    [Fact]
    public void ParsePercentageAndMoney_KeepMissingValuesMissing()
    {
        Assert.Null(DataProcessingNodes.ParsePercentage(null));
        Assert.Null(DataProcessingNodes.ParsePercentage(""));
        Assert.Null(DataProcessingNodes.ParseMoney(null));
    }

    [Fact]
    public void ParseMoney_WhenTextIsNotMoney_NamesTheValue()
    {
        var error = Assert.Throws<FormatException>(() => DataProcessingNodes.ParseMoney("about $5"));
        Assert.Contains("'about $5'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("t", true)]
    [InlineData("f", false)]
    [InlineData(null, false)]
    [InlineData("true", false)]
    public void IsTrue_IsTrueOnlyForT_AsKedrosIsTrue(string? text, bool expected) =>
        Assert.Equal(expected, DataProcessingNodes.IsTrue(text));

    [Fact]
    public void PreprocessCompanies_ConvertsRatingAndApproval_KeepingOrderAndOtherColumns()
    {
        var result = DataProcessingNodes.PreprocessCompanies(
        [
            new Company { Id = 7, CompanyRating = "90%", CompanyLocation = "Niue", TotalFleetCount = 2, IataApproved = "t" },
            new Company { Id = 3, CompanyRating = null, CompanyLocation = null, TotalFleetCount = null, IataApproved = "f" },
        ]);

        Assert.Equal(
        [
            new PreprocessedCompany { Id = 7, CompanyRating = 0.9, CompanyLocation = "Niue", TotalFleetCount = 2, IataApproved = true },
            new PreprocessedCompany { Id = 3, CompanyRating = null, CompanyLocation = null, TotalFleetCount = null, IataApproved = false },
        ], result);
    }

    [Fact]
    public void PreprocessShuttles_ConvertsPriceAndChecks_KeepingOtherColumns()
    {
        var result = Assert.Single(DataProcessingNodes.PreprocessShuttles(
        [
            new Shuttle
            {
                Id = 1, ShuttleLocation = "Malta", ShuttleType = "Type V5", EngineType = "Quantum", EngineVendor = "ThetaBase Services",
                Engines = 2, PassengerCapacity = 4, CancellationPolicy = "strict", Crew = 2, DCheckComplete = "f",
                MoonClearanceComplete = "t", Price = "$1,325.0", CompanyId = 9,
            },
        ]));

        Assert.Equal(1325.0, result.Price);
        Assert.False(result.DCheckComplete);
        Assert.True(result.MoonClearanceComplete);
        Assert.Equal(("Malta", "Type V5", "Quantum", "ThetaBase Services", 2.0, 4L, "strict", 2.0, 9L),
            (result.ShuttleLocation, result.ShuttleType, result.EngineType, result.EngineVendor, result.Engines,
             result.PassengerCapacity, result.CancellationPolicy, result.Crew, result.CompanyId));
    }

    [Fact]
    public void CreateModelInputTable_InnerJoinsShuttlesReviewsAndCompanies_InShuttleOrder()
    {
        var table = DataProcessingNodes.CreateModelInputTable(
            [Shuttle(id: 20, companyId: 1), Shuttle(id: 10, companyId: 2), Shuttle(id: 30, companyId: 1)],
            [Company(id: 1, rating: 0.8), Company(id: 2, rating: 1.0)],
            [Review(shuttleId: 10, rating: 95), Review(shuttleId: 20, rating: 80), Review(shuttleId: 30, rating: 70)]);

        Assert.Equal([20L, 10L, 30L], table.Select(r => r.ShuttleId));
        Assert.Equal([1L, 2L, 1L], table.Select(r => r.Id));
        Assert.Equal([0.8, 1.0, 0.8], table.Select(r => r.CompanyRating));
        Assert.Equal([80.0, 95.0, 70.0], table.Select(r => r.ReviewScoresRating));
    }

    [Fact]
    public void CreateModelInputTable_DropsRowsWithoutAMatchOrWithAMissingValue()
    {
        var table = DataProcessingNodes.CreateModelInputTable(
        [
            Shuttle(id: 1, companyId: 1),                   // kept
            Shuttle(id: 2, companyId: 1),                   // no review
            Shuttle(id: 3, companyId: 99),                  // unknown company
            Shuttle(id: 4, companyId: 2),                   // company without rating
            Shuttle(id: 5, companyId: 1) with { Crew = null }, // missing crew
            Shuttle(id: 6, companyId: 1),                   // review without scores
        ],
        [Company(id: 1, rating: 0.5), Company(id: 2, rating: null)],
        [Review(1, 90), Review(3, 90), Review(4, 90), Review(5, 90), Review(6, null)]);

        Assert.Equal([1L], table.Select(r => r.ShuttleId));
    }

    [Fact]
    public void CreateModelInputTable_WithTwoReviewsForAShuttle_KeepsBothRows()
    {
        var table = DataProcessingNodes.CreateModelInputTable(
            [Shuttle(id: 1, companyId: 1)], [Company(id: 1, rating: 0.5)], [Review(1, 90), Review(1, 60)]);

        Assert.Equal([90.0, 60.0], table.Select(r => r.ReviewScoresRating));
    }

    internal static PreprocessedShuttle Shuttle(long id, long companyId) => new()
    {
        Id = id,
        ShuttleLocation = "Niue",
        ShuttleType = "Type F5",
        EngineType = "Plasma",
        EngineVendor = "Kuiper Works",
        Engines = 1,
        PassengerCapacity = 2,
        CancellationPolicy = "moderate",
        Crew = 1,
        DCheckComplete = true,
        MoonClearanceComplete = false,
        Price = 1000 + id,
        CompanyId = companyId,
    };

    internal static PreprocessedCompany Company(long id, double? rating) => new()
    {
        Id = id,
        CompanyRating = rating,
        CompanyLocation = "Chile",
        TotalFleetCount = 3,
        IataApproved = true,
    };

    internal static Review Review(long shuttleId, double? rating) => new()
    {
        ShuttleId = shuttleId,
        ReviewScoresRating = rating,
        ReviewScoresComfort = 9,
        ReviewScoresAmenities = 9,
        ReviewScoresTrip = 9,
        ReviewScoresCrew = 9,
        ReviewScoresLocation = 9,
        ReviewScoresPrice = 9,
        NumberOfReviews = 12,
        ReviewsPerMonth = 0.5,
    };
}
