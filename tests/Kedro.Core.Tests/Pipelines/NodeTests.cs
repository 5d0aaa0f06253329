// Covers kedro-anatomy §4.1 scenarios 1, 2, 5-13, 15-20, 22-26, 28, 30-40 (construction and identity here,
// running in NodeRunTests.cs). Not applicable in C#: 3, 4, 29 (the type system rejects a tuple/set container
// or a non-dictionary argument at compile time), 14 and 27 (no **kwargs / keyword calls), 21 and the
// `<` part of 20 (Node has no ordering operator), the functools.partial part of 22.
// .NET additions (ValueTuple/array outputs, Task/ValueTask, CancellationToken, iterators, async iterators),
// Copy and InputType/OutputType are in NodeRunTests.cs.
using Kedro.Pipelines;
using Kedro.Pipelines.Internal;

namespace Kedro.Core.Tests.Pipelines;

public partial class NodeTests
{
    private static string Identity(string input1) => input1;

    private static string Biconcat(string input1, string input2) => input1 + input2;

    private static string ConstantOutput() => "output";

    private static object[] FanIn(params object[] args) => args;

    private static Dictionary<string, string> Map(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(entry => entry.Key, entry => entry.Value);

    [Fact]
    public void Create_WithEveryInputAndOutputShape_Succeeds()
    {
        Node[] nodes =
        [
            Node.Create(Identity, "A", "B"),
            Node.Create(Biconcat, ["A", "B"], "C"),
            Node.Create(Identity, "C", ["D", "E"]),
            Node.Create(Identity, "J", Map(("result", "K"))),
            Node.Create(Identity, Map(("input1", "J")), "L"),
            Node.Create(ConstantOutput, null, "M"),
            Node.Create(Biconcat, ["N", "O"], null),
        ];

        Assert.Equal(["A"], nodes[0].Inputs);
        Assert.Equal(["D", "E"], nodes[2].Outputs);
        Assert.Equal(["K"], nodes[3].Outputs);
        Assert.Equal(["J"], nodes[4].Inputs);
        Assert.Empty(nodes[5].Inputs);
        Assert.Empty(nodes[6].Outputs);
    }

    [Fact]
    public void Create_WithNullFunction_SaysFirstArgumentMustBeAFunction()
    {
        var error = Assert.Throws<ArgumentException>(() => Node.Create(null!, "A", "B"));
        Assert.Equal("Invalid Node definition: first argument must be a function, not 'NoneType'.\nFormat should be: node(function, inputs, outputs)", error.Message);
    }

    [Fact]
    public void Create_WithoutInputsOrOutputs_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Node.Create(ConstantOutput, null, null));
        Assert.Equal("Invalid Node definition: it must have some 'inputs' or 'outputs'.\nFormat should be: node(function, inputs, outputs)", error.Message);

        error = Assert.Throws<ArgumentException>(() => Node.Create(ConstantOutput, Array.Empty<string>(), new List<string>()));
        Assert.Contains("it must have some 'inputs' or 'outputs'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WhenAnInputIsAlsoAnOutput_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Node.Create(Biconcat, ["A", "B"], Map(("a", "A"))));
        Assert.Equal("Failed to create node Biconcat([A;B]) -> [A].\nA node cannot have the same inputs and outputs even if they are transcoded: {'A'}", error.Message);
    }

