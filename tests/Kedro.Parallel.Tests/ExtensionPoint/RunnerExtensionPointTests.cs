using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;
using Kedro.Testing.Runners;
using static Kedro.Testing.Runners.Kit;

namespace Kedro.Parallel.Tests.ExtensionPoint;

/// <summary>
/// Runners written with Kedro.Core's public API only: what the runner's base does for them, and what it asks of their
/// executor (see docs/runners.md, "Writing a runner").
/// </summary>
public class RunnerExtensionPointTests
{
    private static int FlakyCalls;

    public static int Flaky(int x)
    {
        if (Interlocked.Increment(ref FlakyCalls) <= 2)
        {
            throw new InvalidOperationException("flaky");
        }

        return x + 1;
    }

    [Fact]
    public void RetryRunner_RunsAFailedNodeAgainUntilItSucceeds()
    {
        FlakyCalls = 0;
        var runner = new RetryRunner(retries: 2);
        var catalog = Catalog(("A", 1));
        runner.Run(new Pipeline([N("first", Identity, "A", "B"), N("flaky", (Func<int, int>)Flaky, "B", "C")]), catalog);
        Assert.Equal(new[] { "first:Completed", "flaky:Failed", "flaky:Failed", "flaky:Completed" }, runner.Attempts);
        Assert.Equal(2, catalog.Load("C"));
    }

    [Fact]
    public void RetryRunner_WhenRetriesRunOut_FailsWithTheNodesExceptionAndSuggestsHowToResume()
    {
        FlakyCalls = 0;
        var logger = new ListLogger();
        var runner = new RetryRunner(retries: 1, logger);
        var error = Assert.Throws<InvalidOperationException>(() =>
            runner.Run(new Pipeline([N("first", Identity, "dsX", "B"), N("flaky", (Func<int, int>)Flaky, "B", "C")]), PersistentCatalog()));
        Assert.Equal("flaky", error.Message);
        Assert.Equal(new[] { "first:Completed", "flaky:Failed", "flaky:Failed" }, runner.Attempts);
        Assert.Contains(logger.Messages, m => m.Contains("--from-nodes \"first\"", StringComparison.Ordinal)); // B is not persisted
    }

    [Fact]
    public void Executor_IsCreatedAfterTheChecksAndDisposedOnceWhenTheRunEnds()
    {
        var runner = new RecordingRunner(concurrency: null);
        runner.Run(new Pipeline([N("a", Identity, "A", "B"), N("b", Identity, "B", "C")]), Catalog(("A", 1)));
        Assert.Equal(new[] { "validate", "create", "run a", "run b", "dispose" }, runner.Events);
    }

    [Fact]
    public void Executor_IsNotCreatedWhenTheChecksRefuseTheRun()
    {
        var runner = new RecordingRunner(concurrency: null) { RefuseNodes = _ => new ArgumentException("no") };
        Assert.Throws<ArgumentException>(() => runner.Run(new Pipeline([N("a", Identity, "A", "B")]), Catalog(("A", 1))));
        Assert.Equal(new[] { "validate" }, runner.Events);
    }

    [Fact]
    public void Executor_IsDisposedWhenANodeFails()
    {
        var runner = new RecordingRunner(concurrency: 2);
        Assert.Throws<InvalidOperationException>(() => runner.Run(new Pipeline([N("a", Fail, "A", "B")]), Catalog(("A", 1))));
        Assert.Equal("dispose", runner.Events[^1]);
    }

