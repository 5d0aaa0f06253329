// The public contract of Kedro.NET's core, written as code that must compile against the library.
//
// A copy of ../shared/design/Contract.cs kept compiling in the test suite (tests/Kedro.Core.Tests/ContractTests.cs, say),
// and make each method below a test that also asserts what the comments promise.
// The names are Kedro's, in .NET casing, so a Kedro user finds every concept where they expect it.
// Where .NET forces a different name it is noted. Changing a name here is allowed only with a
// strong reason, written in the closing note of the issue that changes it.

#pragma warning disable CA1859 // the contract declares datasets by their interface on purpose

using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;

namespace Kedro.Core.Tests.Contract;

public static class CoreContract
{
    private static int Add(int a, int b) => a + b;

    private static IEnumerable<int> CountTo(int n) // an iterator method: a streaming ("generator") node
    {
        for (var i = 1; i <= n; i++)
        {
            yield return i;
        }
    }

    public static void Nodes()
    {
        // Node.Create(Delegate func, inputs, outputs, name?, tags?, confirms?, @namespace?)
        // inputs/outputs accept: null, one name, a collection of names (collection expression or string[]),
        // or a dictionary (inputs: parameter name -> dataset; outputs: key of the returned dictionary -> dataset).
        Node add = Node.Create(Add, inputs: ["a", "b"], outputs: "sum", name: "add", tags: ["math"]);
        Node inc = Node.Create((int x) => x + 1, "sum", "inc");                      // auto name "<func>__<8 hex>"
        Node pair = Node.Create((int x) => (x, x * 2), "inc", ["once", "twice"]);     // a ValueTuple fills a list of outputs
        Node kw = Node.Create((int a, int b) => a - b,
            new Dictionary<string, string> { ["a"] = "once", ["b"] = "twice" }, "diff");
        Node dict = Node.Create((int d) => new Dictionary<string, object?> { ["lo"] = d, ["hi"] = -d },
            "diff", new Dictionary<string, string> { ["lo"] = "low", ["hi"] = "high" });
        Node sink = Node.Create((int v) => Console.WriteLine(v), "low", null);        // no outputs
        Node source = Node.Create(() => 41, null, "forty_one");                       // no inputs
        Node slow = Node.Create(async (int v, CancellationToken ct) =>               // async node; the token is the run's
        {
            await Task.Delay(1, ct);
            return v;
        }, "high", "high_later");
        Node stream = Node.Create(CountTo, "forty_one", "numbers");                  // iterator: each item saved as a chunk

        string name = add.Name;                        // "add"; with a namespace: "ns.add"
        IReadOnlyList<string> inputs = add.Inputs;     // ["a", "b"]
        IReadOnlyList<string> outputs = add.Outputs;   // ["sum"]
        IReadOnlySet<string> tags = add.Tags;          // {"math"}
        string? ns = add.Namespace;                    // null
        Node tagged = add.Tag("fast");                 // a copy with one more tag
        IReadOnlyDictionary<string, object?> result = add.Run(new Dictionary<string, object?> { ["a"] = 1, ["b"] = 2 });
        _ = (inc, pair, kw, dict, sink, source, slow, stream, name, inputs, outputs, tags, ns, tagged, result);
        // add.ToString() == "add: Add([a;b]) -> [sum]"
    }

    public static void Pipelines(Node a, Node b, Node c)
    {
        var pipeline = new Pipeline([a, b, c]);                     // validates: unique names and outputs, no cycles
        var modular = new Pipeline(pipeline,                        // Kedro's pipeline(..., namespace=, inputs=, ...)
            @namespace: "ds", inputs: ["raw"], outputs: new Dictionary<string, string> { ["out"] = "final" },
            parameters: ["alpha"], tags: ["model"]);

        IReadOnlyList<Node> ordered = pipeline.Nodes;               // topological order, ties by name
        IReadOnlyList<IReadOnlyList<Node>> layers = pipeline.GroupedNodes;
        IReadOnlyDictionary<Node, IReadOnlySet<Node>> parents = pipeline.NodeDependencies;
        IReadOnlySet<string> free = pipeline.Inputs();              // also Outputs(), AllInputs(), AllOutputs(), Datasets()

        Pipeline p = pipeline.OnlyNodes("add")
            + pipeline.OnlyNodesWithTags("math")
            + pipeline.FromNodes("add")
            + pipeline.ToNodes("add")
            + pipeline.FromInputs("a")
            + pipeline.ToOutputs("sum")
            + pipeline.OnlyNodesWithInputs("a")
            + pipeline.OnlyNodesWithOutputs("sum")
            + pipeline.OnlyNodesWithNamespaces("ds");
        Pipeline q = pipeline.Filter(tags: ["math"], fromNodes: ["add"], toNodes: null, nodeNames: null,
            fromInputs: null, toOutputs: null, nodeNamespaces: null);
        Pipeline ops = (p | q) - (p & q);
        string text = pipeline.Describe();
        string json = pipeline.ToJson();
        _ = (modular, ordered, layers, parents, free, ops, text, json);
    }

