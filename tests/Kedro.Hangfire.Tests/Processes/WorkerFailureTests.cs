using System.Globalization;

namespace Kedro.Hangfire.Tests.Processes;

/// <summary>Runs that survive a killed worker, and a failing node with and without retries.</summary>
[Collection(HangfireClusterCollection.Name)]
public sealed class WorkerFailureTests(HangfireCluster cluster)
{
    [Fact]
    public async Task Run_WhenTheWorkerRunningANodeIsKilled_AnotherWorkerRunsTheNodeAndTheRunSucceeds()
    {
        await cluster.EnsureWorkersAsync(2);
        using var driver = cluster.Start(["run", "--runner", "HangfireRunner", "--pipeline", "gated", "--params", "out=out/killed,gate=killed"]);
        var first = await cluster.WaitForMarkerAsync("killed.started", _ => true);
        var victim = Assert.Single(cluster.Workers, w => w.Id.ToString(CultureInfo.InvariantCulture) == first);

        victim.Kill();
        await cluster.WaitForMarkerAsync("killed.started", pid => pid != first);
        cluster.WriteMarker("killed.release");

        Assert.True(await driver.WaitForExitAsync(HangfireCluster.Patience) == 0, driver.Output);
        Assert.Equal("\"535 has 3 digits\"", cluster.Project.Read("out/killed/gated_result.json").Trim());
    }

    [Fact]
    public async Task Worker_WhenTerminatedMidNode_CancelsTheNodeExitsZeroAndAnotherWorkerRunsIt()
    {
        await cluster.EnsureWorkersAsync(2);
        using var driver = cluster.Start(["run", "--runner", "HangfireRunner", "--pipeline", "gated", "--params", "out=out/terminated,gate=terminated"]);
        var first = await cluster.WaitForMarkerAsync("terminated.started", _ => true);
        var worker = Assert.Single(cluster.Workers, w => w.Id.ToString(CultureInfo.InvariantCulture) == first);

        worker.Signal("TERM");

        var exitCode = await worker.WaitForExitAsync(HangfireCluster.Patience);
        Assert.True(exitCode == 0, $"the worker exited with {exitCode}\n{worker.Output}");
        Assert.Equal(first, await cluster.WaitForMarkerAsync("terminated.cancelled", _ => true));
        await cluster.WaitForMarkerAsync("terminated.started", pid => pid != first);
        cluster.WriteMarker("terminated.release");
        Assert.True(await driver.WaitForExitAsync(HangfireCluster.Patience) == 0, driver.Output);
        Assert.Equal("\"535 has 3 digits\"", cluster.Project.Read("out/terminated/gated_result.json").Trim());
    }

    [Fact]
    public async Task Run_WhenANodeFailsWithoutRetries_ExitsWithOneShowingTheErrorAndTheResumeSuggestion()
    {
        await cluster.EnsureWorkersAsync(1);

        var run = await cluster.RunAsync("run", "--runner", "HangfireRunner", "--pipeline", "flaky", "--params", "out=out/no-retries,gate=no-retries");

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}\n{run.Output}");
        Assert.Contains("The flaky node failed on attempt 1; it succeeds on attempt 3.", run.Output, StringComparison.Ordinal);
        Assert.Contains("--from-nodes \"flaky_start\"", run.Output, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(cluster.Project.PathOf("markers", "no-retries.attempts")));
        Assert.False(cluster.Project.Exists("out/no-retries/flaky_result.json"));
    }

    [Fact]
    public async Task Run_WithTwoRetries_SucceedsOnTheThirdAttempt()
    {
        await cluster.EnsureWorkersAsync(1);

        var run = await cluster.RunAsync("run", "--runner", "HangfireRunner", "--pipeline", "flaky", "--params", "out=out/retries,gate=retries",
            "--runner-params", "retries=2");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(3, File.ReadAllLines(cluster.Project.PathOf("markers", "retries.attempts")).Length);
        Assert.Equal("\"537 has 3 digits\"", cluster.Project.Read("out/retries/flaky_result.json").Trim());
    }
}
