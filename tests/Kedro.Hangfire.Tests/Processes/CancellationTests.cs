using System.Globalization;

namespace Kedro.Hangfire.Tests.Processes;

/// <summary>A driver stopped by a signal while a worker runs one of its nodes.</summary>
[Collection(HangfireClusterCollection.Name)]
public sealed class CancellationTests(HangfireCluster cluster)
{
    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task Run_WhenTheDriverIsSignalledMidNode_CancelsTheRunningNodeAndLeavesNoJobQueued(string signal, int exitCode)
    {
        await cluster.EnsureWorkersAsync(1);
        var gate = "cancel-" + signal.ToLowerInvariant();
        using var driver = cluster.Start(["run", "--runner", "HangfireRunner", "--pipeline", "gated", "--params", $"out=out/{gate},gate={gate}"]);
        var worker = await cluster.WaitForMarkerAsync($"{gate}.started", _ => true);

        driver.Signal(signal);

        var exited = await driver.WaitForExitAsync(HangfireCluster.Patience);
        Assert.True(exited == exitCode, $"exit code {exited}, expected {exitCode}\n{driver.Output}");
        Assert.Equal(worker, await cluster.WaitForMarkerAsync($"{gate}.cancelled", _ => true));
        var runId = cluster.RunIdOfLast("gated_node");
        Assert.Equal(0, await cluster.CountJobsAsync(runId, "Enqueued", "Processing", "Scheduled", "Awaiting"));
        Assert.True(await cluster.CountJobsAsync(runId, "Deleted") >= 1, $"no job of run '{runId}' was deleted");
        Assert.False(Directory.Exists(cluster.Project.PathOf("data", ".runs", runId)), $"the run folder of '{runId}' is still there");
        Assert.False(cluster.Project.Exists($"out/{gate}/gated_result.json"));
        Assert.True(cluster.Workers.Any(w => w.Id.ToString(CultureInfo.InvariantCulture) == worker),
            $"the worker {worker} that ran the cancelled node is no longer running; cancelling a node must leave its worker running");
    }

    [Fact]
    public async Task Run_WhenSignalledWhileItsJobWaitsForAWorker_DeletesTheJob()
    {
        cluster.Project.Write("conf/lonely/hangfire.yml", "queue: lonely\n");
        var hooksBefore = cluster.HookLines().Count;
        using var driver = cluster.Start(["run", "--runner", "HangfireRunner", "--env", "lonely", "--pipeline", "gated", "--params", "out=out/lonely,gate=lonely"]);
        var runId = await cluster.WaitForNodeStartAsync("gated_start", hooksBefore);
        await HangfireCluster.EventuallyAsync(
            async () => await cluster.CountJobsAsync(runId, "Enqueued") == 1 ? "enqueued" : null,
            () => $"no job of run '{runId}' was enqueued");

        driver.Signal("INT");

        var exitCode = await driver.WaitForExitAsync(HangfireCluster.Patience);
        Assert.True(exitCode == 130, $"exit code {exitCode}\n{driver.Output}");
        Assert.Equal(0, await cluster.CountJobsAsync(runId, "Enqueued", "Processing", "Scheduled"));
        Assert.Equal(1, await cluster.CountJobsAsync(runId, "Deleted"));
    }
}
