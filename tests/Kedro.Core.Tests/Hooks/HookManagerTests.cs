using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;
using static Kedro.Testing.Runners.Kit;
using Kedro.Testing.Runners;

namespace Kedro.Core.Tests.Hooks;

public class HookManagerTests
{
    private sealed class PipelineHooks : IPipelineHooks, ICatalogHooks, IContextHooks
    {
        public List<string> Calls { get; } = [];

        public void BeforePipelineRun(RunParams runParams, Pipeline pipeline, DataCatalog catalog) => Calls.Add($"before:{runParams.RunId}");

        public void AfterPipelineRun(RunParams runParams, IReadOnlyDictionary<string, IDataset> runResult, Pipeline pipeline, DataCatalog catalog) =>
            Calls.Add($"after:{runResult.Count}");

        public void OnPipelineError(Exception error, RunParams runParams, Pipeline pipeline, DataCatalog catalog) => Calls.Add($"error:{error.Message}");

        public void AfterContextCreated(object context) => Calls.Add($"context:{context}");
    }

    private sealed class NoHooks;

    [Fact]
    public void Register_Type_ThrowsKedroMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => new HookManager().Register(typeof(RecordingHooks)));
        Assert.StartsWith("KedroSession expects hooks to be registered as instances. Have you forgotten the `()` when registering a hook class ?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_ObjectWithoutHookInterface_Throws() =>
        Assert.Throws<ArgumentException>(() => new HookManager().Register(new NoHooks()));

    [Fact]
    public void Register_SameInstanceTwice_IsIgnored()
    {
        var manager = new HookManager();
        var hooks = new RecordingHooks();
        manager.Register(hooks);
        manager.Register(hooks);
        Assert.Single(manager.Hooks);
        Assert.True(manager.IsRegistered(hooks));
    }

    [Fact]
    public void Calls_WithNoImplementations_ReturnNothing()
    {
        var manager = new HookManager();
        var node = N("n", Identity, "a", "b");
        var context = new NodeRunContext(node, new DataCatalog(), new Dictionary<string, object?>(), false, null);
        Assert.Empty(manager.BeforeNodeRun(context));
        manager.AfterNodeRun(context, new Dictionary<string, object?>());
        manager.BeforeDatasetLoaded("a", node);
        manager.AfterContextCreated(new object());
    }

    [Fact]
    public void PipelineAndContextHooks_AreFiredByTheCallerNotTheRunner()
    {
        var manager = new HookManager();
        var hooks = new PipelineHooks();
        manager.Register(hooks);
        var pipeline = FanOutFanIn();
        var catalog = Catalog(("A", 1));
        var result = new SequentialRunner().Run(pipeline, catalog, manager);
        Assert.Empty(hooks.Calls); // Kedro: the session fires pipeline hooks around runner.run
        var runParams = new RunParams { RunId = "r1", Runner = "SequentialRunner" };
        manager.BeforePipelineRun(runParams, pipeline, catalog);
        manager.AfterPipelineRun(runParams, result, pipeline, catalog);
        manager.OnPipelineError(new InvalidOperationException("x"), runParams, pipeline, catalog);
        manager.AfterContextCreated("ctx");
        Assert.Equal(["before:r1", "after:1", "error:x", "context:ctx"], hooks.Calls);
        Assert.Equal("r1", runParams.ToDictionary()["run_id"]);
        Assert.Equal(16, runParams.ToDictionary().Count);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_FiresNodeHooksInKedroOrder(string kind)
    {
        var manager = new HookManager();
        var hooks = new RecordingHooks();
        manager.Register(hooks);
        var logger = new ListLogger();
        Runner(kind, logger).Run(TwoBranchesCrossed(), PersistentCatalog(), manager, runId: "r");
        var node2 = hooks.Calls.Where(c => c.Contains("ds1_", StringComparison.Ordinal) || c.Contains("ds2_", StringComparison.Ordinal) || c.EndsWith(":node2", StringComparison.Ordinal))
            .Where(c => !c.Contains("saved:ds1_", StringComparison.Ordinal) && !c.Contains("loaded:ds2_", StringComparison.Ordinal)).ToList();
        if (kind.EndsWith("async", StringComparison.Ordinal))
        {
            // loads (and saves) run concurrently: each pair stays ordered, the node hooks stay between them.
            Assert.Equal(10, node2.Count);
            Assert.Equal("h:before_node_run:node2", node2[4]);
            Assert.Equal("h:after_node_run:node2", node2[5]);
        }
        else
        {
            Assert.Equal(
            [
                "h:before_dataset_loaded:ds1_A", "h:after_dataset_loaded:ds1_A",
                "h:before_dataset_loaded:ds1_B", "h:after_dataset_loaded:ds1_B",
                "h:before_node_run:node2", "h:after_node_run:node2",
                "h:before_dataset_saved:ds2_A", "h:after_dataset_saved:ds2_A",
                "h:before_dataset_saved:ds2_B", "h:after_dataset_saved:ds2_B",
            ], node2);
        }

        Assert.Equal(7, hooks.Calls.Count(c => c.StartsWith("h:after_node_run:", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_BeforeNodeRunOverrides_FirstRegisteredWinsAndCallOrderIsLifo(string kind)
    {
        var order = new List<string>();
        RecordingHooks Make(string name, Func<NodeRunContext, IReadOnlyDictionary<string, object?>?> answer) => new(name)
        {
            Overrides = context =>
            {
                lock (order)
                {
                    order.Add(name);
                }

                return answer(context);
            },
        };

        var manager = new HookManager();
        manager.Register(Make("A", c => new Dictionary<string, object?> { ["x"] = (int)c.Inputs["x"]! + 100 }));
        manager.Register(Make("B", _ => null));
        manager.Register(Make("C", _ => new Dictionary<string, object?> { ["x"] = -1 }));
        var pipeline = new Pipeline([N("n", (int x) => x, "x", "y")]);
        var result = Runner(kind).Run(pipeline, Catalog(("x", 1)), manager);
        Assert.Equal(["C", "B", "A"], order);
        Assert.Equal(101, result["y"].Load());
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_BeforeNodeRunOverride_OnlyAffectsThatNode(string kind)
    {
        var manager = new HookManager();
        manager.Register(new RecordingHooks
        {
            Overrides = c => c.Node.Name == "node1" ? new Dictionary<string, object?> { ["cars"] = "replacement" } : null,
        });
        var pipeline = new Pipeline([N("node1", Identity, "cars", "planes"), N("node2", Identity, "boats", "ships")]);
        var result = Runner(kind).Run(pipeline, Catalog(("cars", "car"), ("boats", "boat")), manager);
        Assert.Equal("replacement", result["planes"].Load());
        Assert.Equal("boat", result["ships"].Load());
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_WhenNodeFails_CallsOnNodeErrorAndNotAfterNodeRun(string kind)
    {
        var manager = new HookManager();
        var hooks = new RecordingHooks();
        manager.Register(hooks);
        var error = Assert.Throws<InvalidOperationException>(
            () => Runner(kind).Run(new Pipeline([N("boom", Fail, "A", "B")]), Catalog(("A", 1)), manager));
        Assert.Same(error, Assert.Single(hooks.Errors));
        Assert.Contains("h:on_node_error:boom", hooks.Calls);
        Assert.DoesNotContain("h:after_node_run:boom", hooks.Calls);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_NodeHooksReceiveRunIdAndMode(string kind)
    {
        var seen = new List<(string?, bool)>();
        var manager = new HookManager();
        manager.Register(new RecordingHooks
        {
            Overrides = c =>
            {
                lock (seen)
                {
                    seen.Add((c.RunId, c.IsAsync));
                }

                return null;
            },
        });
        var runner = Runner(kind);
        runner.Run(FanOutFanIn(), Catalog(("A", 1)), manager, runId: "run-7");
        Assert.Equal(5, seen.Count);
        Assert.All(seen, s => Assert.Equal(("run-7", runner.IsAsync), s));
    }
}