    [Fact]
    public async Task Executor_IsDisposedWhenTheRunIsCancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var runner = new RecordingRunner(concurrency: 2)
        {
            OutcomeOf = node =>
            {
                cancellation.Cancel();
                return NodeOutcome.Cancelled;
            },
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            runner.RunAsync(new Pipeline([N("a", Identity, "A", "B"), N("b", Identity, "B", "C")]), Catalog(("A", 1)), cancellationToken: cancellation.Token));
        Assert.Equal(new[] { "validate", "create", "run a", "dispose" }, runner.Events);
    }

    [Fact]
    public void Executor_EachRunGetsItsOwnExecutorAndPlan()
    {
        var runner = new RecordingRunner(concurrency: null);
        var pipeline = new Pipeline([N("a", Identity, "A", "B")]);
        runner.Run(pipeline, Catalog(("A", 1)));
        runner.Run(pipeline, Catalog(("A", 2)));
        Assert.Equal(2, runner.Events.Count(e => e == "create"));
        Assert.Equal(2, runner.Events.Count(e => e == "dispose"));
        Assert.NotSame(runner.Plans[0].Catalog, runner.Plans[1].Catalog);
    }

    [Fact]
    public void Executor_WithoutConcurrency_RunsOneNodeAtATimeInThePipelinesOrder()
    {
        var runner = new RecordingRunner(concurrency: null);
        runner.Run(FanOutFanIn(), Catalog(("A", 1)));
        Assert.Equal(1, runner.MostAtOnce);
        Assert.Equal(FanOutFanIn().Nodes.Select(n => "run " + n.Name), runner.Events.Where(e => e.StartsWith("run ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Executor_WithConcurrency_RunsReadyNodesTogetherButNeverMoreThanItsConcurrency_EvenWhileTheyAwait()
    {
        var runner = new RecordingRunner(concurrency: 2) { NodeDuration = TimeSpan.FromMilliseconds(100) };
        var catalog = Catalog(("A", 1));
        runner.Run(FanOutFanIn(), catalog); // b_c, b_d and b_e are ready together
        Assert.Equal(2, runner.MostAtOnce);
        Assert.Equal(new List<object?> { 1, 1, 1 }, catalog.Load("Z"));
    }

    [Fact]
    public void Executor_ThatThrows_FailsTheRunWithItsException()
    {
        var runner = new RecordingRunner(concurrency: null) { OutcomeOf = _ => throw new TimeoutException("no worker") };
        var error = Assert.Throws<TimeoutException>(() => runner.Run(new Pipeline([N("a", Identity, "A", "B")]), Catalog(("A", 1))));
        Assert.Equal("no worker", error.Message);
    }

    [Fact]
    public void Executor_ReportingAFailure_FailsTheRunWithTheReportedException()
    {
        var runner = new RecordingRunner(concurrency: 2) { OutcomeOf = node => NodeOutcome.Failed(new InvalidDataException("bad " + node.Name)) };
        var error = Assert.Throws<InvalidDataException>(() => runner.Run(new Pipeline([N("a", Identity, "A", "B")]), Catalog(("A", 1))));
        Assert.Equal("bad a", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(2)]
    public void Executor_ReportingNoOutcome_FailsTheRunNamingTheExecutor(int? concurrency)
    {
        var runner = new RecordingRunner(concurrency) { ReportsNoOutcome = true };
        var error = Assert.Throws<InvalidOperationException>(() => runner.Run(new Pipeline([N("a", Identity, "A", "B")]), Catalog(("A", 1))));
        Assert.StartsWith("Executor.RunNodeAsync returned no outcome for node 'a'.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(2)]
    public void Executor_ReportingACancellationNobodyAskedFor_FailsTheRun(int? concurrency)
    {
        var runner = new RecordingRunner(concurrency) { OutcomeOf = _ => NodeOutcome.Cancelled };
        var error = Assert.Throws<InvalidOperationException>(() => runner.Run(new Pipeline([N("a", Identity, "A", "B")]), Catalog(("A", 1))));
        Assert.StartsWith("Executor reported node 'a' as cancelled, but the run was not cancelled.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_HoldsTheRunAsTheRunnerWasGivenIt()
    {
        var hooks = new HookManager();
        var runner = new RecordingRunner(concurrency: null);
        var catalog = Catalog(("A", 1));
        var pipeline = new Pipeline([N("a", Identity, "A", "B"), N("b", Identity, "B", "C")]);
        runner.Run(pipeline, catalog, hooks, runId: "r1");
        var plan = Assert.Single(runner.Plans);
        Assert.Equal(pipeline.Nodes, plan.Nodes);
        Assert.Same(catalog, plan.Catalog);
        Assert.Same(hooks, plan.Hooks);
        Assert.Equal("r1", plan.RunId);
        Assert.False(plan.IsAsync);
        Assert.Equal(2, plan.LayerCount);
        Assert.True(catalog.Contains("C")); // every dataset of the pipeline is in the catalog before the executor exists
    }

    [Fact]
    public void Plan_WithOnlyMissingOutputs_HoldsOnlyTheNodesThatMustRun()
    {
        var runner = new RecordingRunner(concurrency: null);
        var catalog = new DataCatalog(new Dictionary<string, IDataset>
        {
            ["A"] = new MemoryDataset(1),
            ["B"] = new PersistentDataset(load: () => 1, exists: () => true),
            ["C"] = new PersistentDataset(exists: () => false),
        });
        runner.Run(new Pipeline([N("a", Identity, "A", "B"), N("b", Identity, "B", "C")]), catalog, onlyMissingOutputs: true);
        Assert.Equal(new[] { "b" }, Assert.Single(runner.Plans).Nodes.Select(n => n.Name));
    }

    [Theory]
    [InlineData(6, 3)] // fan-out/fan-in: 5 nodes in 3 layers
    [InlineData(2, 2)]
    [InlineData(1, 1)]
    public void Plan_WorkerCount_IsNodesMinusLayersPlusOneCappedByMaxWorkers(int maxWorkers, int expected)
    {
        var runner = new RecordingRunner(concurrency: null);
        runner.Run(FanOutFanIn(), Catalog(("A", 1)));
        Assert.Equal(expected, Assert.Single(runner.Plans).WorkerCount(maxWorkers));
    }

    [Fact]
    public void Plan_WorkerCount_OfAChainIsOne()
    {
        var runner = new RecordingRunner(concurrency: null);
        runner.Run(new Pipeline([N("a", Identity, "A", "B"), N("b", Identity, "B", "C"), N("c", Identity, "C", "D")]), Catalog(("A", 1)));
        Assert.Equal(1, Assert.Single(runner.Plans).WorkerCount(8));
    }

    [Fact]
    public void NodeExecutor_RefusesAConcurrencyBelowOne()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RecordingRunner(concurrency: 0).Run(
            new Pipeline([N("a", Identity, "A", "B")]), Catalog(("A", 1))));
        Assert.Equal("concurrency", error.ParamName);
    }
}
