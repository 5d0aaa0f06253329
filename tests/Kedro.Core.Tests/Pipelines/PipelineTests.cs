using System.Text.Json;
using Kedro.Pipelines;

namespace Kedro.Core.Tests.Pipelines;

internal static class PipelineFixtures
{
    public static object Identity(object x) => x;

    public static object Biconcat(object a, object b) => $"{a}{b}";

    public static object Triconcat(object a, object b, object c) => $"{a}{b}{c}";

    public static object ConstantOutput() => "output";

    public static (object, object) Pair(object x) => (x, x);

    public static void Sink(object x) => _ = x;

    public static HashSet<string> Names(Pipeline pipeline) => [.. pipeline.Nodes.Select(node => node.Name)];

    public static HashSet<string> Set(params string[] names) => [.. names];

    /// <summary>Kedro's "complex" pipeline (node1..node9).</summary>
    public static Pipeline Complex() => new(
    [
        Node.Create(Triconcat, ["H", "I", "M"], "N", name: "node1"),
        Node.Create(Identity, "H", "I", name: "node2"),
        Node.Create(Pair, "F", ["G", "M"], name: "node3"),
        Node.Create(Pair, "E", ["F", "H"], name: "node4"),
        Node.Create(Sink, "D", null, name: "node5"),
        Node.Create(Identity, "C", "D", name: "node6", tags: ["foo"]),
        Node.Create(Pair, "B", ["C", "E"], name: "node7", tags: ["foo"]),
        Node.Create(Pair, "A", ["B", "L"], name: "node8"),
        Node.Create(ConstantOutput, null, "A", name: "node9"),
    ]);

    /// <summary>Kedro's "ns_pipeline".</summary>
    public static Pipeline Namespaced() => new(
    [
        Node.Create(Identity, "A", "B", name: "node1", @namespace: "katie"),
        Node.Create(Identity, "B", "C", name: "node2", @namespace: "lisa"),
        Node.Create(Identity, "C", "D", name: "node3", @namespace: "john"),
        Node.Create(Identity, "D", "E", name: "node4", @namespace: "katie.lisa"),
        Node.Create(Identity, "E", "F", name: "node5", @namespace: "lisa.john"),
        Node.Create(Identity, "F", "G", name: "node6", @namespace: "katie.lisa.john"),
    ]);
}

public sealed class PipelineTests
{
    private static readonly Func<object, object> IdentityFunc = PipelineFixtures.Identity;

    [Fact]
    public void Nodes_WhenBranchless_AreOneNodePerGroupInDependencyOrder()
    {
        var nodes = new[]
        {
            Node.Create(PipelineFixtures.Sink, "E", null),
            Node.Create(IdentityFunc, "D", "E"),
            Node.Create(IdentityFunc, "C", "D"),
            Node.Create(IdentityFunc, "A", "B"),
            Node.Create(IdentityFunc, "B", "C"),
            Node.Create(PipelineFixtures.ConstantOutput, null, "A"),
        };

        var pipeline = new Pipeline(nodes);

        Assert.Equal(6, pipeline.GroupedNodes.Count);
        Assert.All(pipeline.GroupedNodes, group => Assert.Single(group));
        Assert.Equal([nodes[5], nodes[3], nodes[4], nodes[2], nodes[1], nodes[0]], pipeline.Nodes);
        Assert.Equal(pipeline.GroupedNodes.SelectMany(group => group), pipeline.Nodes);
        Assert.Empty(pipeline.Inputs());
        Assert.Empty(pipeline.Outputs());
    }

    [Fact]
    public void GroupedNodes_WhenComplex_AreKahnLayersSortedByName()
    {
        var pipeline = PipelineFixtures.Complex();

        var groups = pipeline.GroupedNodes.Select(group => group.Select(node => node.Name).ToArray()).ToArray();

        Assert.Equal(
            [["node9"], ["node8"], ["node7"], ["node4", "node6"], ["node2", "node3", "node5"], ["node1"]],
            groups);
        Assert.Empty(pipeline.Inputs());
        Assert.Equal(PipelineFixtures.Set("L", "G", "N"), pipeline.Outputs());
    }

