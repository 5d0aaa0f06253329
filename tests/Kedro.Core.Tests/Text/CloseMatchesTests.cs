using Kedro.Shared.Text;

namespace Kedro.Core.Tests.Text;

public class CloseMatchesTests
{
    [Fact]
    public void Find_ReturnsWhatPythonsDifflibReturns_BestFirst() =>
        Assert.Equal(["apple", "ape"], CloseMatches.Find("appel", ["ape", "apple", "peach", "puppy"]));

    [Fact]
    public void Find_BelowTheCutoff_ReturnsNothing() => Assert.Empty(CloseMatches.Find("zebra", ["ape", "apple"]));

    [Fact]
    public void Find_KeepsAtMostCountMatches_TiesInReverseOrderAsPythonsHeap() =>
        Assert.Equal(["data_c", "data_b"], CloseMatches.Find("data", ["data_a", "data_b", "data_c"], count: 2, cutoff: 0.5));

    [Fact]
    public void Ratio_IsSequenceMatchersRatio()
    {
        Assert.Equal(0.75, CloseMatches.Ratio("abcd", "bcde"));
        Assert.Equal(1.0, CloseMatches.Ratio(string.Empty, string.Empty));
    }
}
