using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;
using Kedro.Testing.Runners;
using static Kedro.Parallel.Tests.Runs.PortableNodes;

namespace Kedro.Parallel.Tests.Runs;

/// <summary>Kedro's runner scenarios (anatomy §4.7-4.9) under ParallelRunner, with real worker processes.</summary>
public sealed class ParallelRunnerTests : IClassFixture<WorkerPoolFixture>
{
    private readonly WorkerPoolFixture _pool;

    public ParallelRunnerTests(WorkerPoolFixture pool)
    {
        _pool = pool;
        pool.Logger.Reset();
    }

    private static Node N(string name, Delegate func, DatasetNames? inputs, DatasetNames? outputs) =>
        Node.Create(func, inputs, outputs, name: name);

    private static Pipeline FanOutFanIn() => new(
    [
        N("a_b", Identity, "A", "B"),
        N("b_c", Identity, "B", "C"),
        N("b_d", Identity, "B", "D"),
        N("b_e", Identity, "B", "E"),
        N("fan_in", Gather, new[] { "C", "D", "E" }, "Z"),
    ]);

    private static DataCatalog Catalog(params (string Name, object? Value)[] data) =>
        new(data.ToDictionary(d => d.Name, d => d.Value as IDataset ?? new MemoryDataset(d.Value)));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_WhenMaxWorkersNotPositive_ThrowsKedroMessage(int maxWorkers)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ParallelRunner(maxWorkers));
        Assert.StartsWith("max_workers should be positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_StartsNodesMinusLayersPlusOneWorkers()
    {
        // Fan-out/fan-in: 5 nodes in 3 layers, so at most 3 nodes are ever ready at once.
        using var runner = new ParallelRunner(maxWorkers: 6);
        runner.Run(FanOutFanIn(), Catalog(("A", 1)));
        Assert.Equal(3, runner.WorkerProcessIds.Count);
    }

    [Fact]
    public void Constructor_DefaultsToProcessorCountAndStartsNoProcess()
    {
        using var runner = new ParallelRunner();
        Assert.Equal(Environment.ProcessorCount, runner.MaxWorkers);
        Assert.Empty(runner.WorkerProcessIds);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_FanOutFanIn_ReturnsOnlyTheFreeOutput(bool isAsync)
    {
        var runner = isAsync ? _pool.AsyncRunner : _pool.Runner;
        var result = await runner.RunAsync(FanOutFanIn(), Catalog(("A", 42)));
        Assert.Equal(["Z"], result.Keys);
        Assert.Equal(new[] { 42, 42, 42 }, result["Z"].Load());
        Assert.InRange(runner.WorkerProcessIds.Count, 1, 2);
    }

    [Fact]
    public void Run_WhenSynchronous_LogsKedroHint()
    {
        _pool.Runner.Run(FanOutFanIn(), Catalog(("A", 1)));
        Assert.Contains(_pool.Logger.Messages, m => m.StartsWith("Using synchronous mode for loading and saving data.", StringComparison.Ordinal));
        Assert.Contains("Completed 5 out of 5 tasks", _pool.Logger.Messages);
    }

    [Fact]
    public void Run_Twice_GivesEqualResultsAndKeepsPatterns()
    {
        var catalog = Catalog(("A", 7));
        var first = _pool.Runner.Run(FanOutFanIn(), catalog)["Z"].Load();
        var second = _pool.Runner.Run(FanOutFanIn(), catalog)["Z"].Load();
        Assert.Equal(first, second);
    }

    [Fact]
    public void Run_NoInputBranchlessPipeline_ReturnsOnlyE()
    {
        var pipeline = new Pipeline(
        [
            N("node1", Identity, "D", "E"),
            N("node2", Identity, "C", "D"),
            N("node3", Identity, "A", "B"),
            N("node4", Identity, "B", "C"),
            N("node5", () => 3, null, "A"),
        ]);
        var result = _pool.Runner.Run(pipeline, new DataCatalog());
        Assert.Equal(["E"], result.Keys);
        Assert.Equal(3, Convert.ToInt32(result["E"].Load(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Run_IntermediatesAreCreatedInSharedMemory()
    {
        var pipeline = new Pipeline([N("first", Increment, "ds1", "ds2"), N("second", Increment, "ds2", "ds3")]);
        var result = _pool.Runner.Run(pipeline, Catalog(("ds1", 40)));
        Assert.Equal(42, result["ds3"].Load());
    }

    [Fact]
    public void Run_WhenNodeReturnsNull_FailsWithKedroMessage()
    {
        var pipeline = new Pipeline([N("random", () => 1, null, "A"), N("return_none", ReturnNull, "A", "B"), N("identity", Identity, "B", "C")]);
        var error = Assert.Throws<DatasetException>(() => _pool.Runner.Run(pipeline, new DataCatalog()));
        Assert.Contains("Saving 'null' to a 'Dataset' is not allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WhenInputMissing_NamesTheSharedMemoryCatalog()
    {
        var pipeline = new Pipeline(new Pipeline([N("node1", Identity, "Input1", "Output1")]), @namespace: "test");
        var error = Assert.Throws<ArgumentException>(() => _pool.Runner.Run(pipeline, Catalog(("Input1", 1), ("Output1", 2))));
        Assert.Equal("Pipeline input(s) {'test.Input1'} not found in the SharedMemoryDataCatalog", error.Message);
    }

    [Fact]
    public void Run_WhenParameterMissing_NamesIt()
    {
        var pipeline = new Pipeline([N("node1", Identity, "params:x", "y")]);
        var error = Assert.Throws<ArgumentException>(() => _pool.Runner.Run(pipeline, new DataCatalog()));
        Assert.Equal("Pipeline input(s) {'params:x'} not found in the SharedMemoryDataCatalog", error.Message);
    }

    [Fact]
    public void Run_EmptyPipeline_ReturnsNothing()
    {
        Assert.Empty(_pool.Runner.Run(new Pipeline(Array.Empty<Node>()), new DataCatalog()));
    }

    [Fact]
    public void Run_WhenNodesCaptureState_ListsEveryOneBeforeRunning()
    {
        var offset = 3;
        var pipeline = new Pipeline(
        [
            N("captures", (int x) => x + offset, "A", "B"),
            N("also_captures", (int x) => x * offset, "B", "C"),
            N("portable", Increment, "C", "D"),
        ]);
        var error = Assert.Throws<ArgumentException>(() => _pool.Runner.Run(pipeline, Catalog(("A", 1))));
        Assert.StartsWith("The following nodes cannot be serialised: ['also_captures (its function is a closure that captures variables)', 'captures (its function is a closure that captures variables)']", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_pool.Logger.Messages, m => m.StartsWith("Running node", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_WhenDatasetsCannotReachWorkers_ListsEveryOne()
    {
        var catalog = new DataCatalog(new Dictionary<string, IDataset>
        {
            ["A"] = new CachedDataset(new MemoryDataset(1)),
            ["B"] = new PersistentDataset(() => 2),
        });
        var pipeline = new Pipeline([N("add", Add, new[] { "A", "B" }, "C")]);
        var error = Assert.Throws<DatasetException>(() => _pool.Runner.Run(pipeline, catalog));
        Assert.StartsWith("The following datasets cannot be used with multiprocessing: ['A', 'B']", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WithPlainMemoryDatasetAsIntermediate_Completes()
    {
        var result = _pool.Runner.Run(FanOutFanIn(), Catalog(("A", 42), ("C", new MemoryDataset())));
        Assert.Equal(["Z"], result.Keys);
        Assert.Equal(new[] { 42, 42, 42 }, result["Z"].Load());
    }

    [Fact]
    public void Run_WhenValueCannotBeSerialised_FailsNamingItsType()
    {
        var pipeline = new Pipeline([N("make", ReturnDelegate, "A", "B"), N("use", Identity, "B", "C")]);
        var error = Assert.Throws<DatasetException>(() => _pool.Runner.Run(pipeline, Catalog(("A", 1))));
        Assert.Contains("cannot be serialised. ParallelRunner implicit memory datasets can only be used with serialisable data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WhenNodeThrows_RethrowsOriginalTypeAndMessageWithWorkerStackAndSuggestsResume()
    {
        var pipeline = new Pipeline([N("first", Increment, "A", "B"), N("second", Fail, "B", "C"), N("third", Identity, "C", "D")]);
        var error = Assert.Throws<InvalidOperationException>(() => _pool.Runner.Run(pipeline, Catalog(("A", 1))));
        Assert.Equal("test exception", error.Message);
        Assert.Contains(nameof(PortableNodes.Fail), error.StackTrace, StringComparison.Ordinal);
        Assert.Contains(_pool.Logger.Messages, m => m.StartsWith("Node second: Fail([B]) -> [C] failed with error: \ntest exception", StringComparison.Ordinal));
        Assert.Contains("There are 2 nodes that have not run.\nYou can resume the pipeline run from the nearest nodes with persisted inputs by adding the following argument to your previous command:\n  --from-nodes \"first\"", _pool.Logger.Messages);
    }

    [Fact]
    public void Run_WhenFirstNodeThrows_SaysNoNodesRan()
    {
        var pipeline = new Pipeline([N("first", Fail, "A", "B")]);
        Assert.Throws<InvalidOperationException>(() => _pool.Runner.Run(pipeline, Catalog(("A", 1))));
        Assert.Contains("No nodes ran. Repeat the previous command to attempt a new run.", _pool.Logger.Messages);
    }

    [Fact]
    public void Run_ReleasesEachIntermediateAfterItsLastConsumer()
    {
        var counts = new List<int>();
        var probe = new SharedDirectoryProbe
        {
            OnBeforeNodeRun = context =>
            {
                if (context.Catalog.Get(context.Node.Inputs[0]) is SharedMemoryDataset { Manager: { } manager })
                {
                    counts.Add(manager.Segments().Count);
                }
            },
        };
        var hooks = new HookManager();
        hooks.Register(probe);
        var pipeline = new Pipeline([.. Enumerable.Range(0, 6).Select(i => N($"n{i}", Increment, $"d{i}", $"d{i + 1}"))]);
        var result = _pool.Runner.Run(pipeline, Catalog(("d0", 0)), hooks);
        Assert.Equal(6, result["d6"].Load());
        Assert.Equal(5, counts.Count);
        Assert.All(counts, count => Assert.Equal(1, count)); // only the running node's input is still in shared memory
        Assert.All(probe.Directories, directory => Assert.False(Directory.Exists(directory)));
    }

    [Fact]
    public void Run_MultipleInputsAndOutputs_InAsyncMode()
    {
        var pipeline = new Pipeline(
        [
            N("split", Split, new[] { "a", "b" }, new[] { "x", "y" }),
            N("add", Add, new[] { "x", "y" }, "z"),
        ]);
        var result = _pool.AsyncRunner.Run(pipeline, Catalog(("a", 1), ("b", 2)));
        Assert.Equal(30, result["z"].Load());
    }
}
