using Kedro.Hooks;
using Kedro.IO;
using Kedro.IO.Serialization;
using Kedro.Pipelines;
using Kedro.Runners;
using Kedro.Testing.Runners;
using static Kedro.Parallel.Tests.Runs.PortableNodes;

namespace Kedro.Parallel.Tests.Runs;

/// <summary>Hooks, persistent datasets, user serializers, only-missing-outputs and random DAGs under ParallelRunner.</summary>
public sealed class ParallelRunnerDataTests : IClassFixture<WorkerPoolFixture>
{
    private readonly WorkerPoolFixture _pool;

    public ParallelRunnerDataTests(WorkerPoolFixture pool)
    {
        _pool = pool;
        pool.Logger.Reset();
    }

    private static Node N(string name, Delegate func, DatasetNames? inputs, DatasetNames? outputs) =>
        Node.Create(func, inputs, outputs, name: name);

    private static DataCatalog Catalog(params (string Name, object? Value)[] data) =>
        new(data.ToDictionary(d => d.Name, d => d.Value as IDataset ?? new MemoryDataset(d.Value)));

    private static Pipeline Chain() => new(
    [
        N("node1", Split, new[] { "a", "b" }, new[] { "x", "y" }),
        N("node2", Add, new[] { "x", "y" }, "z"),
        N("node3", Increment, "z", "out"),
    ]);

    [Fact]
    public void Run_AfterwardsTheSharedMemoryCatalogStillWorks()
    {
        var catalog = new SharedMemoryDataCatalog(new Dictionary<string, IDataset>
        {
            ["a"] = new MemoryDataset(1),
            ["b"] = new MemoryDataset(2),
            ["z"] = new SharedMemoryDataset(),
        });
        var result = _pool.Runner.Run(Chain(), catalog);

        Assert.Equal(31, result["out"].Load());
        var released = Assert.Throws<DatasetException>(() => catalog.Load("z"));
        Assert.Contains("Data for MemoryDataset has not been saved yet.", released.Message, StringComparison.Ordinal);
        catalog.Save("z", new[] { 4, 5 });
        Assert.Equal(new[] { 4, 5 }, catalog.Load("z"));
    }

    [Fact]
    public void Run_FiresEveryHookInTheParentInSequentialRunnersOrder()
    {
        var sequential = new RecordingHooks();
        var sequentialHooks = new HookManager();
        sequentialHooks.Register(sequential);
        new SequentialRunner().Run(Chain(), Catalog(("a", 1), ("b", 2)), sequentialHooks);

        var parallel = new RecordingHooks();
        var parallelHooks = new HookManager();
        parallelHooks.Register(parallel);
        var result = _pool.Runner.Run(Chain(), Catalog(("a", 1), ("b", 2)), parallelHooks);

        Assert.Equal(31, result["out"].Load());
        Assert.Equal(sequential.Calls, parallel.Calls);
        Assert.Contains("h:before_dataset_loaded:x", parallel.Calls);
    }

    [Fact]
    public void Run_HooksReceiveTheData()
    {
        var seen = new DataHooks();
        var hooks = new HookManager();
        hooks.Register(seen);
        _pool.AsyncRunner.Run(Chain(), Catalog(("a", 1), ("b", 2)), hooks);
        Assert.Equal(10, seen.Loaded["x"]);
        Assert.Equal(30, seen.Saved["z"]);
        Assert.Equal(31, seen.Outputs["out"]);
        Assert.Equal(30, seen.Inputs["z"]);
    }

    [Fact]
    public void Run_BeforeNodeRunOverridesAnInput()
    {
        var hooks = new HookManager();
        hooks.Register(new RecordingHooks
        {
            Overrides = context => context.Node.Name == "node3" ? new Dictionary<string, object?> { ["z"] = 100 } : null,
        });
        var result = _pool.Runner.Run(Chain(), Catalog(("a", 1), ("b", 2)), hooks);
        Assert.Equal(101, result["out"].Load());
    }