    [Fact]
    public void GroupedNodes_WhenTiesInALayer_AreSortedByNameNotInsertionOrder()
    {
        var pipeline = new Pipeline(
        [
            Node.Create(IdentityFunc, "A", "B", name: "z"),
            Node.Create(IdentityFunc, "C", "D", name: "a"),
            Node.Create(IdentityFunc, "B", "E", name: "m"),
        ]);

        Assert.Equal(["a", "z", "m"], pipeline.Nodes.Select(node => node.Name));
        Assert.Equal(2, pipeline.GroupedNodes.Count);
    }

    [Fact]
    public void Inputs_WhenChainsAreDisjoint_AreTheFreeInputsOfEach()
    {
        var chain = new Pipeline(
        [
            Node.Create(IdentityFunc, "A", "B", name: "ab"),
            Node.Create(IdentityFunc, "B", "C", name: "bc"),
            Node.Create(IdentityFunc, "C", "D", name: "cd"),
        ]);
        var disjoint = new Pipeline(
        [
            Node.Create(IdentityFunc, "A", "B", name: "ab"),
            Node.Create(IdentityFunc, "B", "C", name: "bc"),
            Node.Create(IdentityFunc, "D", "E", name: "de"),
            Node.Create(IdentityFunc, "E", "F", name: "ef"),
        ]);
        var duplicated = new Pipeline([Node.Create(PipelineFixtures.Biconcat, ["A", "A"], "B")]);

        Assert.Equal(PipelineFixtures.Set("A"), chain.Inputs());
        Assert.Equal(PipelineFixtures.Set("D"), chain.Outputs());
        Assert.Equal([["ab", "de"], ["bc", "ef"]], disjoint.GroupedNodes.Select(g => g.Select(n => n.Name).ToArray()));
        Assert.Equal(PipelineFixtures.Set("A", "D"), disjoint.Inputs());
        Assert.Equal(PipelineFixtures.Set("C", "F"), disjoint.Outputs());
        Assert.Equal(PipelineFixtures.Set("A"), duplicated.Inputs());
    }

    [Fact]
    public void Datasets_AreAllInputsAndAllOutputsIncludingParameters()
    {
        var pipeline = new Pipeline(
        [
            Node.Create(PipelineFixtures.Biconcat, ["A", "params:p"], "B", name: "n1"),
            Node.Create(IdentityFunc, "B", "C", name: "n2"),
        ]);

        Assert.Equal(PipelineFixtures.Set("A", "params:p", "B"), pipeline.AllInputs());
        Assert.Equal(PipelineFixtures.Set("B", "C"), pipeline.AllOutputs());
        Assert.Equal(PipelineFixtures.Set("A", "params:p"), pipeline.Inputs());
        Assert.Equal(PipelineFixtures.Set("A", "params:p", "B", "C"), pipeline.Datasets());
    }

    [Fact]
    public void NodeDependencies_WhenComplex_MapEachNodeToItsParents()
    {
        var pipeline = PipelineFixtures.Complex();

        var dependencies = pipeline.NodeDependencies.ToDictionary(
            pair => pair.Key.Name,
            pair => pair.Value.Select(node => node.Name).Order().ToArray());

        Assert.Equal(9, dependencies.Count);
        Assert.Equal(["node2", "node3", "node4"], dependencies["node1"]);
        Assert.Equal(["node4"], dependencies["node2"]);
        Assert.Equal(["node4"], dependencies["node3"]);
        Assert.Equal(["node7"], dependencies["node4"]);
        Assert.Equal(["node6"], dependencies["node5"]);
        Assert.Equal(["node7"], dependencies["node6"]);
        Assert.Equal(["node8"], dependencies["node7"]);
        Assert.Equal(["node9"], dependencies["node8"]);
        Assert.Empty(dependencies["node9"]);
    }

