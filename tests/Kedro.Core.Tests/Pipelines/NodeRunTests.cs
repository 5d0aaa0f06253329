using System.Runtime.CompilerServices;
using Kedro.Pipelines;

namespace Kedro.Core.Tests.Pipelines;

// Running nodes: §4.1 scenarios 28, 30-40 and the .NET additions.
public partial class NodeTests
{
    private static Dictionary<string, object?> In(params (string Name, object? Value)[] values) =>
        values.ToDictionary(value => value.Name, value => value.Value);

    private static object? OneInOneOut(object? arg) => arg;

    private static IEnumerable<int> CountTo(int n)
    {
        for (var i = 1; i <= n; i++)
        {
            yield return i;
        }
    }

    private static IEnumerable<(int, int)> Squares(int n)
    {
        for (var i = 0; i < n; i++)
        {
            yield return (i, i * i);
        }
    }

    private static IEnumerable<Dictionary<string, int>> SquareDictionaries(int n)
    {
        for (var i = 0; i < n; i++)
        {
            yield return new Dictionary<string, int> { ["idx"] = i, ["square"] = i * i };
        }
    }

    private static async IAsyncEnumerable<int> CountToAsync(int n, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 1; i <= n; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return i;
        }
    }

#pragma warning disable CA1859 // the declared IEnumerable<int> return is the point: it is not an iterator method
    private static IEnumerable<int> NotAnIterator(int n) => Enumerable.Range(0, n).ToList();
