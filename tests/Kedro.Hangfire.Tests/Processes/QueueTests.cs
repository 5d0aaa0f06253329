using System.Globalization;

namespace Kedro.Hangfire.Tests.Processes;

/// <summary>Which worker takes a node: queues, and a worker that stalls while it runs one.</summary>
[Collection(HangfireClusterCollection.Name)]
public sealed class QueueTests(HangfireCluster cluster)
{
    [Fact]
    public async Task Run_OnAnotherQueue_RunsEveryAttemptOnlyOnThatQueuesWorker()
    {
        await cluster.EnsureWorkersAsync(2);
        cluster.Project.Write("conf/isolated/hangfire.yml", "queue: isolated\n");
        using var isolated = cluster.Start(["worker", "--workers", "1", "--queue", "isolated", "--env", "isolated"]);
        await isolated.WaitForOutputAsync("started", HangfireCluster.Patience);

        var run = await cluster.RunAsync("run", "--runner", "HangfireRunner", "--env", "isolated", "--pipeline", "flaky",
            "--params", "out=out/isolated,gate=isolated", "--runner-params", "retries=2");

        Assert.True(run.ExitCode == 0, run.Output);
        var attempts = File.ReadAllLines(cluster.Project.PathOf("markers", "isolated.attempts"));
        Assert.Equal(3, attempts.Length);
        Assert.All(attempts, pid => Assert.Equal(isolated.Id.ToString(CultureInfo.InvariantCulture), pid));
    }

    [Fact]
    public async Task Run_WhenTheWorkerRunningANodeStallsAndResumes_CompletesOnceWithTheRightOutput()
    {
        await cluster.EnsureWorkersAsync(2);
        var hooksBefore = cluster.HookLines().Count;
        using var driver = cluster.Start(["run", "--runner", "HangfireRunner", "--pipeline", "gated", "--params", "out=out/stalled,gate=stalled"]);
        var first = await cluster.WaitForMarkerAsync("stalled.started", _ => true);
        var stalled = Assert.Single(cluster.Workers, w => w.Id.ToString(CultureInfo.InvariantCulture) == first);

        stalled.Signal("STOP");
        try
        {
            await cluster.WaitForMarkerAsync("stalled.started", pid => pid != first);
        }
        finally
        {
            stalled.Signal("CONT");
        }

        cluster.WriteMarker("stalled.release");

        Assert.True(await driver.WaitForExitAsync(HangfireCluster.Patience) == 0, driver.Output);
        Assert.Equal("\"535 has 3 digits\"", cluster.Project.Read("out/stalled/gated_result.json").Trim());
        Assert.Single(cluster.HookLines(hooksBefore), l => l[0] == "after_node_run" && l[1] == "gated_node");
        Assert.Single(cluster.HookLines(hooksBefore), l => l[0] == "before_node_run" && l[1] == "gated_finish");
    }
}
