using System.Diagnostics;
using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;
using static Kedro.Parallel.Tests.Runs.PortableNodes;

namespace Kedro.Parallel.Tests.Runs;

/// <summary>Worker crashes, cancellation and failures: the run ends, and no shared memory or worker process is left behind.</summary>
public sealed class ParallelRunnerFailureTests
{
    private static Node N(string name, Delegate func, DatasetNames? inputs, DatasetNames? outputs) =>
        Node.Create(func, inputs, outputs, name: name);

    private static DataCatalog Catalog(params (string Name, object? Value)[] data) =>
        new(data.ToDictionary(d => d.Name, d => d.Value as IDataset ?? new MemoryDataset(d.Value)));

    [Fact]
    public void Run_WhenWorkerCrashes_FailsTheNodeNamingItAndTheExitStatus_ThenReplacesTheWorker()
    {
        var logger = new ResettableLogger();
        var probe = new SharedDirectoryProbe();
        var hooks = new HookManager();
        hooks.Register(probe);
        IReadOnlyList<int> workers;
        using (var runner = new ParallelRunner(maxWorkers: 2, logger: logger))
        {
            var pipeline = new Pipeline([N("first", Increment, "a", "b"), N("crasher", Crash, "b", "c"), N("after", Identity, "c", "d")]);
            var error = Assert.Throws<TaskException>(() => runner.Run(pipeline, Catalog(("a", 1)), hooks));
            Assert.Contains("Node 'crasher' failed: its worker process", error.Message, StringComparison.Ordinal);
            Assert.Matches("(signal 6|exit(ed with)? code)", error.Message);
            Assert.Contains(logger.Messages, m => m.Contains("--from-nodes \"first\"", StringComparison.Ordinal));
            Assert.NotEmpty(probe.Directories);
            Assert.All(probe.Directories, directory => Assert.False(Directory.Exists(directory)));

            var again = runner.Run(new Pipeline([N("first", Increment, "a", "b")]), Catalog(("a", 1)));
            Assert.Equal(2, again["b"].Load());
            workers = runner.WorkerProcessIds;
            Assert.InRange(workers.Count, 1, 2);
        }

        WorkerProcesses.AssertGone(workers);
    }

    [Fact]
    [Trait("Category", "Slow")] // waits out the one-second grace before the kill
    public async Task RunAsync_WhenCancelledWhileANodeIgnoresTheToken_KillsTheWorkerInsteadOfWaitingAndLeavesNothing()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new SharedDirectoryProbe { OnBeforeNodeRun = context => started.TrySetResult() };
        var hooks = new HookManager();
        hooks.Register(probe);
        var runner = new ParallelRunner(maxWorkers: 2);
        IReadOnlyList<int> workers;
        await using (runner)
        {
            using var cancellation = new CancellationTokenSource();
            var pipeline = new Pipeline([N("first", Increment, "a", "b"), N("sleeper", SleepIgnoringCancellation, "b", "c")]);
            var run = runner.RunAsync(pipeline, Catalog(("a", 1)), hooks, cancellationToken: cancellation.Token);
            await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
            await Task.Delay(200);
            workers = runner.WorkerProcessIds;
            await cancellation.CancelAsync();
            // The node sleeps 30 s ignoring the token: the run can only end within 20 s if the worker is killed.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(20)));
            Assert.All(probe.Directories, directory => Assert.False(Directory.Exists(directory)));
        }

        WorkerProcesses.AssertGone(workers);
    }

    [Fact]
    public async Task RunAsync_WhenCancelledWhileANodeAwaitsTheToken_StopsAndKeepsTheWorker()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hooks = new HookManager();
        hooks.Register(new SharedDirectoryProbe { OnBeforeNodeRun = context => started.TrySetResult() });
        using var runner = new ParallelRunner(maxWorkers: 1);
        using var cancellation = new CancellationTokenSource();
        var run = runner.RunAsync(new Pipeline([N("waiter", WaitForCancellation, "a", "b")]), Catalog(("a", 1)), hooks,
            cancellationToken: cancellation.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var before = runner.WorkerProcessIds;
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(20)));
        var result = await runner.RunAsync(new Pipeline([N("inc", Increment, "a", "b")]), Catalog(("a", 1)));
        Assert.Equal(2, result["b"].Load());
        Assert.Equal(before, runner.WorkerProcessIds);
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task RunAsync_WhenAWorkerAloneIsSignalled_ItLeavesTheSignalToTheParentAndFinishesItsNode(string signal)
    {
        using var folder = new TempFolder();
        var go = folder.File("go");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hooks = new HookManager();
        hooks.Register(new SharedDirectoryProbe { OnBeforeNodeRun = context => started.TrySetResult() });
        using var runner = new ParallelRunner(maxWorkers: 1);
        var run = runner.RunAsync(new Pipeline([N("waiter", WaitForFile, "path", "b")]), Catalog(("path", go)), hooks);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var worker = runner.WorkerProcessIds.Single();

        using (var kill = Process.Start("kill", ["-s", signal, worker.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        await Task.Delay(300); // room for the signal's default action to end the worker, were it not left to the parent
        await File.WriteAllTextAsync(go, string.Empty);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(go, result["b"].Load());
        Assert.Equal([worker], runner.WorkerProcessIds);
    }

    [Fact]
    public void Run_WhenNodeFails_LeavesNoSharedMemoryAndDisposeStopsTheWorkers()
    {
        var probe = new SharedDirectoryProbe();
        var hooks = new HookManager();
        hooks.Register(probe);
        IReadOnlyList<int> workers;
        using (var runner = new ParallelRunner(maxWorkers: 2))
        {
            var pipeline = new Pipeline([N("first", Increment, "a", "b"), N("second", Increment, "b", "c"), N("third", Fail, "c", "d")]);
            Assert.Throws<InvalidOperationException>(() => runner.Run(pipeline, Catalog(("a", 1)), hooks));
            Assert.NotEmpty(probe.Directories);
            Assert.All(probe.Directories, directory => Assert.False(Directory.Exists(directory)));
            workers = runner.WorkerProcessIds;
            Assert.NotEmpty(workers);
        }

        WorkerProcesses.AssertGone(workers);
    }
}
