using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;
using Kedro.Testing.Runners;
using static Kedro.Testing.Runners.Kit;

namespace Kedro.Parallel.Tests.Runs;

/// <summary>Runs in progress at the same time on one catalog, under every runner.</summary>
public sealed class AbstractRunnerConcurrentRunTests(WorkerPoolFixture pool) : IClassFixture<WorkerPoolFixture>
{
    private const string InUse = "Cannot start the run: a run in progress on the same DataCatalog saves or uses the dataset(s) ";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>x → double → y → increment → z.</summary>
    private static Pipeline Chain() => new(
    [
        N("double", (int x) => x * 2, "x", "y"),
        N("increment", (int y) => y + 1, "y", "z"),
    ]);

    private static HookManager Hooks(object hooks)
    {
        var manager = new HookManager();
        manager.Register(hooks);
        return manager;
    }

    /// <summary>Starts a run on its own thread and returns once its first node is about to run, held there by the gate.</summary>
    private static Task<IReadOnlyDictionary<string, IDataset>> StartHeld(AbstractRunner runner, Pipeline pipeline, DataCatalog catalog, Gate gate)
    {
        var run = Task.Factory.StartNew(
            () => runner.RunAsync(pipeline, catalog, Hooks(gate)),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();
        Assert.True(gate.Entered.Wait(Patience), "the first run never reached its first node");
        return run;
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public async Task Run_WhileAnotherRunOfThePipelineIsInProgress_RefusesAtOnceAndTheFirstRunIsUntouched(string kind)
    {
        var catalog = Catalog(("x", 1));
        using var gate = new Gate();
        var first = StartHeld(Runner(kind), Chain(), catalog, gate);

        var sync = Assert.Throws<InvalidOperationException>(() => Runner(kind).Run(Chain(), catalog));
        var async = await Assert.ThrowsAsync<InvalidOperationException>(() => Runner(kind).RunAsync(Chain(), catalog));
        gate.Open.Set();

        Assert.StartsWith(InUse + "{'y', 'z'}, which one of the two runs saves", sync.Message, StringComparison.Ordinal);
        Assert.Contains("give each run its own catalog, or run a namespaced copy of the pipeline", sync.Message, StringComparison.Ordinal);
        Assert.Equal(sync.Message, async.Message);
        Assert.Equal(3, (await first)["z"].Load());
        Assert.Equal(["double", "increment"], gate.Nodes);
        Assert.Equal(3, Runner(kind).Run(Chain(), catalog)["z"].Load());
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public async Task Run_WhenItWouldReadWhatARunInProgressSaves_Refuses(string kind)
    {
        var catalog = Catalog(("x", 1));
        using var gate = new Gate();
        var first = StartHeld(Runner(kind), Chain(), catalog, gate);
        var reader = new Pipeline([N("report", (int y) => $"y is {y}", "y", "report")]);
        var writer = new Pipeline([N("overwrite", (int x) => x, "x", "z")]);

        var reading = Assert.Throws<InvalidOperationException>(() => Runner(kind).Run(reader, catalog));
        var writing = Assert.Throws<InvalidOperationException>(() => Runner(kind).Run(writer, catalog));
        gate.Open.Set();

        Assert.StartsWith(InUse + "{'y'},", reading.Message, StringComparison.Ordinal);
        Assert.StartsWith(InUse + "{'z'},", writing.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await first)["z"].Load());
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public async Task Run_WhenRunsShareOnlyInputs_RunsAlongsideARunInProgress(string kind)
    {
        var catalog = Catalog(("x", 1));
        using var gate = new Gate();
        var first = StartHeld(Runner(kind), Chain(), catalog, gate);
        var other = new Pipeline([N("triple", (int x) => x * 3, "x", "tripled")]);

        var alongside = Runner(kind).Run(other, catalog);
        gate.Open.Set();

        Assert.Equal(3, alongside["tripled"].Load());
        Assert.Equal(3, (await first)["z"].Load());
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public async Task RunAsync_ManyNamespacedCopiesAtOnceOnOneCatalog_EachGetsItsOwnResults(string kind)
    {
        const int Runs = 8;
        var template = new Pipeline(
        [
            N("scale", (int x, int factor) => x * factor, new[] { "x", "factor" }, "scaled"),
            N("shift", (int scaled) => scaled + 1, "scaled", "result"),
        ]);
        var catalog = Catalog(("factor", 10));
        using var allStarted = new CountdownEvent(Runs);
        var runs = new List<Task<IReadOnlyDictionary<string, IDataset>>>();
        for (var i = 0; i < Runs; i++)
        {
            catalog.Set($"r{i}.x", i);
            var copy = new Pipeline(template, inputs: "factor", @namespace: $"r{i}");
            var hooks = Hooks(new Rendezvous(allStarted));
            runs.Add(Task.Factory.StartNew(
                () => Runner(kind).RunAsync(copy, catalog, hooks),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).Unwrap());
        }

        var results = await Task.WhenAll(runs);

        for (var i = 0; i < Runs; i++)
        {
            Assert.Equal([$"r{i}.result"], results[i].Keys);
            Assert.Equal((i * 10) + 1, results[i][$"r{i}.result"].Load());
        }
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_AfterARunFailed_CanUseTheSameDatasetsAgain(string kind)
    {
        var catalog = Catalog(("x", 1));
        var failing = new Pipeline([N("boom", Fail, "x", "y")]);

        var error = Assert.Throws<InvalidOperationException>(() => Runner(kind).Run(failing, catalog));

        Assert.Equal("test exception", error.Message);
        Assert.Equal(3, Runner(kind).Run(Chain(), catalog)["z"].Load());
    }

    [Fact]
    public async Task Run_WhileAParallelRunnerRunsOnTheCatalog_RefusesSharedDatasetsOnAnyRunner()
    {
        var catalog = Catalog(("x", 1));
        var pipeline = new Pipeline([N("copy", Identity, "x", "y")]);
        using var gate = new Gate();
        var first = StartHeld(pool.Runner, pipeline, catalog, gate);

        var error = Assert.Throws<InvalidOperationException>(() => new SequentialRunner().Run(pipeline, catalog));
        gate.Open.Set();

        Assert.StartsWith(InUse + "{'y'},", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await first)["y"].Load());
    }

    /// <summary>Holds every node before it runs until <see cref="Open"/> is set.</summary>
    private sealed class Gate : INodeHooks, IDisposable
    {
        private readonly List<string> _nodes = [];

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Open { get; } = new();

        public IReadOnlyList<string> Nodes
        {
            get
            {
                lock (_nodes)
                {
                    return [.. _nodes];
                }
            }
        }

        public IReadOnlyDictionary<string, object?>? BeforeNodeRun(NodeRunContext context)
        {
            lock (_nodes)
            {
                _nodes.Add(context.Node.Name);
            }

            Entered.Set();
            if (!Open.Wait(Patience))
            {
                throw new InvalidOperationException("The gate was never opened.");
            }

            return null;
        }

        public void Dispose()
        {
            Entered.Dispose();
            Open.Dispose();
        }
    }

    /// <summary>Holds a run's first node until every run has reached its own, so all runs are in progress at once.</summary>
    private sealed class Rendezvous(CountdownEvent allStarted) : INodeHooks
    {
        private int _arrived;

        public IReadOnlyDictionary<string, object?>? BeforeNodeRun(NodeRunContext context)
        {
            if (Interlocked.Exchange(ref _arrived, 1) == 0)
            {
                allStarted.Signal();
                if (!allStarted.Wait(Patience))
                {
                    throw new InvalidOperationException("Not every run was in progress at once.");
                }
            }

            return null;
        }
    }
}