    [Fact]
    public void Run_WhenNodeFails_CallsOnNodeErrorOnceWithTheError()
    {
        var recording = new RecordingHooks();
        var hooks = new HookManager();
        hooks.Register(recording);
        var pipeline = new Pipeline([N("ok", Increment, "a", "b"), N("broken", Fail, "b", "c")]);
        var error = Assert.Throws<InvalidOperationException>(() => _pool.Runner.Run(pipeline, Catalog(("a", 1)), hooks));
        var reported = Assert.Single(recording.Errors);
        Assert.Same(error, reported);
        Assert.Contains("h:on_node_error:broken", recording.Calls);
        Assert.DoesNotContain("h:after_node_run:broken", recording.Calls);
    }

    [Fact]
    public void Run_WithPersistentFileDatasets_WorkersReadAndWriteTheFiles()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("in.txt"), "kedro");
        var registry = TextFile.Register(new DatasetTypeRegistry());
        var catalog = DataCatalog.FromConfig(
            new Dictionary<string, object?>
            {
                ["raw"] = new Dictionary<string, object?> { ["type"] = "tests.TextFile", ["filepath"] = folder.File("in.txt") },
                ["final"] = new Dictionary<string, object?> { ["type"] = "tests.TextFile", ["filepath"] = folder.File("out.txt") },
            },
            registry: registry);
        var pipeline = new Pipeline([N("upper", Upper, "raw", "middle"), N("copy", Identity, "middle", "final")]);
        var result = _pool.Runner.Run(pipeline, catalog);
        Assert.Equal("KEDRO", File.ReadAllText(folder.File("out.txt")));
        Assert.Equal("KEDRO", result["final"].Load());
    }

    [Fact]
    public void Run_OnlyMissingOutputs_SkipsNodesWhosePersistentOutputsExist()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("b.txt"), "existing");
        var registry = TextFile.Register(new DatasetTypeRegistry());
        var catalog = DataCatalog.FromConfig(
            new Dictionary<string, object?>
            {
                ["B"] = new Dictionary<string, object?> { ["type"] = "tests.TextFile", ["filepath"] = folder.File("b.txt") },
                ["C"] = new Dictionary<string, object?> { ["type"] = "tests.TextFile", ["filepath"] = folder.File("c.txt") },
            },
            registry: registry);
        catalog["A"] = new MemoryDataset("fresh");
        var pipeline = new Pipeline([N("node1", Upper, "A", "B"), N("node2", Upper, "B", "C")]);
        _pool.Runner.Run(pipeline, catalog, onlyMissingOutputs: true);
        Assert.Contains("Skipping 1 nodes with existing outputs: node1", _pool.Logger.Messages);
        Assert.Contains("Running 1 out of 2 nodes", _pool.Logger.Messages);
        Assert.Equal("EXISTING", File.ReadAllText(folder.File("c.txt")));
    }

    [Fact]
    public void Run_WhenIntermediateIsPersisted_SuggestsResumingFromTheNodeAfterIt()
    {
        using var folder = new TempFolder();
        var registry = TextFile.Register(new DatasetTypeRegistry());
        var catalog = DataCatalog.FromConfig(
            new Dictionary<string, object?>
            {
                ["n2"] = new Dictionary<string, object?> { ["type"] = "tests.TextFile", ["filepath"] = folder.File("n2.txt") },
            },
            registry: registry);
        catalog["n0"] = new MemoryDataset("x");
        var pipeline = new Pipeline(
        [
            N("n1", Upper, "n0", "n1"),
            N("n2", Upper, "n1", "n2"),
            N("n3", Fail, "n2", "n3"),
            N("n4", Identity, "n3", "n4"),
            N("n5", Identity, "n4", "n5"),
        ]);
        Assert.Throws<InvalidOperationException>(() => _pool.Runner.Run(pipeline, catalog));
        Assert.Contains(_pool.Logger.Messages, m => m.StartsWith("There are 3 nodes that have not run.", StringComparison.Ordinal)
            && m.EndsWith("--from-nodes \"n3\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_WithUserRegisteredSerializer_HandsTheValueBetweenWorkers()
    {
        ValueSerializerRegistry.Default.Register(new TallySerializer());
        var pipeline = new Pipeline([N("make", MakeTally, "count", "tally"), N("describe", DescribeTally, "tally", "text")]);
        var result = _pool.Runner.Run(pipeline, Catalog(("count", 4)));
        Assert.Equal("||||", result["text"].Load());
    }

    [Fact]
    public void Run_OnSeededRandomDags_GivesSequentialRunnersOutputs()
    {
        var random = new Random(20260101);
        for (var graph = 0; graph < 12; graph++)
        {
            var count = random.Next(1, 30);
            var seed = random.Next();
            var expected = RunDag(new SequentialRunner(), seed, count, failing: null, out _, out _);
            var actual = RunDag(_pool.Runner, seed, count, failing: null, out _, out var error);
            Assert.Null(error);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Run_OnSeededRandomDags_StopsAtAFailureAndRunsNothingDownstream()
    {
        var random = new Random(7);
        for (var graph = 0; graph < 6; graph++)
        {
            var count = random.Next(2, 25);
            var failing = random.Next(0, count);
            var seed = random.Next();
            RunDag(_pool.Runner, seed, count, failing, out var completed, out var error);
            Assert.Equal("test exception", Assert.IsType<InvalidOperationException>(error).Message);
            var parents = DagParents(seed, count);
            var downstream = new bool[count];
            downstream[failing] = true;
            for (var i = failing + 1; i < count; i++)
            {
                downstream[i] = parents[i].Any(p => downstream[p]);
            }

            for (var i = 0; i < count; i++)
            {
                Assert.False(downstream[i] && completed.Contains($"n{i:D5}"), $"graph {graph}: n{i} ran downstream of the failed n{failing}");
            }
        }
    }

    /// <summary>The same shape as the core's seeded random DAGs, with portable node functions (static methods).</summary>
    private static int[][] DagParents(int seed, int count)
    {
        var random = new Random(seed);
        var parents = new int[count][];
        for (var i = 0; i < count; i++)
        {
            var fanIn = i == 0 ? 0 : random.Next(0, Math.Min(i, 3) + 1);
            parents[i] = Enumerable.Range(0, fanIn).Select(_ => random.Next(0, i)).Distinct().ToArray();
        }

        return parents;
    }

    private static List<object?> RunDag(AbstractRunner runner, int seed, int count, int? failing, out HashSet<string> completed, out Exception? error)
    {
        var parents = DagParents(seed, count);
        var nodes = new List<Node>(count);
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["source"] = new MemoryDataset(1L) });
        for (var i = 0; i < count; i++)
        {
            catalog[$"params:i{i}"] = new MemoryDataset((long)i);
            var inputs = parents[i].Select(p => $"d{p}").Append("source").Append($"params:i{i}").ToArray();
            nodes.Add(Node.Create(failing == i ? FailMany : Sum, inputs, $"d{i}", name: $"n{i:D5}"));
        }

        var recorder = new CompletedNodes();
        var hooks = new HookManager();
        hooks.Register(recorder);
        completed = recorder.Names;
        error = null;
        try
        {
            return runner.Run(new Pipeline(nodes), catalog, hooks)
                .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (object?)Convert.ToInt64(p.Value.Load(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        }
        catch (InvalidOperationException exception)
        {
            error = exception;
            return [];
        }
    }

    private sealed class CompletedNodes : INodeHooks
    {
        public HashSet<string> Names { get; } = [];

        public void AfterNodeRun(NodeRunContext context, IReadOnlyDictionary<string, object?> outputs)
        {
            lock (Names)
            {
                Names.Add(context.Node.Name);
            }
        }
    }

    private sealed class DataHooks : INodeHooks, IDatasetHooks
    {
        public Dictionary<string, object?> Loaded { get; } = [];

        public Dictionary<string, object?> Saved { get; } = [];

        public Dictionary<string, object?> Inputs { get; } = [];

        public Dictionary<string, object?> Outputs { get; } = [];

        public IReadOnlyDictionary<string, object?>? BeforeNodeRun(NodeRunContext context)
        {
            lock (Inputs)
            {
                foreach (var (name, value) in context.Inputs)
                {
                    Inputs[name] = value;
                }
            }

            return null;
        }

        public void AfterNodeRun(NodeRunContext context, IReadOnlyDictionary<string, object?> outputs)
        {
            lock (Outputs)
            {
                foreach (var (name, value) in outputs)
                {
                    Outputs[name] = value;
                }
            }
        }

        public void AfterDatasetLoaded(string datasetName, object? data, Node node)
        {
            lock (Loaded)
            {
                Loaded[datasetName] = data;
            }
        }

        public void AfterDatasetSaved(string datasetName, object? data, Node node)
        {
            lock (Saved)
            {
                Saved[datasetName] = data;
            }
        }
    }
}