    [Fact]
    public void Create_WhenATranscodedInputIsAlsoAnOutput_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Node.Create(Identity, "A@excel", Map(("a", "A@csv"))));
        Assert.Contains("A node cannot have the same inputs and outputs even if they are transcoded: {'A'}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithDuplicateDictionaryOutputs_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Node.Create(Identity, "A", Map(("a", "A"), ("b", "A"))));
        Assert.Equal("Failed to create node Identity([A]) -> [A;A] due to duplicate output(s) {'A'}.\nNode outputs must be unique.", error.Message);
    }

    [Fact]
    public void Create_WithDuplicateListOutputs_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Node.Create(Identity, "A", ["A", "A"]));
        Assert.StartsWith("Failed to create node Identity([A]) -> [A;A] due to duplicate output(s) {'A'}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithANullInputName_SaysNamesMustBeStrings()
    {
        var inputs = new Dictionary<string, string> { ["input1"] = null!, ["b"] = "B" };
        var error = Assert.Throws<ArgumentException>(() => Node.Create(Biconcat, inputs, "C"));
        Assert.Contains("names of variables used as inputs to the function ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithANullOutputName_SaysNamesMustBeStrings()
    {
        var error = Assert.Throws<ArgumentException>(() => Node.Create(Identity, "A", new[] { "B", null! }));
        Assert.Contains("names of variables used as outputs of the function ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithMoreInputsThanParameters_ReportsTheSignature()
    {
        var error = Assert.Throws<ArgumentException>(() => Node.Create(Identity, ["A", "B"], "C"));
        Assert.Equal("Inputs of 'Identity' function expected ['input1'], but got ['A', 'B']", error.Message);
    }

    [Fact]
    public void Create_WithDictionaryInputsForAParamsArray_ReportsTheSignature()
    {
        var error = Assert.Throws<ArgumentException>(() => Node.Create(FanIn, Map(("a", "A")), "B"));
        Assert.Equal("Inputs of 'FanIn' function expected ['args'], but got {'a': 'A'}", error.Message);
    }

    [Fact]
    public void Create_WithTooFewInputs_ReportsTheSignatureWithTheBareName()
    {
        var error = Assert.Throws<ArgumentException>(() => Node.Create(Biconcat, "A", "C"));
        Assert.Equal("Inputs of 'Biconcat' function expected ['input1', 'input2'], but got A", error.Message);
    }

    [Fact]
    public void Create_WithUnknownDictionaryParameter_ReportsTheSignature()
    {
        var error = Assert.Throws<ArgumentException>(() => Node.Create(Identity, Map(("other", "A")), "B"));
        Assert.Equal("Inputs of 'Identity' function expected ['input1'], but got {'other': 'A'}", error.Message);
    }

    [Theory]
    [InlineData("name,with,comma")]
    [InlineData("name with space")]
    public void Create_WithInvalidName_IsRejected(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => Node.Create(Identity, "A", "B", name: name));
        Assert.Equal($"'{name}' is not a valid node name. It must contain only letters, digits, hyphens, underscores and/or fullstops.", error.Message);
    }

    [Theory]
    [InlineData("tag,with,comma")]
    [InlineData("tag with space")]
    public void Create_WithInvalidTag_IsRejected(string tag)
    {
        var error = Assert.Throws<ArgumentException>(() => Node.Create(Identity, "A", "B", tags: [tag]));
        Assert.Equal($"'{tag}' is not a valid node tag. It must contain only letters, digits, hyphens, underscores and/or fullstops.", error.Message);
    }

    [Fact]
    public void InputsAndOutputs_AreNormalisedToLists()
    {
        Assert.Empty(Node.Create(ConstantOutput, null, "A").Inputs);
        Assert.Equal(["input1"], Node.Create(Identity, "input1", "B").Inputs);
        Assert.Equal(["input1", "input2", "another node"], Node.Create(FanIn, ["input1", "input2", "another node"], "B").Inputs);
        Assert.Empty(Node.Create(Identity, "A", null).Outputs);
        Assert.Equal(["B", "C"], Node.Create(Identity, "A", Map(("x", "B"), ("y", "C"))).Outputs);
    }

    [Fact]
    public void DictionaryInputs_AreOrderedByTheFunctionSignature()
    {
        var node = Node.Create(Biconcat, Map(("input2", "b"), ("input1", "a")), "c");

        Assert.Equal(["a", "b"], node.Inputs);
        Assert.Equal("AB", node.Run(new Dictionary<string, object?> { ["a"] = "A", ["b"] = "B" })["c"]);
    }

    [Fact]
    public void Confirms_AreNormalisedToLists()
    {
        Assert.Empty(Node.Create(Identity, "A", "B").Confirms);
        Assert.Empty(Node.Create(Identity, "A", "B", confirms: Array.Empty<string>()).Confirms);
        Assert.Equal(["foo"], Node.Create(Identity, "A", "B", confirms: "foo").Confirms);
        Assert.Equal(["foo", "bar"], Node.Create(Identity, "A", "B", confirms: ["foo", "bar"]).Confirms);
    }

    [Fact]
    public void Equality_IgnoresFunctionAndTags_ButRespectsNamesAndShapes()
    {
        var first = Node.Create(Identity, "A", "B", name: "n", tags: ["t1"]);
        var second = Node.Create((string x) => x, "A", "B", name: "n", tags: ["t2"]);
        Assert.Equal(first, second);
        Assert.NotSame(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());

        Assert.NotEqual(Node.Create(Biconcat, ["A", "B"], "C", name: "n"), Node.Create(Biconcat, ["B", "A"], "C", name: "n"));
        Assert.Equal(
            Node.Create(Biconcat, Map(("input1", "A"), ("input2", "B")), "C", name: "n"),
            Node.Create(Biconcat, Map(("input2", "B"), ("input1", "A")), "C", name: "n"));
        Assert.NotEqual(Node.Create(Identity, ["A"], "B", name: "n"), Node.Create(Identity, Map(("input1", "A")), "B", name: "n"));
        Assert.NotEqual(Node.Create(Identity, "A", "B", name: "n"), Node.Create(Identity, ["A"], "B", name: "n"));
        Assert.False(first.Equals("n"));
    }

    [Fact]
    public void DefaultName_IsFunctionNameAndHash()
    {
        var node = Node.Create(Identity, ["in"], ["out"]);

        Assert.Equal("Identity([in]) -> [out]", node.ToString());
        Assert.Matches("^Identity__[0-9a-f]{8}$", node.Name);
        Assert.Equal("Identity", node.ShortName);
        Assert.Equal(node.Name, Node.Create(Identity, ["in"], ["out"]).Name);
        Assert.NotEqual(node.Name, Node.Create(Identity, ["in"], ["other"]).Name);
    }

    [Fact]
    public void DefaultName_OfALambda_IsKedrosLambdaName()
    {
        var node = Node.Create((string x) => x, ["in"], ["out"]);

        Assert.Matches("^<lambda>__[0-9a-f]{8}$", node.Name);
        Assert.Equal("<lambda>([in]) -> [out]", node.ToString());
        Assert.Equal("<Lambda>", node.ShortName);
    }

    [Fact]
    public void DefaultName_OfALocalFunction_IsItsName()
    {
        static int add_one(int value) => value + 1;

        var node = Node.Create(add_one, "a", "b");

        Assert.Matches("^add_one__[0-9a-f]{8}$", node.Name);
        Assert.Equal("Add One", node.ShortName);
    }

    [Fact]
    public void ToString_PrintsNoneForMissingSides()
    {
        Assert.Equal("ConstantOutput(None) -> [output1]", Node.Create(ConstantOutput, null, "output1").ToString());
        Assert.Equal("<lambda>([input1]) -> None", Node.Create((string x) => { }, "input1", null).ToString());
        Assert.Equal("node1: Biconcat([input1;input2]) -> [input3]", Node.Create(Biconcat, ["input1", "input2"], "input3", name: "node1").ToString());
    }

    [Fact]
    public void NamedAndNamespacedNode_PrefixesTheNameButNotTheText()
    {
        var node = Node.Create(Identity, ["in"], ["out"], name: "name", @namespace: "namespace");

        Assert.Equal("name: Identity([in]) -> [out]", node.ToString());
        Assert.Equal("namespace.name", node.Name);
        Assert.Equal("name", node.ShortName);
        Assert.Equal("namespace", node.Namespace);

        var unnamed = Node.Create(Identity, ["in"], ["out"], @namespace: "namespace");
        Assert.Matches(@"^namespace\.Identity__[0-9a-f]{8}$", unnamed.Name);
        Assert.Equal("Identity([in]) -> [out]", unnamed.ToString());
    }

    [Fact]
    public void NamespacePrefixes_ListEveryLevel()
    {
        var node = Node.Create(Identity, "A", "B", @namespace: "a.b.c.d.e.f");

        Assert.Equal(["a", "a.b", "a.b.c", "a.b.c.d", "a.b.c.d.e", "a.b.c.d.e.f"], node.NamespacePrefixes);
        Assert.Empty(Node.Create(Identity, "A", "B").NamespacePrefixes);
    }

    [Fact]
    public void Tag_ReturnsACopyWithTheUnionOfTags()
    {
        var node = Node.Create(Identity, "A", "B", tags: ["hello"]);

        var tagged = node.Tag(["world"]);

        Assert.Equal(new HashSet<string> { "hello", "world" }, tagged.Tags);
        Assert.Equal(new HashSet<string> { "hello" }, node.Tags);
        Assert.Equal(new HashSet<string> { "hello", "single" }, node.Tag("single").Tags);
        Assert.Equal(node, tagged);
    }

    [Fact]
    public void Tag_WithInvalidTag_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Node.Create(Identity, "A", "B").Tag("bad tag"));
        Assert.StartsWith("'bad tag' is not a valid node tag.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("first.dataset", null, true)]
    [InlineData("params:example.param", null, false)]
    [InlineData("namespace.input", "namespace", false)]
    [InlineData("namespace.input", "namespace.other", false)]
    [InlineData("other.input", "namespace", true)]
    [InlineData("plain", null, false)]
    public void DottedDatasetNames_WarnUnlessUnderTheNamespaceOrParameters(string name, string? @namespace, bool warns) =>
        Assert.Equal(warns, NodeWarnings.NeedsDottedNameWarning(name, @namespace));
}
