using System.Text.Json;
using Microsoft.Data.Analysis;
using Spaceflights.Modelling;
using Spaceflights.Tests.Modelling.Vectors;

namespace Spaceflights.Tests.Modelling;

public sealed class LinearRegressionTests
{
    public static TheoryData<string> Cases() =>
        [.. ReferenceVectors.Read("linear_regression.json").GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_GivesScikitLearnsCoefficientsInterceptAndRank(string name)
    {
        var expected = Case(name);
        var x = ReferenceVectors.Matrix(expected.GetProperty("x"));

        var model = new LinearRegression().Fit(x, ReferenceVectors.Doubles(expected.GetProperty("y")));

        var coef = ReferenceVectors.Doubles(expected.GetProperty("coef"));
        Assert.Equal(coef.Length, model.Coef.Length);
        for (var j = 0; j < coef.Length; j++)
        {
            Assert.True(Math.Abs(coef[j] - model.Coef[j]) <= 1e-9 * Math.Max(1, Math.Abs(coef[j])), $"{name}: coef[{j}] is {model.Coef[j]}, scikit-learn's {coef[j]}");
        }

        var intercept = expected.GetProperty("intercept").GetDouble();
        Assert.True(Math.Abs(intercept - model.Intercept) <= 1e-9 * Math.Max(1, Math.Abs(intercept)), $"{name}: intercept is {model.Intercept}, scikit-learn's {intercept}");
        Assert.Equal(expected.GetProperty("rank").GetInt32(), model.Rank);
        var singular = ReferenceVectors.Doubles(expected.GetProperty("singular"));
        Assert.Equal(singular[0], model.Singular[0], 1e-9 * singular[0]);
    }

    [Fact]
    public void Fit_WithAConstantColumn_GivesItAZeroCoefficient() =>
        Assert.Equal(0.0, new LinearRegression().Fit(ReferenceVectors.Matrix(Case("constant_column").GetProperty("x")), ReferenceVectors.Doubles(Case("constant_column").GetProperty("y"))).Coef[1], 1e-12);

    [Fact]
    public void Fit_WithADuplicatedColumn_SplitsTheWeightEvenlyAsTheMinimumNormSolution()
    {
        var expected = Case("duplicated_column");

        var model = new LinearRegression().Fit(ReferenceVectors.Matrix(expected.GetProperty("x")), ReferenceVectors.Doubles(expected.GetProperty("y")));

        Assert.Equal(model.Coef[0], model.Coef[1], 1e-9);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Predict_ScoresAsScikitLearnOnTheTrainingData(string name)
    {
        var expected = Case(name);
        var x = ReferenceVectors.Matrix(expected.GetProperty("x"));
        var y = ReferenceVectors.Doubles(expected.GetProperty("y"));

        var score = Metrics.R2Score(y, new LinearRegression().Fit(x, y).Predict(x));

        Assert.Equal(expected.GetProperty("score").GetDouble(), score, 1e-12);
    }

    [Fact]
    public void FitAndPredict_OnADataFrame_UseItsNumericAndBooleanColumns()
    {
        var x = new DataFrame(
            new DoubleDataFrameColumn("engines", [1.0, 2, 3, 1, 2, 3]),
            new BooleanDataFrameColumn("iata_approved", [true, false, true, false, false, true]),
            new Int64DataFrameColumn("crew", [1L, 1, 2, 2, 3, 3]));
        double[] y = [17.0, 18, 30, 16, 24, 33];

        var model = new LinearRegression().Fit(x, y);

        Assert.Equal(["engines", "iata_approved", "crew"], model.FeatureNamesIn);
        Assert.Equal(1.0, Metrics.R2Score([17.0, 18, 30, 16, 24, 33], model.Predict(x)), 1e-12);
        Assert.Equal(new[] { 5.0, 4, 3 }, model.Coef.Select(c => Math.Round(c, 9)));
        Assert.Equal(5.0, model.Intercept, 1e-9);
    }

    [Fact]
    public void Predict_WithOtherColumns_SaysWhichWereFitted()
    {
        var model = new LinearRegression().Fit(new DataFrame(new DoubleDataFrameColumn("a", [1.0, 2, 3])), [1.0, 2, 3]);

        var error = Assert.Throws<ArgumentException>(() => model.Predict(new DataFrame(new DoubleDataFrameColumn("b", [1.0]))));

        Assert.Contains("fitted with [a], given [b]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_WithAMissingValue_NamesTheColumnAndRow()
    {
        var x = new DataFrame(new DoubleDataFrameColumn("crew", [1.0, null, 3]));

        var error = Assert.Throws<ArgumentException>(() => new LinearRegression().Fit(x, [1.0, 2, 3]));

        Assert.Contains("Column 'crew' row 1 holds a missing value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_RoundTripsThroughJson()
    {
        var model = new LinearRegression().Fit(ReferenceVectors.Matrix(Case("well_conditioned").GetProperty("x")), ReferenceVectors.Doubles(Case("well_conditioned").GetProperty("y")));

        var copy = JsonSerializer.Deserialize<LinearRegression>(JsonSerializer.Serialize(model))!;

        Assert.Equal(model.Coef, copy.Coef);
        Assert.Equal(model.Intercept, copy.Intercept);
        Assert.Equal(model.Rank, copy.Rank);
    }

    [Theory]
    [InlineData(new[] { 1.0, 2, 3 }, new[] { 1.0, 2, 3 }, 1.0)]
    [InlineData(new[] { 2.0, 2, 2 }, new[] { 2.0, 2, 2 }, 1.0)]
    [InlineData(new[] { 2.0, 2, 2 }, new[] { 2.0, 2, 3 }, 0.0)]
    [InlineData(new[] { 1.0, 2, 3, 4 }, new[] { 2.0, 2, 3, 3 }, 0.6)]
    public void R2Score_IsScikitLearns(double[] actual, double[] predicted, double expected) =>
        Assert.Equal(expected, Metrics.R2Score(actual, predicted), 1e-12);

    private static JsonElement Case(string name) =>
        ReferenceVectors.Read("linear_regression.json").GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
}