    public static void Datasets()
    {
        IDataset memory = new MemoryDataset(new List<int> { 1, 2, 3 });             // copies on save and load by default
        IDataset empty = new MemoryDataset();
        IDataset assigned = new MemoryDataset(new object(), CopyMode.Assign);        // CopyMode: DeepCopy, Copy, Assign
        IDataset cached = new CachedDataset(memory);
        IDataset shared = new SharedMemoryDataset();                                 // data held where every worker process reads it

        object? data = memory.Load();
        memory.Save(new List<int> { 4 });
        bool exists = empty.Exists();                                                // false
        memory.Release();
        IReadOnlyDictionary<string, object?> describe = memory.Describe();
        bool ephemeral = memory.IsEphemeral;                                         // Kedro's _EPHEMERAL
        bool singleProcess = cached.IsSingleProcess;                                 // Kedro's _SINGLE_PROCESS
        var version = new DatasetVersion(Load: null, Save: "2026-01-01T00.00.00.000Z"); // Kedro's Version(load, save);
        // named DatasetVersion because "Version" would clash with System.Version
        _ = (assigned, shared, data, exists, describe, ephemeral, singleProcess, version);
    }

    // A user-defined dataset: the typed base class does the wrapping Kedro's AbstractDataset does
    // (DatasetException with the dataset's description, 'None' refused on save, logging).
    public sealed class TextFile(string filepath) : AbstractDataset<string>
    {
        protected override string LoadCore() => File.ReadAllText(filepath);
        protected override void SaveCore(string data) => File.WriteAllText(filepath, data);
        protected override bool ExistsCore() => File.Exists(filepath);
        protected override IReadOnlyDictionary<string, object?> DescribeCore() =>
            new Dictionary<string, object?> { ["filepath"] = filepath };
    }

    public static void Catalogs()
    {
        var catalog = new DataCatalog(new Dictionary<string, IDataset>
        {
            ["a"] = new MemoryDataset(1),
            ["b"] = new MemoryDataset(2),
        });
        catalog["c"] = new MemoryDataset(3);                      // replaces with a warning if present
        IDataset a = catalog["a"];                                // DatasetNotFoundException if unknown
        IDataset? maybe = catalog.Get("x", fallbackToRuntimePattern: true);
        bool has = catalog.Contains("a");
        IReadOnlyList<string> names = catalog.Keys;
        object? one = catalog.Load("a");
        int typed = catalog.Load<int>("b");
        catalog.Save("c", 4);
        bool there = catalog.Exists("c");
        catalog.Release("c");
        IReadOnlyList<string> csvs = catalog.Filter(nameRegex: "^a", typeRegex: null, byType: null);

        // From configuration, as parsed from catalog.yml; "{name}_raw" is a dataset factory pattern.
        var config = new Dictionary<string, object?>
        {
            ["cars"] = new Dictionary<string, object?> { ["type"] = "MemoryDataset" },
            ["{name}_raw"] = new Dictionary<string, object?> { ["type"] = "MemoryDataset" },
        };
        DataCatalog fromConfig = DataCatalog.FromConfig(config, credentials: null,
            loadVersions: null, saveVersion: null);

        var sharedCatalog = new SharedMemoryDataCatalog(new Dictionary<string, IDataset> { ["a"] = new MemoryDataset(1) });
        sharedCatalog.ValidateCatalog();                          // throws, listing every dataset unusable across processes
        _ = (a, maybe, has, names, one, typed, there, csvs, fromConfig);
    }

    public sealed class Timing : INodeHooks, IPipelineHooks
    {
        // Hook interfaces (INodeHooks, IPipelineHooks, IDatasetHooks, ICatalogHooks, IContextHooks)
        // have default no-op members named after Kedro's hook specs: BeforeNodeRun, AfterNodeRun,
        // OnNodeError, BeforePipelineRun, AfterPipelineRun, OnPipelineError, BeforeDatasetLoaded,
        // AfterDatasetLoaded, BeforeDatasetSaved, AfterDatasetSaved, AfterCatalogCreated,
        // AfterContextCreated. The argument types are the library's choice; implement what you need.
    }

    public static async Task Runners(Pipeline pipeline, DataCatalog catalog, CancellationToken cancellationToken)
    {
        var hooks = new HookManager();
        hooks.Register(new Timing());

        // Run returns the pipeline's free outputs as datasets (not data), like Kedro.
        IReadOnlyDictionary<string, IDataset> outputs = new SequentialRunner().Run(pipeline, catalog);
        outputs = new ThreadRunner(maxWorkers: 4).Run(pipeline, catalog, hooks, runId: "r1", onlyMissingOutputs: true);
        outputs = await new ThreadRunner(maxWorkers: 2, isAsync: true).RunAsync(pipeline, catalog, hooks,
            runId: null, onlyMissingOutputs: false, cancellationToken);
        using (var parallel = new ParallelRunner(maxWorkers: 2, isAsync: true))   // worker processes
        {
            // The contract passes `new SharedMemoryDataCatalog()`; here it holds the catalog's datasets so the pipeline's inputs exist.
            outputs = await parallel.RunAsync(pipeline, new SharedMemoryDataCatalog(catalog.Items().ToDictionary(p => p.Key, p => p.Value)), hooks,
                runId: null, onlyMissingOutputs: false, cancellationToken);
        }

        try
        {
            new SequentialRunner(isAsync: true).Run(pipeline, catalog);
        }
        catch (TaskException)          // Kedro's TaskError ("Task" would clash with System.Threading.Tasks.Task)
        {
        }
        catch (DatasetException)       // Kedro's DatasetError; also DatasetNotFoundException, VersionNotFoundException, ...
        {
        }
        catch (PipelineException)      // also OutputNotUniqueException, CircularDependencyException, ConfirmNotUniqueException
        {
        }

        var task = new NodeTask(pipeline.Nodes[0], catalog, isAsync: false, hookManager: hooks, runId: null);
        Node done = task.Execute();
        _ = (outputs, done);
    }
}
