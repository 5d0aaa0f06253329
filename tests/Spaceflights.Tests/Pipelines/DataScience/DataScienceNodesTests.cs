using Spaceflights.Pipelines.DataProcessing;
using Spaceflights.Pipelines.DataScience;

namespace Spaceflights.Tests.Pipelines.DataScience;

public sealed class DataScienceNodesTests
{
    private static readonly ModelOptions Options = new(0.2, 3, ["engines", "passenger_capacity", "d_check_complete"]);

    [Fact]
    public void SplitData_HoldsOutTheCeilingOfTestSize_AndKeepsEveryRowOnce()
    {
        var data = Rows(11);

        var (xTrain, xTest, yTrain, yTest) = DataScienceNodes.SplitData(data, Options);

        Assert.Equal(3, xTest.Rows.Count);   // ceil(0.2 × 11), as scikit-learn's train_test_split
        Assert.Equal(8, xTrain.Rows.Count);
        Assert.Equal(3, yTest.Length);
        Assert.Equal(data.Select(r => r.Price).Order(), yTrain.Concat(yTest).Order());
    }

    [Fact]
    public void SplitData_WithTheSameRandomState_GivesTheSameSplit_AndAnotherStateAnother()
    {
        var data = Rows(50);

        var first = DataScienceNodes.SplitData(data, Options);
        var again = DataScienceNodes.SplitData(data, Options);
        var other = DataScienceNodes.SplitData(data, Options with { RandomState = 4 });

        Assert.Equal(first.YTest, again.YTest);
        Assert.Equal(first.YTrain, again.YTrain);
        Assert.NotEqual(first.YTest, other.YTest);
    }

    [Fact]
    public void SplitData_TakesTheFeaturesInTheGivenOrder_WithBooleansAsZeroOrOne()
    {
        var (xTrain, _, yTrain, _) = DataScienceNodes.SplitData(Rows(10), Options);

        Assert.Equal(["engines", "passenger_capacity", "d_check_complete"], xTrain.Columns);
        for (var i = 0; i < xTrain.Rows.Count; i++)
        {
            var id = (long)yTrain[i] - 1000;   // Rows() sets price = 1000 + id
            Assert.Equal([id % 3, id, id % 2 == 0 ? 1 : 0], xTrain.Rows[i]);
        }
    }

    [Fact]
    public void SplitData_WithAnUnknownFeature_NamesItAndTheColumnsThatExist()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            DataScienceNodes.SplitData(Rows(5), Options with { Features = ["engines", "warp_factor"] }));

        Assert.Contains("'warp_factor'", error.Message, StringComparison.Ordinal);
        Assert.Contains("passenger_capacity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainModel_OnNoiselessLinearData_RecoversInterceptAndCoefficients()
    {
        var random = new Random(1);
        var rows = Enumerable.Range(0, 40).Select(_ => new[] { random.NextDouble() * 10, random.Next(0, 2), random.NextDouble() }).ToList();
        var y = rows.Select(r => 3 + (2 * r[0]) - (5 * r[1]) + (0.5 * r[2])).ToArray();

        var model = DataScienceNodes.TrainModel(new FeatureMatrix(["a", "b", "c"], rows), y);

        Assert.Equal(3, model.Intercept, precision: 9);
        Assert.Equal(2, model.Coefficients[0], precision: 9);
        Assert.Equal(-5, model.Coefficients[1], precision: 9);
        Assert.Equal(0.5, model.Coefficients[2], precision: 9);
        Assert.Equal(["a", "b", "c"], model.Features);
    }

    [Fact]
    public void TrainModel_MatchesTheTextbookLeastSquaresFit()
    {
        // slope = Sxy / Sxx = 9 / 5, intercept = mean(y) - slope × mean(x) = 4 - 1.8 × 1.5.
        var model = DataScienceNodes.TrainModel(
            new FeatureMatrix(["x"], [[0], [1], [2], [3]]), [1.5, 2.5, 5.5, 6.5]);

        Assert.Equal(1.3, model.Intercept, precision: 9);
        Assert.Equal(1.8, model.Coefficients[0], precision: 9);
    }

    [Fact]
    public void TrainModel_WithADuplicatedColumn_StillFitsTheData()
    {
        var rows = Enumerable.Range(0, 10).Select(i => new double[] { i, i }).ToList();
        var y = rows.Select(r => 1 + (4 * r[0])).ToArray();

        var model = DataScienceNodes.TrainModel(new FeatureMatrix(["x", "x_again"], rows), y);

        Assert.Equal(1.0, DataScienceNodes.R2Score(y, model.Predict(new FeatureMatrix(["x", "x_again"], rows))), precision: 9);
    }

    [Fact]
    public void R2Score_MatchesScikitLearnsDocumentedExample()
    {
        Assert.Equal(0.9486081370449679, DataScienceNodes.R2Score([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]), precision: 12);
        Assert.Equal(1.0, DataScienceNodes.R2Score([1, 2, 3], [1, 2, 3]));
        Assert.Equal(0.0, DataScienceNodes.R2Score([1, 2, 3], [2, 2, 2]));
        Assert.Equal(-3.0, DataScienceNodes.R2Score([1, 2, 3], [3, 2, 1]), precision: 12);
    }

    [Fact]
    public void EvaluateModel_ReturnsR2AsMetrics()
    {
        var model = new LinearRegressionModel(["x"], 1, [2]);

        var metrics = DataScienceNodes.EvaluateModel(model, new FeatureMatrix(["x"], [[1], [2], [3]]), [3, 5, 7]);

        Assert.Equal(1.0, metrics["r2_score"]);
    }

    [Fact]
    public void Predict_WithOtherColumns_SaysWhichFeaturesTheModelNeeds()
    {
        var model = new LinearRegressionModel(["x", "y"], 0, [1, 1]);

        var error = Assert.Throws<ArgumentException>(() => model.Predict(new FeatureMatrix(["y", "x"], [[1, 2]])));

        Assert.Contains("[x, y]", error.Message, StringComparison.Ordinal);
    }

    private static List<ModelInputRow> Rows(int count) =>
    [
        .. Enumerable.Range(1, count).Select(id => new ModelInputRow
        {
            ShuttleLocation = "Niue", ShuttleType = "Type V1", EngineType = "Quantum", EngineVendor = "Helios Motors",
            Engines = id % 3, PassengerCapacity = id, CancellationPolicy = "flexible", Crew = 1, DCheckComplete = id % 2 == 0,
            MoonClearanceComplete = false, Price = 1000 + id, CompanyId = 1, ShuttleId = id, ReviewScoresRating = 90,
            ReviewScoresComfort = 9, ReviewScoresAmenities = 9, ReviewScoresTrip = 9, ReviewScoresCrew = 9,
            ReviewScoresLocation = 9, ReviewScoresPrice = 9, NumberOfReviews = 3, ReviewsPerMonth = 0.2, Id = 1,
            CompanyRating = 0.9, CompanyLocation = "Chile", TotalFleetCount = 2, IataApproved = true,
        }),
    ];
}
