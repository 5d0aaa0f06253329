using Kedro.Pipelines;

namespace Kedro.Core.Tests.Pipelines;

public sealed class PipelineFilterTests
{
    private static readonly Func<object, object> Identity = PipelineFixtures.Identity;

    private static HashSet<string> Names(Pipeline pipeline) => PipelineFixtures.Names(pipeline);

    private static HashSet<string> Set(params string[] names) => PipelineFixtures.Set(names);

    /// <summary>Kedro's "transcoding complex" pipeline (node1..node10).</summary>
    private static Pipeline TranscodedComplex() => new(
    [
        Node.Create(PipelineFixtures.Triconcat, ["H@node1", "I", "M"], "N", name: "node1"),
        Node.Create(Identity, "H@node2", "I", name: "node2"),
        Node.Create(PipelineFixtures.Pair, "F", ["G", "M"], name: "node3"),
        Node.Create(PipelineFixtures.Pair, "E", ["F", "H@node4"], name: "node4"),
        Node.Create(PipelineFixtures.Sink, "D", null, name: "node5"),
        Node.Create(Identity, "C", "D", name: "node6"),
        Node.Create(PipelineFixtures.Pair, "B@node7", ["C", "E"], name: "node7"),
        Node.Create(PipelineFixtures.Pair, "A", ["B@node8", "L"], name: "node8"),
        Node.Create(PipelineFixtures.ConstantOutput, null, "A", name: "node9"),
        Node.Create(PipelineFixtures.Sink, "B@node10", null, name: "node10"),
    ]);

    [Fact]
    public void Filter_WithoutCriteria_ReturnsACopy()
    {
        var pipeline = PipelineFixtures.Complex();

        var filtered = pipeline.Filter();

        Assert.NotSame(pipeline, filtered);
        Assert.Equal(Names(pipeline), Names(filtered));
    }

    [Fact]
    public void Filter_WithOneCriterion_SelectsLikeTheMatchingMethod()
    {
        var pipeline = PipelineFixtures.Complex();

        Assert.Equal(Set("node6", "node7"), Names(pipeline.Filter(tags: ["foo"])));
        Assert.Equal(Set("node1", "node2", "node3", "node4"), Names(pipeline.Filter(fromNodes: ["node4"])));
        Assert.Equal(Set("node9", "node8", "node7", "node4"), Names(pipeline.Filter(toNodes: ["node4"])));
        Assert.Equal(Set("node4", "node5"), Names(pipeline.Filter(nodeNames: ["node4", "node5"])));
        Assert.Equal(Set("node1", "node3"), Names(pipeline.Filter(fromInputs: ["F"])));
        Assert.Equal(Set("node4", "node7", "node8", "node9"), Names(pipeline.Filter(toOutputs: ["F"])));
    }

    [Fact]
    public void Filter_WithSeveralCriteria_IntersectsThem()
    {
        var pipeline = PipelineFixtures.Complex();

        Assert.Equal(Set("node3", "node4"), Names(pipeline.Filter(fromNodes: ["node4"], toOutputs: ["M"])));
        Assert.Equal(Set("node3"), Names(pipeline.Filter(fromNodes: ["node4"], toOutputs: ["M"], nodeNames: ["node3"])));
        var error = Assert.Throws<ArgumentException>(() =>
            pipeline.Filter(fromNodes: ["node4"], toOutputs: ["M"], nodeNames: ["node3"], toNodes: ["node4"]));
        Assert.Equal(
            "Pipeline contains no nodes after applying all provided filters. Please ensure that at least one pipeline with nodes has been defined.",
            error.Message);
    }

