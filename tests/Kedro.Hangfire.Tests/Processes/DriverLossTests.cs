namespace Kedro.Hangfire.Tests.Processes;

/// <summary>A driver process that dies mid-run, and the run that picks up after it.</summary>
[Collection(HangfireClusterCollection.Name)]
public sealed class DriverLossTests(HangfireCluster cluster)
{
    [Fact]
    public async Task Run_WhenTheDriverIsKilled_ItsJobsStillFinishAndARunWithOnlyMissingOutputsRunsOnlyTheRest()
    {
        // One worker with one slot on its own queue: of the two gated nodes, one runs and the other waits in the queue.
        cluster.Project.Write("conf/resumable/hangfire.yml", "queue: resumable\n");
        using var worker = cluster.Start(["worker", "--workers", "1", "--queue", "resumable", "--env", "resumable"]);
        await worker.WaitForOutputAsync("started", HangfireCluster.Patience);
        string[] run = ["run", "--runner", "HangfireRunner", "--env", "resumable", "--pipeline", "resumable", "--params", "out=out/resumable,gate=resumable"];
        using var driver = cluster.Start(run);
        await cluster.WaitForMarkerAsync("resumable.started", _ => true);
        var runId = cluster.RunIdOfLast("resumable_start");
        await HangfireCluster.EventuallyAsync(
            async () => await cluster.CountJobsAsync(runId, "Processing") == 1 && await cluster.CountJobsAsync(runId, "Enqueued") == 1 ? "one running, one queued" : null,
            () => $"run '{runId}' never had one gated node running and the other queued");

        driver.Kill();
        cluster.WriteMarker("resumable.release");

        // No driver is left to hear of them, yet both gated nodes run to the end and save their outputs.
        await HangfireCluster.EventuallyAsync(
            async () => await cluster.CountJobsAsync(runId, "Succeeded") == 3 ? "succeeded" : null,
            () => $"the jobs of run '{runId}' did not all succeed after its driver was killed\n{worker.Output}");
        Assert.Equal(2, File.ReadAllLines(cluster.Project.PathOf("markers", "resumable.started")).Length);
        Assert.Equal("535", cluster.Project.Read("out/resumable/resumable/left.json").Trim());
        Assert.Equal("535", cluster.Project.Read("out/resumable/resumable/right.json").Trim());
        Assert.Equal(0, await cluster.CountJobsAsync("resumable_finish"));
        Assert.False(cluster.Project.Exists("out/resumable/resumable_result.json"), "the killed driver's run wrote its final output");
        var hooksBefore = cluster.HookLines().Count;

        var resumed = await cluster.RunAsync([.. run, "--only-missing-outputs"]);

        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Contains("Skipping 3 nodes with existing outputs: resumable_left, resumable_right, resumable_start", resumed.Output, StringComparison.Ordinal);
        Assert.Contains("Running 1 out of 4 nodes", resumed.Output, StringComparison.Ordinal);
        Assert.Equal(["resumable_finish"], cluster.HookLines(hooksBefore).Where(l => l[0] == "before_node_run").Select(l => l[1]));
        Assert.Equal(2, File.ReadAllLines(cluster.Project.PathOf("markers", "resumable.started")).Length);
        Assert.Equal("1070", cluster.Project.Read("out/resumable/resumable_result.json").Trim());
    }
}
