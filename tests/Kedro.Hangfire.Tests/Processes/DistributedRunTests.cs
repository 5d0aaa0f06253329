namespace Kedro.Hangfire.Tests.Processes;

/// <summary>Whole runs of the test project's random DAGs through <c>run --runner HangfireRunner</c> on three worker processes.</summary>
[Collection(HangfireClusterCollection.Name)]
public sealed class DistributedRunTests(HangfireCluster cluster)
{
    [Theory]
    [InlineData("dag_1")]
    [InlineData("dag_2")]
    [InlineData("dag_3")]
    [InlineData("dag_1,dag_3")]
    public async Task Run_OnRandomDags_WritesWhatSequentialRunnerWritesAndKeepsIntermediatesOnlyInTheRunFolder(string pipelines)
    {
        await cluster.EnsureWorkersAsync(3);
        var name = pipelines.Replace(',', '+');
        var sequential = await cluster.RunAsync("run", "--pipelines", pipelines, "--params", $"out=out/{name}-sequential");
        Assert.True(sequential.ExitCode == 0, sequential.Output);
        var hooksBefore = cluster.HookLines().Count;

        var distributed = await cluster.RunAsync("run", "--runner", "HangfireRunner", "--pipelines", pipelines, "--params", $"out=out/{name}-hangfire");

        Assert.True(distributed.ExitCode == 0, distributed.Output);
        var expected = Files($"out/{name}-sequential");
        Assert.True(expected.Count >= 3, $"the sequential run of '{pipelines}' wrote only {expected.Count} files");
        Assert.Equal(expected, Files($"out/{name}-hangfire"));

        // Every intermediate was saved as a file of one run folder, data/.runs/<run id>/data/<name>.bin, gone after the run.
        var intermediates = cluster.HookLines(hooksBefore)
            .Where(l => l[0] == "after_dataset_saved" && !l[1].Contains(".file_", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(intermediates);
        var runFolder = Assert.Single(intermediates.Select(l => RunFolderOf(l[1], l[3])).Distinct());
        Assert.False(Directory.Exists(cluster.Project.PathOf(runFolder)), $"'{runFolder}' is still there after the run");
    }

    [Fact]
    public async Task Run_SavesAVersionedOutputUnderTheRunIdAndTheNextNodeReadsIt()
    {
        await cluster.EnsureWorkersAsync(2);

        var run = await cluster.RunAsync("run", "--runner", "HangfireRunner", "--pipeline", "versioned", "--params", "out=out/versioned");

        Assert.True(run.ExitCode == 0, run.Output);
        var runId = cluster.RunIdOfLast("versioned_start");
        Assert.Equal("292", cluster.Project.Read($"out/versioned/value.json/{runId}/value.json").Trim());
        Assert.Equal("\"292 has 3 digits\"", cluster.Project.Read("out/versioned/versioned_result.json").Trim());
    }

    [Fact]
    public async Task Run_WithASharedRootRunnerParameter_KeepsIntermediatesThereAndSucceeds()
    {
        await cluster.EnsureWorkersAsync(2);
        var sharedRoot = cluster.Project.Folder("shared");

        var run = await cluster.RunAsync("run", "--runner", "HangfireRunner", "--pipeline", "dag_1", "--params", "out=out/shared-root",
            "--runner-params", $"shared_root={sharedRoot}");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.True(cluster.Project.Exists("out/shared-root/dag_1/text1.json"));
        Assert.Empty(Directory.GetFileSystemEntries(sharedRoot));
    }

    [Fact]
    public async Task Run_WithOnlyMissingOutputsAfterACompleteRun_RunsNoNode()
    {
        await cluster.EnsureWorkersAsync(2);
        string[] run = ["run", "--runner", "HangfireRunner", "--pipeline", "dag_2", "--params", "out=out/only-missing", "--only-missing-outputs"];
        var first = await cluster.RunAsync(run);
        Assert.True(first.ExitCode == 0, first.Output);
        var written = Files("out/only-missing");
        var hooksBefore = cluster.HookLines().Count;

        var second = await cluster.RunAsync(run);

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("Skipping all", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.HookLines(hooksBefore), l => l[0] == "before_node_run");
        Assert.Equal(written, Files("out/only-missing"));
    }

    [Fact]
    public async Task Run_FiresNodeHooksInTheDriverAndDatasetHooksInAWorker()
    {
        await cluster.EnsureWorkersAsync(2);
        var workers = cluster.Workers.Select(w => w.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var hooksBefore = cluster.HookLines().Count;
        using var driver = cluster.Start(["run", "--runner", "HangfireRunner", "--pipeline", "dag_1", "--params", "out=out/hooks"]);
        var driverId = driver.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(await driver.WaitForExitAsync(HangfireCluster.Patience) == 0, driver.Output);

        var lines = cluster.HookLines(hooksBefore);
        var nodeHooks = lines.Where(l => l[0] is "before_node_run" or "after_node_run").ToList();
        var datasetHooks = lines.Where(l => l[0].Contains("_dataset_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(nodeHooks);
        Assert.NotEmpty(datasetHooks);
        Assert.All(nodeHooks, l => Assert.True(l[2] == driverId, $"{l[0]} of '{l[1]}' fired in process {l[2]}, not in the driver {driverId}"));
        Assert.All(datasetHooks, l => Assert.True(workers.Contains(l[2]), $"{l[0]} of '{l[1]}' fired in process {l[2]}, not in a worker ({string.Join(", ", workers)})"));
        Assert.Equal(
            nodeHooks.Where(l => l[0] == "before_node_run").Select(l => l[1]).Order(StringComparer.Ordinal),
            nodeHooks.Where(l => l[0] == "after_node_run").Select(l => l[1]).Order(StringComparer.Ordinal));
    }

    /// <summary>The files below <paramref name="folder"/> of the project folder and their contents, by path relative to it.</summary>
    private SortedDictionary<string, string> Files(string folder)
    {
        var root = cluster.Project.PathOf(folder);
        return Directory.Exists(root)
            ? new(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllText), StringComparer.Ordinal)
            : new(StringComparer.Ordinal);
    }

    /// <summary>The run folder (<c>data/.runs/&lt;run id&gt;</c>) of an intermediate's file; fails unless the file is <c>data/.runs/&lt;run id&gt;/data/{dataset}.bin</c>.</summary>
    private static string RunFolderOf(string dataset, string file)
    {
        var parts = file.Split(Path.DirectorySeparatorChar);
        Assert.True(parts is ["data", ".runs", _, "data", _] && parts[4] == dataset + ".bin",
            $"the intermediate '{dataset}' was saved to '{file}', not to data/.runs/<run id>/data/{dataset}.bin");
        return Path.Combine(parts[..3]);
    }
}