    [Fact]
    public void Tags_WhenGivenToThePipeline_AreAddedToEveryNode()
    {
        var nodes = new Pipeline(
        [
            Node.Create(IdentityFunc, "A", "B", name: "node1", tags: ["node1", "p1"]),
            Node.Create(IdentityFunc, "B", "C", name: "node2"),
        ]);

        var tagged = new Pipeline(nodes, tags: ["p1", "p2"]);
        var single = nodes.Tag("single_tag");

        Assert.Equal(PipelineFixtures.Set("node1", "p1", "p2"), tagged.Nodes.Single(n => n.Name == "node1").Tags);
        Assert.Equal(PipelineFixtures.Set("p1", "p2"), tagged.Nodes.Single(n => n.Name == "node2").Tags);
        Assert.All(single.Nodes, node => Assert.Contains("single_tag", node.Tags));
    }

    [Fact]
    public void Constructor_WhenEmpty_IsValid()
    {
        var pipeline = new Pipeline(Array.Empty<Node>());

        Assert.Empty(pipeline.Nodes);
        Assert.Empty(pipeline.Inputs());
        Assert.Empty(pipeline.Outputs());
    }

    [Fact]
    public void Constructor_WhenNodesIsNull_ThrowsKedrosMessage()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new Pipeline((IEnumerable<Node>)null!));

        Assert.StartsWith(
            "'nodes' argument of 'Pipeline' is None. It must be an iterable of nodes and/or pipelines instead.",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WhenNodesFormACycle_ThrowsCircularDependency()
    {
        var error = Assert.Throws<CircularDependencyException>(() => new Pipeline(
        [
            Node.Create(IdentityFunc, "A", "B", name: "n1"),
            Node.Create(IdentityFunc, "B", "C", name: "n2"),
            Node.Create(IdentityFunc, "C", "A", name: "n3"),
            Node.Create(IdentityFunc, "A", "X", name: "outside"),
        ]));

        Assert.StartsWith("Circular dependencies exist among the following 3 item(s): [Node(", error.Message, StringComparison.Ordinal);
        Assert.Contains("'n1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'n3'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("outside", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WhenTranscodedNamesFormACycle_ThrowsCircularDependency()
    {
        var error = Assert.Throws<CircularDependencyException>(() => new Pipeline(
        [
            Node.Create(IdentityFunc, "A@pandas", "B@pandas", name: "node1"),
            Node.Create(IdentityFunc, "B@spark", "C@spark", name: "node2"),
            Node.Create(IdentityFunc, "C@spark", "A@spark", name: "node3"),
        ]));

        Assert.Contains("Circular dependencies", error.Message, StringComparison.Ordinal);
        Assert.Contains("node1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WhenOutputsAreNotUnique_ThrowsOutputNotUnique()
    {
        var error = Assert.Throws<OutputNotUniqueException>(() => new Pipeline(
        [
            Node.Create(PipelineFixtures.Pair, "A", ["B", "C"], name: "node1"),
            Node.Create((object x) => (x, x, x), "C", ["D", "E", "F"], name: "node2"),
            Node.Create((object x) => new Dictionary<string, object?> { ["out1"] = x, ["out2"] = x }, "B",
                new Dictionary<string, string> { ["out1"] = "D", ["out2"] = "E" }, name: "node3"),
            Node.Create(IdentityFunc, "D", new List<string> { "E" }, name: "node4"),
        ]));

        Assert.Equal("Output(s) ['D', 'E'] are returned by more than one nodes. Node outputs must be unique.", error.Message);
    }

    [Fact]
    public void Constructor_WhenTranscodedOutputsCollide_ThrowsOutputNotUnique()
    {
        var error = Assert.Throws<OutputNotUniqueException>(() => new Pipeline(
        [
            Node.Create(IdentityFunc, "A", "B@pandas", name: "node1"),
            Node.Create(IdentityFunc, "A", "B@spark", name: "node2"),
        ]));

        Assert.Contains("['B']", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WhenFreeNodeNamesRepeat_ThrowsWithFreeNodesHeader()
    {
        var error = Assert.Throws<ArgumentException>(() => new Pipeline(
        [
            Node.Create(IdentityFunc, "A", "B", name: "same_name"),
            Node.Create(IdentityFunc, "C", "D", name: "same_name"),
        ]));

        Assert.Equal(
            "Pipeline nodes must have unique names. The following node names appear more than once:\n\nFree nodes:\n  - same_name\n\nYou can name your nodes using the last argument of 'node()'.",
            error.Message);
    }

    [Fact]
    public void Constructor_WhenFreeNodeRepeatsANestedPipelineNode_ThrowsWithFreeNodesHeader()
    {
        var nested = new Pipeline([Node.Create(IdentityFunc, "A", "B", name: "same_name")]);
        var free = Node.Create(IdentityFunc, "C", "D", name: "same_name");

        var error = Assert.Throws<ArgumentException>(() => new Pipeline(new object[] { nested, free }));

        Assert.StartsWith(
            "Pipeline nodes must have unique names. The following node names appear more than once:\n\nFree nodes:\n  - same_name",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WhenNestedPipelinesRepeatNames_ThrowsWithPipelineHeader()
    {
        var inner = new Pipeline([Node.Create(IdentityFunc, "A", "B", name: "node")]);
        var free = Node.Create(IdentityFunc, "C", "D", name: "node");

        var twice = Assert.Throws<ArgumentException>(() => new Pipeline([inner, inner]));
        var mixed = Assert.Throws<ArgumentException>(() => new Pipeline(new object[] { free, inner }));

        var pattern = @"^Pipeline nodes must have unique names\. The following node names appear more than once:\n\nPipeline\(\[.+\]\):\n  - node\n";
        Assert.Matches(pattern, twice.Message);
        Assert.Matches(pattern, mixed.Message);
    }

    [Fact]
    public void Constructor_WhenIdenticalUnnamedNodes_ThrowsDuplicateName()
    {
        var error = Assert.Throws<ArgumentException>(() => new Pipeline(
        [
            Node.Create(IdentityFunc, "A", "B"),
            Node.Create(IdentityFunc, "A", "B"),
        ]));

        Assert.StartsWith("Pipeline nodes must have unique names.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WhenItemIsNeitherNodeNorPipeline_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Pipeline(new object[] { "node" }));
    }

    [Fact]
    public void Constructor_WhenMixingNodesAndPipelines_FlattensThem()
    {
        var inner = new Pipeline([Node.Create(IdentityFunc, "A", "B", name: "n1")]);

        var pipeline = new Pipeline(new object[] { Node.Create(IdentityFunc, "B", "C", name: "n2"), inner });

        Assert.Equal(["n1", "n2"], pipeline.Nodes.Select(node => node.Name));
    }

    [Fact]
    public void Constructor_WhenTranscodedNameAlsoUsedBare_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new Pipeline(
        [
            Node.Create(IdentityFunc, "A", "B", name: "node1"),
            Node.Create(IdentityFunc, "B@pandas", "C", name: "node2"),
            Node.Create(IdentityFunc, "B@spark", "D", name: "node3"),
            Node.Create(PipelineFixtures.Biconcat, ["A", "D"], "E", name: "node4"),
        ]));

        Assert.Equal(
            "The following datasets are used with transcoding, but were referenced without the separator: B.\nPlease specify a transcoding option or rename the datasets.",
            error.Message);
    }

    [Fact]
    public void Constructor_WhenTranscoded_ConnectsAllFormatsOfADataset()
    {
        var pipeline = new Pipeline(
        [
            Node.Create(IdentityFunc, "A", "B@pandas", name: "node1"),
            Node.Create(IdentityFunc, "B@pandas", "C", name: "node2"),
            Node.Create(IdentityFunc, "B@spark", "D", name: "node3"),
        ]);
        var freeTranscoded = new Pipeline(
        [
            Node.Create(IdentityFunc, "B@pandas", "C", name: "node1"),
            Node.Create(IdentityFunc, "C", "D", name: "node2"),
        ]);
        var both = new Pipeline(
        [
            Node.Create(IdentityFunc, "A", "B@pandas", name: "node1"),
            Node.Create(PipelineFixtures.Biconcat, ["B@spark", "B@pandas"], "C", name: "node2"),
        ]);

        Assert.Equal([["node1"], ["node2", "node3"]], pipeline.GroupedNodes.Select(g => g.Select(n => n.Name).ToArray()));
        Assert.Equal(PipelineFixtures.Set("A"), pipeline.Inputs());
        Assert.Equal(PipelineFixtures.Set("C", "D"), pipeline.Outputs());
        Assert.Equal(PipelineFixtures.Set("B@pandas"), freeTranscoded.Inputs());
        Assert.Equal(PipelineFixtures.Set("D"), freeTranscoded.Outputs());
        Assert.Equal(2, both.GroupedNodes.Count);
        Assert.Equal(PipelineFixtures.Set("C"), both.Outputs());
    }

    [Fact]
    public void Constructor_WhenConfirmsAreNotUnique_ThrowsConfirmNotUnique()
    {
        var p1 = new Pipeline([Node.Create(IdentityFunc, "input", "output1", name: "a", confirms: "other")]);
        var p2 = new Pipeline([Node.Create(IdentityFunc, "input", "output2", name: "b", confirms: new[] { "other", "output2" })]);
        var p3 = new Pipeline([Node.Create(IdentityFunc, "input", "output3", name: "c", confirms: "third")]);

        var error = Assert.Throws<ConfirmNotUniqueException>(() => p1 + p2);

        Assert.Equal("['other'] datasets are confirmed by more than one node. Node confirms must be unique.", error.Message);
        Assert.Equal(2, (p1 + p3).Nodes.Count);
    }

    [Fact]
    public void Add_CombinesNodesAndTheirFreeInputsAndOutputs()
    {
        var p1 = new Pipeline([Node.Create(PipelineFixtures.Biconcat, ["input", "input1"], "output1", name: "a")]);
        var p2 = new Pipeline([Node.Create(PipelineFixtures.Biconcat, ["input", "input2"], "output2", name: "b")]);

        var sum = p1 + p2;
        var aggregated = new[] { p1, p2 }.Aggregate((Pipeline?)null, (total, p) => total + p)!;

        Assert.Equal(PipelineFixtures.Set("input", "input1", "input2"), sum.Inputs());
        Assert.Equal(PipelineFixtures.Set("output1", "output2"), sum.Outputs());
        Assert.Equal(PipelineFixtures.Set("a", "b"), PipelineFixtures.Names(sum));
        Assert.Equal(PipelineFixtures.Set("a", "b"), PipelineFixtures.Names(aggregated));
        Assert.Same(p1, null + p1);
    }

    [Fact]
    public void Add_WhenBothHoldTheSameNode_KeepsItOnce()
    {
        var node = Node.Create(PipelineFixtures.Biconcat, ["input", "input1"], "output1", name: "a");

        var sum = new Pipeline([node]) + new Pipeline([node.Tag("other")]);

        var only = Assert.Single(sum.Nodes);
        Assert.Empty(only.Tags);
    }

    [Fact]
    public void Add_WhenNamesConflict_ThrowsDuplicateName()
    {
        var p1 = new Pipeline([Node.Create(IdentityFunc, "input", "output1", name: "a")]);
        var p2 = new Pipeline([Node.Create(IdentityFunc, "input", "output2", name: "a")]);

        var error = Assert.Throws<ArgumentException>(() => p1 + p2);

        Assert.Contains("Free nodes:\n  - a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_WhenOutputsConflict_ThrowsOutputNotUnique()
    {
        var p1 = new Pipeline([Node.Create(IdentityFunc, "input1", "output", name: "a")]);
        var p2 = new Pipeline([Node.Create(IdentityFunc, "input2", "output", name: "b")]);

        var error = Assert.Throws<OutputNotUniqueException>(() => p1 + p2);

        Assert.Contains("['output']", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Subtract_RemovesEqualNodes()
    {
        var a = Node.Create(PipelineFixtures.Biconcat, ["input", "input1"], "output1", name: "a");
        var b = Node.Create(PipelineFixtures.Biconcat, ["input", "input2"], "output2", name: "b");
        var c = Node.Create(PipelineFixtures.Biconcat, ["input", "input3"], "output3", name: "c");
        var d = Node.Create(PipelineFixtures.Biconcat, ["input", "input4"], "output4", name: "d");
        var abc = new Pipeline([a, b, c]);
        var empty = new Pipeline(Array.Empty<Node>());

        var difference = abc - new Pipeline([b]);

        Assert.Equal(PipelineFixtures.Set("a", "c"), PipelineFixtures.Names(difference));
        Assert.Equal(PipelineFixtures.Set("input", "input1", "input3"), difference.Inputs());
        Assert.Equal(PipelineFixtures.Set("output1", "output3"), difference.Outputs());
        Assert.Equal(PipelineFixtures.Set("a", "c"), PipelineFixtures.Names(abc - new Pipeline([b, d])));
        Assert.Equal(PipelineFixtures.Names(abc), PipelineFixtures.Names(abc - empty));
        Assert.Empty((empty - abc).Nodes);
        var none = abc - abc;
        Assert.Empty(none.Nodes);
        Assert.Empty(none.Inputs());
        Assert.Empty(none.Outputs());
    }

    [Fact]
    public void IntersectAndUnion_KeepCommonAndAllNodes()
    {
        var a = Node.Create(PipelineFixtures.Biconcat, ["input", "input1"], "output1", name: "a");
        var b = Node.Create(PipelineFixtures.Biconcat, ["input", "input2"], "output2", name: "b");
        var ab = new Pipeline([a, b]);
        var onlyB = new Pipeline([b]);

        var common = ab & onlyB;
        var all = ab | onlyB;

        Assert.Equal(PipelineFixtures.Set("b"), PipelineFixtures.Names(common));
        Assert.Equal(PipelineFixtures.Set("input", "input2"), common.Inputs());
        Assert.Equal(PipelineFixtures.Set("output2"), common.Outputs());
        Assert.Equal(PipelineFixtures.Set("a", "b"), PipelineFixtures.Names(all));
    }

    [Fact]
    public void Constructor_WhenConnectingATaggedSubPipeline_KeepsOneFreeInputAndOutput()
    {
        var sub = new Pipeline(
            new Pipeline(
            [
                Node.Create(IdentityFunc, "A", "B", name: "n1"),
                Node.Create(IdentityFunc, "B", "C", name: "n2"),
                Node.Create(IdentityFunc, "D", "E", name: "n3"),
                Node.Create(IdentityFunc, "E", "F", name: "n4"),
            ]),
            tags: ["subpipeline"]);
        Assert.Equal(2, sub.Inputs().Count);
        Assert.Equal(2, sub.Outputs().Count);

        var main = new Pipeline(
            new Pipeline(new object[] { sub, Node.Create(IdentityFunc, "C", "D", name: "connecting_node") }),
            tags: ["main"]);

        Assert.Equal(5, main.Nodes.Count);
        Assert.Equal(PipelineFixtures.Set("A"), main.Inputs());
        Assert.Equal(PipelineFixtures.Set("F"), main.Outputs());
        Assert.All(main.Nodes, node => Assert.Contains("main", node.Tags));
    }

    [Fact]
    public void Describe_ListsInputsNodesAndOutputsInKedrosFormat()
    {
        var pipeline = new Pipeline(
        [
            Node.Create(PipelineFixtures.Biconcat, ["input1", "input2"], new List<string> { "input3" }, name: "node1"),
            Node.Create(IdentityFunc, "input3", "input4", name: "node2"),
        ]);

        Assert.Equal(
            "#### Pipeline execution order ####\nInputs: input1, input2\n\nnode1\nnode2\n\nOutputs: input4\n##################################",
            pipeline.Describe());
        var full = pipeline.Describe(namesOnly: false).Split('\n');
        Assert.StartsWith("node1: ", full[3], StringComparison.Ordinal);
        Assert.EndsWith("([input1;input2]) -> [input3]", full[3], StringComparison.Ordinal);
        Assert.EndsWith("([input3]) -> [input4]", full[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_WhenEmpty_PrintsNone()
    {
        Assert.Contains("Inputs: None", new Pipeline(Array.Empty<Node>()).Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_HoldsEveryNodeAndTheVersion()
    {
        var pipeline = new Pipeline(
        [
            Node.Create(PipelineFixtures.Biconcat, ["input1", "input2"], "input3", name: "node1", tags: ["t"]),
            Node.Create(IdentityFunc, "input3", "input4", name: "node2"),
        ]);

        using var json = JsonDocument.Parse(pipeline.ToJson());

        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("kedro_version").GetString()));
        var nodes = json.RootElement.GetProperty("pipeline").EnumerateArray().ToArray();
        Assert.Equal(["node1", "node2"], nodes.Select(node => node.GetProperty("name").GetString()));
        Assert.Equal(["input1", "input2"], nodes[0].GetProperty("inputs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["input4"], nodes[1].GetProperty("outputs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["t"], nodes[0].GetProperty("tags").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Constructor_FromAPipeline_CopiesIt()
    {
        var original = PipelineFixtures.Complex();

        var copy = new Pipeline(original);

        Assert.NotSame(original, copy);
        Assert.Equal(original.Nodes, copy.Nodes);
    }

    [Fact]
    public void GroupNodesBy_Namespace_GroupsByTopLevelNamespace()
    {
        var pipeline = new Pipeline(
        [
            Node.Create(IdentityFunc, "A", "B", name: "node_1", @namespace: "namespace_1"),
            Node.Create(IdentityFunc, "B", "C", name: "node_2", @namespace: "namespace_1.inner"),
            Node.Create(IdentityFunc, "C", "D", name: "node_3"),
            Node.Create(IdentityFunc, "D", "E", name: "node_4", @namespace: "namespace_2"),
        ]);

        var groups = pipeline.GroupNodesBy("namespace");

        Assert.Equal(
            [
                new GroupedNodes("namespace_1", "namespace", ["namespace_1.node_1", "namespace_1.inner.node_2"], []),
                new GroupedNodes("node_3", "nodes", ["node_3"], ["namespace_1"]),
                new GroupedNodes("namespace_2", "namespace", ["namespace_2.node_4"], ["node_3"]),
            ],
            groups);
    }

    [Fact]
    public void GroupNodesBy_None_MakesOneGroupPerNodeWithItsParents()
    {
        var pipeline = new Pipeline(
        [
            Node.Create(IdentityFunc, "A", "B", name: "node_1", @namespace: "ns"),
            Node.Create(IdentityFunc, "B", "C", name: "node_2", @namespace: "ns"),
        ]);

        var groups = pipeline.GroupNodesBy(null);

        Assert.Equal(
            [
                new GroupedNodes("ns.node_1", "nodes", ["ns.node_1"], []),
                new GroupedNodes("ns.node_2", "nodes", ["ns.node_2"], ["ns.node_1"]),
            ],
            groups);
    }

    [Fact]
    public void GroupNodesBy_UnknownStrategy_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => PipelineFixtures.Complex().GroupNodesBy("unknown"));

        Assert.StartsWith("Unsupported group_by strategy: unknown", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WhenALongChain_BuildsOneLayerPerNode()
    {
        const int Count = 20_000; // 100,000 is measured in benchmarks; node creation dominates here
        var nodes = new Node[Count];
        for (var i = 0; i < Count; i++)
        {
            nodes[i] = Node.Create(IdentityFunc, $"d{i}", $"d{i + 1}", name: $"n{i}");
        }

        Array.Reverse(nodes);
        var pipeline = new Pipeline(nodes);

        Assert.Equal(Count, pipeline.GroupedNodes.Count);
        Assert.Equal("n0", pipeline.Nodes[0].Name);
        Assert.Equal($"n{Count - 1}", pipeline.Nodes[^1].Name);
        Assert.Equal(PipelineFixtures.Set("d0"), pipeline.Inputs());
        Assert.Equal(PipelineFixtures.Set($"d{Count}"), pipeline.Outputs());
        Assert.Single(pipeline.NodeDependencies[pipeline.Nodes[^1]]);
    }
}
