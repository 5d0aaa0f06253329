using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;

namespace Kedro.Core.Tests.Contract;

/// <summary>Runs every method of the contract copy and asserts what its comments promise.</summary>
public class ContractTests
{
    private static int Add(int a, int b) => a + b;

    private static Pipeline ContractPipeline()
    {
        var add = Node.Create(Add, inputs: ["a", "b"], outputs: "sum", name: "add", tags: ["math"]);
        var scale = Node.Create((int s, int alpha) => s * alpha, ["sum", "params:alpha"], "out", name: "scale");
        var keep = Node.Create((int r) => r, "raw", "kept", name: "keep", @namespace: "ds");
        return new Pipeline([add, scale, keep]);
    }

    private static DataCatalog ContractCatalog() => new(new Dictionary<string, IDataset>
    {
        ["a"] = new MemoryDataset(1),
        ["b"] = new MemoryDataset(2),
        ["params:alpha"] = new MemoryDataset(10),
        ["raw"] = new MemoryDataset(7),
    });

    [Fact]
    public void Nodes_BehaveAsTheContractSays()
    {
        CoreContract.Nodes();

        var add = Node.Create(Add, inputs: ["a", "b"], outputs: "sum", name: "add", tags: ["math"]);
        Assert.Equal("add", add.Name);
        Assert.Equal(["a", "b"], add.Inputs);
        Assert.Equal(["sum"], add.Outputs);
        Assert.Equal(new HashSet<string> { "math" }, add.Tags);
        Assert.Null(add.Namespace);
        Assert.Equal("add: Add([a;b]) -> [sum]", add.ToString());

        var tagged = add.Tag("fast");
        Assert.Equal(new HashSet<string> { "math", "fast" }, tagged.Tags);
        Assert.Equal(new HashSet<string> { "math" }, add.Tags);
        Assert.Equal(3, add.Run(new Dictionary<string, object?> { ["a"] = 1, ["b"] = 2 })["sum"]);

        var inc = Node.Create((int x) => x + 1, "sum", "inc");
        Assert.Matches("__[0-9a-f]{8}$", inc.Name);

        var pair = Node.Create((int x) => (x, x * 2), "inc", ["once", "twice"]);
        var paired = pair.Run(new Dictionary<string, object?> { ["inc"] = 3 });
        Assert.Equal(3, paired["once"]);
        Assert.Equal(6, paired["twice"]);

        var kw = Node.Create((int a, int b) => a - b,
            new Dictionary<string, string> { ["a"] = "once", ["b"] = "twice" }, "diff");
        Assert.Equal(-3, kw.Run(new Dictionary<string, object?> { ["once"] = 3, ["twice"] = 6 })["diff"]);

        var dict = Node.Create((int d) => new Dictionary<string, object?> { ["lo"] = d, ["hi"] = -d },
            "diff", new Dictionary<string, string> { ["lo"] = "low", ["hi"] = "high" });
        var split = dict.Run(new Dictionary<string, object?> { ["diff"] = 4 });
        Assert.Equal(4, split["low"]);
        Assert.Equal(-4, split["high"]);

        var source = Node.Create(() => 41, null, "forty_one");
        Assert.Equal(41, source.Run()["forty_one"]);

        var slow = Node.Create(async (int v, CancellationToken ct) =>
        {
            await Task.Delay(1, ct);
            return v;
        }, "high", "high_later");
        Assert.Equal(["high"], slow.Inputs);
        Assert.Equal(7, slow.Run(new Dictionary<string, object?> { ["high"] = 7 })["high_later"]);

        var sink = Node.Create((int v) => Console.WriteLine(v), "low", null);
        Assert.Empty(sink.Outputs);
        Assert.Empty(sink.Run(new Dictionary<string, object?> { ["low"] = 1 }));
    }

