using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners.Internal;
using static Kedro.Testing.Runners.Kit;
using Kedro.Testing.Runners;

namespace Kedro.Core.Tests.Runners;

/// <summary>Kedro's find_nodes_to_resume_from (anatomy §4.9).</summary>
public class ResumeSuggestionTests
{
    private static Pipeline Asymmetric() => new(
    [
        N("node1", Identity, "ds0_A", "_ds1"),
        N("node2", Identity, "ds0_B", "_ds2"),
        N("node3", Identity, "_ds1", "_ds3"),
        N("node4", (object? a, object? b) => a, new[] { "_ds2", "_ds3" }, "_ds4"),
    ]);

    private static Pipeline Triangular() => new(
    [
        N("node1", Identity, "ds0_A", "_ds1_A"),
        N("node2", Identity, "_ds1_A", "ds2_A"),
        N("node3", (object? a, object? b) => a, new[] { "ds2_A", "_ds1_A" }, "_ds3_A"),
    ]);

    private static SortedSet<string> Find(Pipeline pipeline, DataCatalog catalog, params string[] remaining) =>
        ResumeSuggestion.FindNodesToResumeFrom(pipeline, pipeline.Nodes.Where(n => remaining.Contains(n.Name)), catalog);

    [Theory]
    [InlineData(new[] { "node2", "node3", "node4" }, new[] { "node1", "node2" })]
    [InlineData(new[] { "node3", "node4" }, new[] { "node1", "node2" })]
    [InlineData(new[] { "node4" }, new[] { "node1", "node2" })]
    [InlineData(new string[0], new string[0])]
    public void Find_Asymmetric(string[] remaining, string[] expected) =>
        Assert.Equal(expected, Find(Asymmetric(), PersistentCatalog(), remaining));

    [Fact]
    public void Find_EmptyPipeline_ReturnsNothing() =>
        Assert.Empty(Find(new Pipeline(Array.Empty<Node>()), PersistentCatalog()));

    [Fact]
    public void Find_Triangular() => Assert.Equal(["node1"], Find(Triangular(), PersistentCatalog(), "node3"));

    public static readonly TheoryData<string[], string[]> CrossedCases = new()
    {
        { ["node1_A", "node1_B", "node2", "node3_A", "node3_B", "node4_A", "node4_B"], ["node1_A", "node1_B"] },
        { ["node2", "node3_A", "node3_B", "node4_A", "node4_B"], ["node1_A", "node1_B"] },
        { ["node3_A", "node3_B", "node4_A", "node4_B"], ["node3_A", "node3_B"] },
        { ["node4_A", "node4_B"], ["node3_A", "node3_B"] },
        { ["node4_A"], ["node3_A"] },
        { ["node3_A", "node4_A"], ["node3_A"] },
    };

    [Theory]
    [MemberData(nameof(CrossedCases))]
    public void Find_TwoBranchesCrossed(string[] remaining, string[] expected) =>
        Assert.Equal(expected, Find(TwoBranchesCrossed(), PersistentCatalog(), remaining));

    [Theory]
    [MemberData(nameof(CrossedCases))]
    public void Find_WithSharedParameterInput_GivesSameAnswer(string[] remaining, string[] expected)
    {
        var withParam = new Pipeline(TwoBranchesCrossed().Nodes.Select(n => Node.Create(
            n.Inputs.Count == 1
                ? (object? x, object? p) => x
                : new Func<object?, object?, object?, (object?, object?)>((a, b, p) => (a, b)),
            n.Inputs.Append("params:p").ToArray(),
            n.Outputs.Count == 1 ? n.Outputs[0] : n.Outputs.ToArray(),
            name: n.Name)));
        Assert.Equal(expected, Find(withParam, PersistentCatalog(), remaining));
    }

    [Theory]
    [MemberData(nameof(CrossedCases))]
    public void Find_WhenEverythingPersistent_ResumesExactlyTheRemainingNodes(string[] remaining, string[] expected)
    {
        _ = expected;
        var pipeline = TwoBranchesCrossed();
        var catalog = new DataCatalog(pipeline.Datasets().ToDictionary(d => d, IDataset (_) => new PersistentDataset(() => 0)));
        var result = Find(pipeline, catalog, remaining);
        Assert.Equal(remaining.Order(StringComparer.Ordinal), pipeline.FromNodes(result).Nodes.Select(n => n.Name).Order(StringComparer.Ordinal));
    }
}