#pragma warning restore CA1859

    private static int WithDefault(int a, int b = 10) => a + b;

    private static async Task<List<IReadOnlyDictionary<string, object?>>> Drain(IAsyncEnumerable<IReadOnlyDictionary<string, object?>> chunks)
    {
        var list = new List<IReadOnlyDictionary<string, object?>>();
        await foreach (var chunk in chunks)
        {
            list.Add(chunk);
        }

        return list;
    }

    [Fact]
    public void Run_WithDuplicateListInputs_PassesTheValueTwice()
    {
        Assert.Equal("in1in1", Node.Create(Biconcat, ["input1", "input1"], "output").Run(In(("input1", "in1")))["output"]);

        var node = Node.Create(Biconcat, Map(("input1", "in1"), ("input2", "in1")), "output");
        Assert.Equal("hellohello", node.Run(In(("in1", "hello")))["output"]);
    }

    [Fact]
    public void Run_WithMissingSingleInput_SaysItExpectedOneInput()
    {
        var error = Assert.Throws<ArgumentException>(() => Node.Create(OneInOneOut, "unresolved", "ds1").Run(null));
        Assert.Equal("Node OneInOneOut([unresolved]) -> [ds1] expected one input named 'unresolved', but got the following 0 input(s) instead: [].", error.Message);
    }

    [Fact]
    public void Run_WithUnexpectedInput_SaysItExpectedNoInputs()
    {
        var error = Assert.Throws<ArgumentException>(() => Node.Create(() => 1, null, "A").Run(In(("unexpected", 1))));
        Assert.Equal("Node <lambda>(None) -> [A] expected no inputs, but got the following 1 input(s) instead: ['unexpected'].", error.Message);
    }

    [Fact]
    public void Run_WithWrongSingleInputName_NamesTheExpectedInput()
    {
        var error = Assert.Throws<ArgumentException>(() => Node.Create(OneInOneOut, "ds1", "A").Run(In(("arg", 1))));
        Assert.Contains("expected one input named 'ds1', but got the following 1 input(s) instead: ['arg'].", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WithListInputMismatch_ListsExpectedAndGivenInputs()
    {
        var two = Node.Create((object a, object b) => a, ["ds1", "ds2"], "A");
        var error = Assert.Throws<ArgumentException>(() => two.Run(In(("ds1", 1))));
        Assert.Contains("expected 2 input(s) ['ds1', 'ds2'], but got the following 1 input(s) instead: ['ds1'].", error.Message, StringComparison.Ordinal);

        var one = Node.Create(OneInOneOut, ["ds1"], "A");
        error = Assert.Throws<ArgumentException>(() => one.Run(In(("ds1", 1), ("ds2", 2))));
        Assert.Contains("expected 1 input(s) ['ds1'], but got the following 2 input(s) instead: ['ds1', 'ds2'].", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentException>(() => one.Run(In(("ds2", 1))));
        Assert.Contains("expected 1 input(s) ['ds1'], but got the following 1 input(s) instead: ['ds2'].", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WithDictionaryInputMismatch_ListsExpectedAndGivenInputs()
    {
        var node = Node.Create(OneInOneOut, Map(("arg", "ds1")), "A");

        var error = Assert.Throws<ArgumentException>(() => node.Run(In(("ds2", 1))));
        Assert.Equal("Node OneInOneOut([ds1]) -> [A] expected 1 input(s) ['ds1'], but got the following 1 input(s) instead: ['ds2'].", error.Message);
        error = Assert.Throws<ArgumentException>(() => node.Run(In(("ds1", 1), ("ds2", 2))));
        Assert.Contains("but got the following 2 input(s) instead: ['ds1', 'ds2'].", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WhenDictionaryOutputsGetANonDictionary_Fails()
    {
        var node = Node.Create(OneInOneOut, "ds1", Map(("a", "ds")));

        var error = Assert.Throws<InvalidOperationException>(() => node.Run(In(("ds1", 42))));
        Assert.Equal("Failed to save outputs of node OneInOneOut([ds1]) -> [ds].\nThe node output is a dictionary, whereas the function output is <class 'int'>.", error.Message);
    }

    [Fact]
    public void Run_WhenReturnedKeysDiffer_ListsBothKeySets()
    {
        var node = Node.Create((object x) => new Dictionary<string, object?> { ["ret"] = x }, "A", Map(("ret", "B"), ("ans", "C")));

        var error = Assert.Throws<InvalidOperationException>(() => node.Run(In(("A", 1))));
        Assert.Contains("The node's output keys {'ret'} do not match with the returned output's keys {'ans', 'ret'}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WhenListOutputsGetAScalar_Fails()
    {
        var node = Node.Create(OneInOneOut, "A", ["B", "C"]);

        var error = Assert.Throws<InvalidOperationException>(() => node.Run(In(("A", 42))));
        Assert.Contains("The node definition contains a list of outputs ['B', 'C'], whereas the node function returned a 'int'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WhenListOutputsGetTheWrongCount_Fails()
    {
        var node = Node.Create((int x) => (x, x), "X", ["A", "B", "C"]);

        var error = Assert.Throws<InvalidOperationException>(() => node.Run(In(("X", 1))));
        Assert.Equal("Failed to save outputs of node <lambda>([X]) -> [A;B;C].\nThe node function returned 2 output(s), whereas the node definition contains 3 output(s).", error.Message);
    }

    [Fact]
    public void Run_WithValidShapes_MapsOutputs()
    {
        Assert.Equal(42, Node.Create(OneInOneOut, "ds1", "dsOut").Run(In(("ds1", 42)))["dsOut"]);

        var dict = Node.Create((object arg) => new Dictionary<string, object> { ["ret"] = arg }, Map(("arg", "ds1")), Map(("ret", "dsOut")));
        Assert.Equal(42, dict.Run(In(("ds1", 42)))["dsOut"]);

        var list = Node.Create((int first, int second) => first, ["ds1", "ds2"], "dsOut");
        Assert.Equal(42, list.Run(In(("ds1", 42), ("ds2", 58)))["dsOut"]);
    }

    [Fact]
    public void Run_WithoutOutputs_IgnoresTheReturnValue()
    {
        var node = Node.Create((int x) => new List<int> { x }, "A", null, name: "test_node");
        Assert.Empty(node.Run(In(("A", 1))));

        var returnsNull = Node.Create((int x) => (object?)null, "A", null);
        Assert.Empty(returnsNull.Run(In(("A", 1))));
    }

    [Fact]
    public void Run_WithDefaultParameters_MayOmitThem()
    {
        var node = Node.Create(WithDefault, "a", "sum");

        Assert.Equal(11, node.Run(In(("a", 1)))["sum"]);
        Assert.Equal(3, Node.Create(WithDefault, ["a", "b"], "sum").Run(In(("a", 1), ("b", 2)))["sum"]);
        Assert.Equal(11, Node.Create(WithDefault, Map(("a", "x")), "sum").Run(In(("x", 1)))["sum"]);
    }

    [Fact]
    public void Run_WithAParamsArray_CollectsTheRemainingInputs()
    {
        var node = Node.Create(FanIn, ["C", "D", "E"], "Z");

        Assert.Equal(new object[] { 1, 2, 3 }, node.Run(In(("C", 1), ("D", 2), ("E", 3)))["Z"]);
    }

    [Fact]
    public void Run_WithAnyValueTupleArity_FillsTheOutputList()
    {
        var node = Node.Create((int x) => (x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6, x + 7, x + 8),
            "x", ["o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8", "o9"]);

        var result = node.Run(In(("x", 1)));

        Assert.Equal(Enumerable.Range(1, 9).Cast<object?>(), node.Outputs.Select(output => result[output]));
    }

    [Fact]
    public void Run_WithAnArrayOrList_FillsTheOutputList()
    {
        var array = Node.Create((int x) => new[] { x, -x }, "x", ["pos", "neg"]).Run(In(("x", 3)));
        Assert.Equal(3, array["pos"]);
        Assert.Equal(-3, array["neg"]);

        var list = Node.Create((int x) => new List<string> { "a", "b" }, "x", ["first", "second"]).Run(In(("x", 3)));
        Assert.Equal("b", list["second"]);
    }

    [Fact]
    public async Task RunAsync_AwaitsTasksAndValueTasks()
    {
        var token = CancellationToken.None;
        var task = Node.Create(async (int x) => { await Task.Yield(); return x * 2; }, "x", "y");
        var valueTask = Node.Create((int x) => new ValueTask<int>(x + 1), "x", "y");
        var plainTask = Node.Create((int x) => Task.CompletedTask, "x", null);
        var plainValueTask = Node.Create(async (int x) => await Task.Yield(), "x", null);

        Assert.Equal(4, (await task.RunAsync(In(("x", 2)), token))["y"]);
        Assert.Equal(3, (await valueTask.RunAsync(In(("x", 2)), token))["y"]);
        Assert.Empty(await plainTask.RunAsync(In(("x", 2)), token));
        Assert.Empty(await plainValueTask.RunAsync(In(("x", 2)), token));
        Assert.Equal(4, task.Run(In(("x", 2)))["y"]);
    }

    [Fact]
    public async Task RunAsync_PassesTheRunTokenToATokenParameter()
    {
        CancellationToken seen = default;
        var node = Node.Create((int x, CancellationToken ct) => { seen = ct; return x; }, "x", "y");
        using var source = new CancellationTokenSource();

        Assert.Equal(["x"], node.Inputs);
        await node.RunAsync(In(("x", 1)), source.Token);

        Assert.Equal(source.Token, seen);
    }

    [Fact]
    public async Task RunAsync_WhenCancelled_StopsTheAwaitedNode()
    {
        var node = Node.Create(async (int x, CancellationToken ct) => { await Task.Delay(Timeout.Infinite, ct); return x; }, "x", "y");
        using var source = new CancellationTokenSource();

        var running = node.RunAsync(In(("x", 1)), source.Token).AsTask();
        await source.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task RunStreamingAsync_YieldsOneChunkPerItem()
    {
        var node = Node.Create(CountTo, "n", "numbers");
        Assert.True(node.IsStreaming);

        var chunks = await Drain(node.RunStreamingAsync(In(("n", 3)), CancellationToken.None));

        Assert.Equal([1, 2, 3], chunks.Select(chunk => (int)chunk["numbers"]!));
        Assert.Equal(new List<object?> { 1, 2, 3 }, node.Run(In(("n", 3)))["numbers"]);
    }

    [Fact]
    public async Task RunStreamingAsync_MapsTupleAndDictionaryItemsToEachOutput()
    {
        var tuples = await Drain(Node.Create(Squares, "n", ["left", "right"]).RunStreamingAsync(In(("n", 10)), CancellationToken.None));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * i), tuples.Select(chunk => (int)chunk["right"]!));

        var dicts = await Drain(Node.Create(SquareDictionaries, "n", Map(("idx", "left"), ("square", "right")))
            .RunStreamingAsync(In(("n", 10)), CancellationToken.None));
        Assert.Equal(Enumerable.Range(0, 10), dicts.Select(chunk => (int)chunk["left"]!));
        Assert.Equal(81, dicts[^1]["right"]);
    }

    [Fact]
    public async Task RunStreamingAsync_WithAnAsyncIterator_AwaitsEachItem()
    {
        var node = Node.Create(CountToAsync, "n", "numbers");
        Assert.True(node.IsStreaming);
        Assert.Equal(["n"], node.Inputs);

        var chunks = await Drain(node.RunStreamingAsync(In(("n", 4)), CancellationToken.None));

        Assert.Equal([1, 2, 3, 4], chunks.Select(chunk => (int)chunk["numbers"]!));
    }

    [Fact]
    public async Task RunAsync_OnAStreamingNode_Throws()
    {
        var node = Node.Create(CountTo, "n", "numbers");

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await node.RunAsync(In(("n", 1)), CancellationToken.None));
    }

    [Fact]
    public void NonIteratorEnumerables_AreNotStreamed()
    {
        var node = Node.Create(NotAnIterator, "n", "numbers");

        Assert.False(node.IsStreaming);
        Assert.IsType<List<int>>(node.Run(In(("n", 3)))["numbers"]);
    }

    [Fact]
    public void Copy_RenamesDatasetsKeepsShapesAndReplacesNamespace()
    {
        var node = Node.Create(Biconcat, Map(("input2", "b"), ("input1", "a")), "c", name: "concat", tags: ["t"], confirms: "c");

        var copy = node.Copy(renameInput: n => "ns." + n, renameOutput: n => "ns." + n, renameConfirm: n => n + "_ok",
            @namespace: "ns", extraTags: ["model"]);

        Assert.Equal("ns.concat", copy.Name);
        Assert.Equal("concat", copy.ShortName);
        Assert.Equal(["ns.a", "ns.b"], copy.Inputs);
        Assert.Equal(["ns.c"], copy.Outputs);
        Assert.Equal(["c_ok"], copy.Confirms);
        Assert.Equal(new HashSet<string> { "t", "model" }, copy.Tags);
        Assert.Equal("AB", copy.Run(In(("ns.a", "A"), ("ns.b", "B")))["ns.c"]);
        Assert.Equal("concat", node.Name);
    }

    [Fact]
    public void Copy_OfAnUnnamedNode_RecomputesItsNameUnderTheNamespace()
    {
        var node = Node.Create(Identity, "a", "b");

        var copy = node.Copy(renameInput: n => "p." + n, @namespace: "p");

        Assert.Matches(@"^p\.Identity__[0-9a-f]{8}$", copy.Name);
        Assert.Equal("p", copy.Namespace);
        Assert.Same(node.Func, copy.Func);
    }

    [Fact]
    public void InputType_ReturnsTheDeclaredParameterTypes()
    {
        var node = Node.Create((int a, string b, object c, CancellationToken ct) => a, ["a", "b", "c"], "out");

        Assert.Equal(typeof(int), node.InputType("a"));
        Assert.Equal(typeof(string), node.InputType("b"));
        Assert.Null(node.InputType("c"));
        Assert.Null(node.InputType("missing"));
        Assert.Equal(typeof(string), Node.Create(Biconcat, Map(("input2", "y"), ("input1", "x")), "z").InputType("y"));
        Assert.Null(Node.Create(FanIn, ["p", "q"], "r").InputType("q"));
        Assert.Equal(typeof(int), Node.Create((int a, params int[] rest) => a, ["p", "q"], "r").InputType("q"));
    }

    [Fact]
    public void OutputType_UnwrapsTasksTuplesStreamsAndDictionaries()
    {
        Assert.Equal(typeof(int), Node.Create((int x) => x, "a", "b").OutputType("b"));
        Assert.Equal(typeof(int), Node.Create(async (int x) => { await Task.Yield(); return x; }, "a", "b").OutputType("b"));
        Assert.Equal(typeof(string), Node.Create((int x) => (x, "s"), "a", ["b", "c"]).OutputType("c"));
        Assert.Equal(typeof(int), Node.Create((int x) => new[] { x }, "a", ["b", "c"]).OutputType("c"));
        Assert.Equal(typeof(int), Node.Create(CountTo, "a", "b").OutputType("b"));
        Assert.Equal(typeof(int), Node.Create(Squares, "a", ["b", "c"]).OutputType("c"));
        Assert.Equal(typeof(int), Node.Create(SquareDictionaries, "a", Map(("idx", "b"))).OutputType("b"));
        Assert.Null(Node.Create((int x) => new Dictionary<string, object?>(), "a", Map(("k", "b"))).OutputType("b"));
        Assert.Null(Node.Create(OneInOneOut, "a", "b").OutputType("b"));
        Assert.Null(Node.Create((int x) => x, "a", "b").OutputType("a"));
    }

    [Fact]
    public void Run_RepeatedlyOnOneNode_ReusesItsBinding()
    {
        var node = Node.Create((int x) => x + 1, "x", "y");
        var inputs = In(("x", 1));

        for (var i = 0; i < 10_000; i++)
        {
            Assert.Equal(2, node.Run(inputs)["y"]);
        }
    }
}