    [Fact]
    public void Filter_WhenPipelineIsEmpty_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new Pipeline(Array.Empty<Node>()).Filter());

        Assert.StartsWith("Pipeline contains no nodes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Filter_ByNamespace_SelectsNestedNamespacesToo()
    {
        var filtered = PipelineFixtures.Namespaced().Filter(nodeNamespaces: ["katie"]);

        Assert.Equal(Set("katie.node1", "katie.lisa.node4", "katie.lisa.john.node6"), Names(filtered));
    }

    [Fact]
    public void OnlyNodesWithTags_SelectsNodesWithAnyTag()
    {
        var pipeline = new Pipeline(
        [
            Node.Create(PipelineFixtures.Sink, "E", null, name: "node1"),
            Node.Create(Identity, "D", "E", name: "node2", tags: ["tag1", "tag2"]),
            Node.Create(Identity, "C", "D", name: "node3"),
            Node.Create(Identity, "A", "B", name: "node4", tags: ["tag2"]),
            Node.Create(Identity, "B", "C", name: "node5"),
            Node.Create(PipelineFixtures.ConstantOutput, null, "A", name: "node6", tags: ["tag1"]),
        ]);

        Assert.Equal(Set("node2", "node6"), Names(pipeline.OnlyNodesWithTags("tag1")));
        Assert.Equal(Set("node2", "node4"), Names(pipeline.OnlyNodesWithTags("tag2")));
        Assert.Equal(Set("node2", "node4", "node6"), Names(pipeline.OnlyNodesWithTags("tag1", "tag2")));
        Assert.Equal(Set("node2", "node4", "node6"), Names(pipeline.OnlyNodesWithTags("tag1", "tag2", "tag-missing")));
        Assert.Empty(pipeline.OnlyNodesWithTags("tag-missing").Nodes);
        Assert.Empty(pipeline.OnlyNodesWithTags().Nodes);
    }

    [Fact]
    public void FromNodesAndToNodes_FollowDependencies()
    {
        var pipeline = PipelineFixtures.Complex();

        Assert.Equal(Set("node1", "node2", "node3"), Names(pipeline.FromNodes("node3", "node2")));
        Assert.Equal(Set("node4", "node6", "node7", "node8", "node9"), Names(pipeline.ToNodes("node4", "node6")));
        var from = Assert.Throws<ArgumentException>(() => pipeline.FromNodes("missing_node"));
        var to = Assert.Throws<ArgumentException>(() => pipeline.ToNodes("missing_node"));
        Assert.StartsWith("Pipeline does not contain nodes named ['missing_node']", from.Message, StringComparison.Ordinal);
        Assert.StartsWith("Pipeline does not contain nodes named ['missing_node']", to.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyNodes_SelectsExactlyTheNamedNodes()
    {
        var pipeline = PipelineFixtures.Complex();

        Assert.Equal(Set("node2", "node3", "node4", "node8"), Names(pipeline.OnlyNodes("node2", "node3", "node4", "node8")));
        Assert.Equal(Set("node1"), Names(pipeline.OnlyNodes("node1")));
        var error = Assert.Throws<ArgumentException>(() => pipeline.OnlyNodes("NaN", "invalid"));
        Assert.StartsWith("Pipeline does not contain nodes named ['NaN', 'invalid'].", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyNodes_WhenNameMissesItsNamespace_SuggestsNamespacedNames()
    {
        var pipeline = PipelineFixtures.Namespaced();

        var one = Assert.Throws<ArgumentException>(() => pipeline.OnlyNodes("node1"));
        var two = Assert.Throws<ArgumentException>(() => pipeline.OnlyNodes("node1", "node2"));
        var mixed = Assert.Throws<ArgumentException>(() => pipeline.OnlyNodes("katie.node1", "node2"));

        Assert.StartsWith("Pipeline does not contain nodes named ['node1']. Did you mean: ['katie.node1']?", one.Message, StringComparison.Ordinal);
        Assert.Contains("katie.node1", two.Message, StringComparison.Ordinal);
        Assert.Contains("lisa.node2", two.Message, StringComparison.Ordinal);
        Assert.StartsWith("Pipeline does not contain nodes named ['node2']. Did you mean: ['lisa.node2']?", mixed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromInputsAndToOutputs_FollowDatasets()
    {
        var pipeline = PipelineFixtures.Complex();

        Assert.Equal(Set("node1", "node2", "node3"), Names(pipeline.FromInputs("F", "H")));
        Assert.Equal(Set("node4", "node7", "node8", "node9"), Names(pipeline.ToOutputs("F", "H")));
        var from = Assert.Throws<ArgumentException>(() => pipeline.FromInputs("Z", "W", "E", "C"));
        var to = Assert.Throws<ArgumentException>(() => pipeline.ToOutputs("Z", "W", "E", "C"));
        Assert.StartsWith("Pipeline does not contain datasets named ['W', 'Z']", from.Message, StringComparison.Ordinal);
        Assert.StartsWith("Pipeline does not contain datasets named ['W', 'Z']", to.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyNodesWithInputsAndOutputs_SelectDirectConsumersAndProducers()
    {
        var pipeline = PipelineFixtures.Complex();

        Assert.Equal(Set("node1", "node2"), Names(pipeline.OnlyNodesWithInputs("H")));
        Assert.Equal(Set("node4"), Names(pipeline.OnlyNodesWithOutputs("F", "H")));
        var inputs = Assert.Throws<ArgumentException>(() => pipeline.OnlyNodesWithInputs("Z", "W", "E", "C"));
        var outputs = Assert.Throws<ArgumentException>(() => pipeline.OnlyNodesWithOutputs("Z", "W", "E", "C"));
        Assert.Contains("['W', 'Z']", inputs.Message, StringComparison.Ordinal);
        Assert.Contains("['W', 'Z']", outputs.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyNodesWithNamespaces_SelectsTheNamespaceAndItsChildren()
    {
        var pipeline = PipelineFixtures.Namespaced();

        static HashSet<string?> Namespaces(Pipeline p) => [.. p.Nodes.Select(node => node.Namespace)];

        Assert.Equal(["katie", "katie.lisa", "katie.lisa.john"], Namespaces(pipeline.OnlyNodesWithNamespaces("katie")).Order());
        Assert.Equal(["lisa", "lisa.john"], Namespaces(pipeline.OnlyNodesWithNamespaces("lisa")).Order());
        Assert.Equal(["john"], Namespaces(pipeline.OnlyNodesWithNamespaces("john")));
        Assert.Equal(["katie.lisa", "katie.lisa.john"], Namespaces(pipeline.OnlyNodesWithNamespaces("katie.lisa")).Order());
        var error = Assert.Throws<ArgumentException>(() => pipeline.OnlyNodesWithNamespaces("non_existent"));
        var plain = Assert.Throws<ArgumentException>(() => PipelineFixtures.Complex().OnlyNodesWithNamespaces("non_existent"));
        Assert.StartsWith("Pipeline does not contain nodes with the following namespaces: ['non_existent']", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Pipeline does not contain nodes with the following namespaces: ['non_existent']", plain.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Filters_WhenTranscoded_MatchBareNamesToEveryFormat()
    {
        var pipeline = TranscodedComplex();

        Assert.Equal(Names(pipeline).Except(["node9"]).ToHashSet(), Names(pipeline.FromNodes("node8")));
        Assert.Equal(Set("node7", "node8", "node9"), Names(pipeline.ToNodes("node7")));
        Assert.Equal(Set("node2"), Names(pipeline.OnlyNodesWithInputs("H@node2")));
        Assert.Equal(Set("node1", "node2"), Names(pipeline.OnlyNodesWithInputs("H")));
        Assert.Equal(Set("node1", "node2"), Names(pipeline.OnlyNodesWithInputs("H", "H@node1")));
        Assert.Equal(Set("node1"), Names(pipeline.FromInputs("H@node1")));
        Assert.Equal(Set("node1", "node2"), Names(pipeline.FromInputs("H@node2")));
        Assert.Equal(Set("node1", "node2", "node3", "node4"), Names(pipeline.FromInputs("E")));
        Assert.Equal(Set("node1", "node2", "node3", "node4", "node5", "node6", "node7"), Names(pipeline.FromInputs("B@node7", "L")));
        Assert.Equal(Set("node1", "node2"), Names(pipeline.FromInputs("H")));
        Assert.Equal(Set("node4"), Names(pipeline.OnlyNodesWithOutputs("H@node4")));
        Assert.Empty(pipeline.OnlyNodesWithOutputs("H@node2").Nodes);
        Assert.Equal(Set("node4"), Names(pipeline.OnlyNodesWithOutputs("H")));
        Assert.Equal(Set("node4", "node7", "node8", "node9"), Names(pipeline.ToOutputs("H@node4")));
        Assert.Empty(pipeline.ToOutputs("H@node2").Nodes);
        Assert.Equal(Set("node4", "node6", "node7", "node8", "node9"), Names(pipeline.ToOutputs("H@node4", "D")));
    }

    [Fact]
    public void Filters_WhenTranscodedDatasetIsUnknown_Throw()
    {
        var pipeline = TranscodedComplex();
        const string Message = "Pipeline does not contain datasets named ['Z']";

        Assert.Equal(Message, Assert.Throws<ArgumentException>(() => pipeline.OnlyNodesWithInputs("Z")).Message);
        Assert.Equal(Message, Assert.Throws<ArgumentException>(() => pipeline.FromInputs("Z")).Message);
        Assert.Equal(Message, Assert.Throws<ArgumentException>(() => pipeline.OnlyNodesWithOutputs("Z")).Message);
        Assert.Equal(Message, Assert.Throws<ArgumentException>(() => pipeline.ToOutputs("Z")).Message);
    }

    private static string Duplicates(params string[] names) =>
        "Pipeline nodes must have unique names. The following node names appear more than once:\n\nFree nodes:\n"
        + string.Concat(names.Select(name => $"  - {name}\n"))
        + "\nYou can name your nodes using the last argument of 'node()'.";

    [Fact]
    public void OnlyNodes_WhenANameRepeats_ThrowsTheDuplicateNameError()
    {
        var pipeline = PipelineFixtures.Complex();

        var error = Assert.Throws<ArgumentException>(() => pipeline.OnlyNodes("node2", "node1", "node2", "node1", "node3"));

        Assert.Equal(Duplicates("node1", "node2"), error.Message);
    }

    [Fact]
    public void FromNodesAndToNodes_WhenANameRepeats_ThrowTheDuplicateNameError()
    {
        var pipeline = PipelineFixtures.Complex();

        var from = Assert.Throws<ArgumentException>(() => pipeline.FromNodes("node4", "node4"));
        var to = Assert.Throws<ArgumentException>(() => pipeline.ToNodes("node4", "node6", "node4"));

        Assert.Equal(Duplicates("node4"), from.Message);
        Assert.Equal(Duplicates("node4"), to.Message);
    }

    [Fact]
    public void FromNodesAndToNodes_WhenOneNodeIsDownstreamOfAnother_KeepItOnce()
    {
        var pipeline = PipelineFixtures.Complex();

        Assert.Equal(Set("node1", "node2", "node3", "node4"), Names(pipeline.FromNodes("node4", "node3")));
        Assert.Equal(Set("node4", "node7", "node8", "node9"), Names(pipeline.ToNodes("node4", "node8")));
    }

    [Fact]
    public void Filter_WhenANodeNameRepeats_ThrowsTheDuplicateNameError()
    {
        var pipeline = PipelineFixtures.Complex();

        var names = Assert.Throws<ArgumentException>(() => pipeline.Filter(nodeNames: ["node3", "node3"]));
        var from = Assert.Throws<ArgumentException>(() => pipeline.Filter(fromNodes: ["node4", "node4"], toOutputs: ["M"]));
        var to = Assert.Throws<ArgumentException>(() => pipeline.Filter(tags: ["foo"], toNodes: ["node7", "node7"]));

        Assert.Equal(Duplicates("node3"), names.Message);
        Assert.Equal(Duplicates("node4"), from.Message);
        Assert.Equal(Duplicates("node7"), to.Message);
    }

    [Fact]
    public void OnlyNodesWithNamespaces_WhenNamespacesOverlapOrRepeat_ThrowsTheDuplicateNameError()
    {
        var pipeline = PipelineFixtures.Namespaced();

        var nested = Assert.Throws<ArgumentException>(() => pipeline.OnlyNodesWithNamespaces("katie", "katie.lisa"));
        var repeated = Assert.Throws<ArgumentException>(() => pipeline.OnlyNodesWithNamespaces("john", "john"));
        var filtered = Assert.Throws<ArgumentException>(() => pipeline.Filter(nodeNamespaces: ["lisa", "lisa.john"]));

        Assert.Equal(Duplicates("katie.lisa.john.node6", "katie.lisa.node4"), nested.Message);
        Assert.Equal(Duplicates("john.node3"), repeated.Message);
        Assert.Equal(Duplicates("lisa.john.node5"), filtered.Message);
    }

    [Fact]
    public void DatasetFilters_WhenANameRepeats_SelectEachNodeOnce()
    {
        var pipeline = PipelineFixtures.Complex();

        Assert.Equal(Set("node1", "node2", "node3"), Names(pipeline.FromInputs("F", "H", "F")));
        Assert.Equal(Set("node4", "node7", "node8", "node9"), Names(pipeline.ToOutputs("F", "H", "F", "E")));
        Assert.Equal(Set("node1", "node2"), Names(pipeline.OnlyNodesWithInputs("H", "H", "I")));
        Assert.Equal(Set("node4"), Names(pipeline.OnlyNodesWithOutputs("F", "H", "F")));
        Assert.Equal(Set("node6", "node7"), Names(pipeline.OnlyNodesWithTags("foo", "foo")));
        Assert.Equal(Set("node1", "node3"), Names(pipeline.Filter(fromInputs: ["F", "F"], toOutputs: ["N", "N"])));
    }

    [Fact]
    public void Operators_WhenANodeIsSelectedByBothSides_KeepItOnceOrRefuseANameClash()
    {
        // Kedro's operators work on sets of nodes: equal nodes merge, a different node under the same name is refused.
        var pipeline = PipelineFixtures.Complex();
        var left = pipeline.FromNodes("node4");
        var right = pipeline.ToNodes("node4");
        var clash = new Pipeline([Node.Create(Identity, "X", "Y", name: "node4")]);

        var union = Set("node1", "node2", "node3", "node4", "node7", "node8", "node9");
        Assert.Equal(union, Names(left + right));
        Assert.Equal(union, Names(left | right));
        Assert.Equal(Set("node4"), Names(left & right));
        Assert.Equal(Set("node1", "node2", "node3"), Names(left - right));
        var error = Assert.Throws<ArgumentException>(() => left + clash);
        Assert.Equal(Duplicates("node4"), error.Message);
        Assert.Equal(Set("node1", "node2", "node3", "node4"), Names(left - clash));
        Assert.Empty((left & clash).Nodes);
    }
}