    [Fact]
    public void Pipelines_BehaveAsTheContractSays()
    {
        var pipeline = ContractPipeline();
        var nodes = pipeline.Nodes;
        CoreContract.Pipelines(nodes[0], nodes[1], nodes[2]);

        Assert.Equal(["add", "ds.keep", "scale"], pipeline.Nodes.Select(n => n.Name));
        Assert.Equal(2, pipeline.GroupedNodes.Count);
        var scale = pipeline.Nodes.Single(n => n.Name == "scale");
        Assert.Equal(["add"], pipeline.NodeDependencies[scale].Select(n => n.Name));
        Assert.Equal(new HashSet<string> { "a", "b", "params:alpha", "raw" }, pipeline.Inputs());
        Assert.Equal(new HashSet<string> { "out", "kept" }, pipeline.Outputs());

        var modular = new Pipeline(pipeline, @namespace: "ds", inputs: ["raw"],
            outputs: new Dictionary<string, string> { ["out"] = "final" }, parameters: ["alpha"], tags: ["model"]);
        Assert.Contains("final", modular.Outputs());
        Assert.Contains("raw", modular.Inputs());
        Assert.Contains("params:alpha", modular.Inputs());
        Assert.Contains("ds.a", modular.Inputs());
        Assert.All(modular.Nodes, n => Assert.Contains("model", n.Tags));

        Assert.Equal(["add"], pipeline.Filter(tags: ["math"]).Nodes.Select(n => n.Name));
        Assert.Equal(["ds.keep"], pipeline.OnlyNodesWithNamespaces("ds").Nodes.Select(n => n.Name));
        var p = pipeline.OnlyNodes("add");
        var q = pipeline.ToOutputs("out");
        Assert.Equal(["scale"], ((p | q) - (p & q)).Nodes.Select(n => n.Name));
        Assert.Contains("add", pipeline.Describe(), StringComparison.Ordinal);
        Assert.Contains("\"add\"", pipeline.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Datasets_BehaveAsTheContractSays()
    {
        CoreContract.Datasets();

        var list = new List<int> { 1, 2, 3 };
        var memory = new MemoryDataset(list);
        list.Add(4);
        Assert.Equal([1, 2, 3], (List<int>)memory.Load()!);
        Assert.False(new MemoryDataset().Exists());
        Assert.True(memory.IsEphemeral);
        Assert.True(new CachedDataset(memory).IsSingleProcess);

        var version = new DatasetVersion(Load: null, Save: "2026-01-01T00.00.00.000Z");
        Assert.Null(version.Load);
        Assert.Equal("2026-01-01T00.00.00.000Z", version.Save);
    }

    [Fact]
    public void UserDataset_WrapsFailuresInDatasetException()
    {
        var missing = new CoreContract.TextFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "x.txt"));

        Assert.False(missing.Exists());
        var error = Assert.Throws<DatasetException>(() => missing.Load());
        Assert.Contains("Failed while loading data from dataset", error.Message, StringComparison.Ordinal);
        Assert.Throws<DatasetException>(() => missing.Save(null));
    }

    [Fact]
    public void Catalogs_BehaveAsTheContractSays()
    {
        CoreContract.Catalogs();

        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["a"] = new MemoryDataset(1) });
        catalog["c"] = new MemoryDataset(3);
        Assert.Throws<DatasetNotFoundException>(() => catalog["x"]);
        Assert.Null(catalog.Get("x"));
        Assert.NotNull(catalog.Get("x", fallbackToRuntimePattern: true));
        Assert.Equal(1, catalog.Load<int>("a"));
        catalog.Save("c", 4);
        Assert.Equal(4, catalog.Load("c"));

        var fromConfig = DataCatalog.FromConfig(new Dictionary<string, object?>
        {
            ["cars"] = new Dictionary<string, object?> { ["type"] = "MemoryDataset" },
            ["{name}_raw"] = new Dictionary<string, object?> { ["type"] = "MemoryDataset" },
        }, credentials: null, loadVersions: null, saveVersion: null);
        Assert.Contains("cars", fromConfig.Keys);
        Assert.True(fromConfig.Contains("boats_raw"));
        Assert.IsType<MemoryDataset>(fromConfig["boats_raw"]);
    }

    [Fact]
    public async Task Runners_BehaveAsTheContractSays()
    {
        var pipeline = ContractPipeline();
        var contractCatalog = ContractCatalog();
        contractCatalog["sum"] = new MemoryDataset();
        await CoreContract.Runners(pipeline, contractCatalog, CancellationToken.None);

        var outputs = new SequentialRunner().Run(pipeline, ContractCatalog());
        Assert.Equal(new HashSet<string> { "out", "kept" }, outputs.Keys.ToHashSet());
        Assert.Equal(30, outputs["out"].Load());

        var timing = new RecordingHooks();
        var hooks = new HookManager();
        hooks.Register(timing);
        // Outputs that are not in the catalog count as present (Kedro's rule), so nothing is missing here.
        var skipped = new ThreadRunner(maxWorkers: 4).Run(pipeline, ContractCatalog(), hooks, runId: "r1", onlyMissingOutputs: true);
        Assert.Empty(skipped);
        Assert.Equal(0, timing.NodesRun);

        var threaded = new ThreadRunner(maxWorkers: 4).Run(pipeline, ContractCatalog(), hooks, runId: "r2");
        Assert.Equal(7, threaded["kept"].Load());
        Assert.Equal(3, timing.NodesRun);

        var catalog = ContractCatalog();
        catalog["sum"] = new MemoryDataset();
        var task = new NodeTask(pipeline.Nodes[0], catalog, isAsync: false, hookManager: hooks, runId: null);
        Assert.Same(pipeline.Nodes[0], task.Execute());
        Assert.Equal(3, catalog.Load("sum"));
    }

    private sealed class RecordingHooks : INodeHooks
    {
        private int _nodesRun;

        public int NodesRun => _nodesRun;

        public void AfterNodeRun(NodeRunContext context, IReadOnlyDictionary<string, object?> outputs) => Interlocked.Increment(ref _nodesRun);
    }
}
