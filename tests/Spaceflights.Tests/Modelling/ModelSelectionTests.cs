using System.Text.Json;
using Microsoft.Data.Analysis;
using Spaceflights.Modelling;
using Spaceflights.Tests.Modelling.Vectors;

namespace Spaceflights.Tests.Modelling;

public sealed class ModelSelectionTests
{
    public static TheoryData<int> StateCases() => [.. Enumerable.Range(0, ReferenceVectors.Read("train_test_split.json").GetProperty("states").GetArrayLength())];

    public static TheoryData<int> SplitCases() => [.. Enumerable.Range(0, ReferenceVectors.Read("train_test_split.json").GetProperty("splits").GetArrayLength())];

    [Theory]
    [MemberData(nameof(StateCases))]
    public void LegacyRandomState_SeedsAndDrawsAsNumPy(int index)
    {
        var expected = ReferenceVectors.Read("train_test_split.json").GetProperty("states")[index];
        var state = LegacyRandomState.FromSeed(expected.GetProperty("seed").GetInt64());

        Assert.Equal(expected.GetProperty("key_head").EnumerateArray().Select(e => e.GetUInt32()), state.Key.Take(4));
        Assert.Equal(expected.GetProperty("key_last").GetUInt32(), state.Key[^1]);
        Assert.Equal(expected.GetProperty("first_uint32").EnumerateArray().Select(e => e.GetUInt32()), Enumerable.Range(0, 8).Select(_ => state.NextUInt32()));
    }

    [Theory]
    [MemberData(nameof(SplitCases))]
    public void TrainTestIndices_AreScikitLearnsForTheSameArguments(int index)
    {
        var expected = ReferenceVectors.Read("train_test_split.json").GetProperty("splits")[index];

        var (train, test) = ModelSelection.TrainTestIndices(
            expected.GetProperty("n").GetInt32(), expected.GetProperty("test_size").GetDouble(), expected.GetProperty("random_state").GetInt64());

        Assert.Equal(ReferenceVectors.Ints(expected.GetProperty("test")), test);
        Assert.Equal(ReferenceVectors.Ints(expected.GetProperty("train")), train);
    }

    [Fact]
    public void TrainTestIndices_RoundsTheTestSetUpAsScikitLearn()
    {
        // 0.28 × 25 is 7.000000000000001 in floating point, so scikit-learn's ceil gives 8 test rows.
        var (train, test) = ModelSelection.TrainTestIndices(25, 0.28, 3);

        Assert.Equal(8, test.Length);
        Assert.Equal(17, train.Length);
    }

    [Fact]
    public void TrainTestSplit_TakesTheRowsOfXAndYAtTheSplitIndices()
    {
        var x = new DataFrame(new DoubleDataFrameColumn("a", Enumerable.Range(0, 10).Select(i => i * 10.0)), new BooleanDataFrameColumn("b", Enumerable.Range(0, 10).Select(i => i % 2 == 0)));
        var y = Enumerable.Range(0, 10).Select(i => i + 0.5).ToArray();

        var (xTrain, xTest, yTrain, yTest) = ModelSelection.TrainTestSplit(x, y, 0.2, 3);

        var (train, test) = ModelSelection.TrainTestIndices(10, 0.2, 3);
        Assert.Equal(train.Select(i => (object)(i * 10.0)), xTrain.Columns["a"].Cast<object>());
        Assert.Equal(test.Select(i => (object)(i % 2 == 0)), xTest.Columns["b"].Cast<object>());
        Assert.Equal(train.Select(i => i + 0.5), yTrain);
        Assert.Equal(test.Select(i => i + 0.5), yTest);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void TrainTestIndices_RefusesATestSizeOutsideZeroToOne(double testSize)
    {
        var error = Assert.Throws<ArgumentException>(() => ModelSelection.TrainTestIndices(10, testSize, 3));
        Assert.Contains("should be a float in the (0, 1) range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainTestIndices_RefusesAnEmptyTrainingSet()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelSelection.TrainTestIndices(1, 0.5, 3));
        Assert.Contains("the resulting train set will be empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(4294967296L)]
    public void LegacyRandomState_RefusesASeedNumPyRefuses(long seed) =>
        Assert.Contains("Seed must be between 0 and 2**32 - 1", Assert.Throws<ArgumentOutOfRangeException>(() => LegacyRandomState.FromSeed(seed)).Message, StringComparison.Ordinal);

    [Fact]
    public void ReferenceVectors_WereMadeWithNumPyAndScikitLearn()
    {
        var madeWith = ReferenceVectors.Read("train_test_split.json").GetProperty("made_with");
        Assert.Equal(JsonValueKind.String, madeWith.GetProperty("numpy").ValueKind);
        Assert.Equal(JsonValueKind.String, madeWith.GetProperty("sklearn").ValueKind);
    }
}
