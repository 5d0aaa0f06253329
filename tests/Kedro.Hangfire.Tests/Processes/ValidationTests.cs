using Kedro.Testing.Postgres;

namespace Kedro.Hangfire.Tests.Processes;

/// <summary>Runs HangfireRunner refuses before anything runs.</summary>
[Collection(HangfireClusterCollection.Name)]
public sealed class ValidationTests(HangfireCluster cluster)
{
    [Fact]
    public async Task Run_WithAMemoryDatasetDeclaredInTheCatalog_IsRefusedNamingItBeforeAnyNodeRuns()
    {
        var hooksBefore = cluster.HookLines().Count;

        var run = await cluster.RunAsync("run", "--runner", "HangfireRunner", "--pipeline", "memory", "--params", "out=out/memory");

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}\n{run.Output}");
        Assert.Contains("'kept_in_memory'", run.Output, StringComparison.Ordinal);
        Assert.Contains("MemoryDataset", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.HookLines(hooksBefore), l => l[0] == "before_node_run");
        Assert.Equal(0, await cluster.CountJobsAsync("memory"));
    }

    [Theory]
    [InlineData("run", "--runner", "HangfireRunner", "--env", "colourful", "--pipeline", "dag_1")]
    [InlineData("worker", "--workers", "1", "--env", "colourful")]
    public async Task Command_WithAnUnknownKeyInHangfireYml_FailsNamingTheKey(params string[] args)
    {
        cluster.Project.Write("conf/colourful/hangfire.yml", "colour: blue\n");
        using var process = cluster.Start(args);

        var exitCode = await process.WaitForExitAsync(HangfireCluster.Patience);

        Assert.True(exitCode == 1, $"exit code {exitCode}\n{process.Output}");
        Assert.Contains("'colour'", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("started", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Running node", process.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "--runner", "HangfireRunner", "--pipeline", "dag_1")]
    [InlineData("worker", "--workers", "1")]
    public async Task Command_WithoutAConnectionString_FailsNamingTheVariableAndTheCredentialsKey(params string[] args)
    {
        using var process = cluster.Start(args, connected: false);

        var exitCode = await process.WaitForExitAsync(HangfireCluster.Patience);

        Assert.True(exitCode == 1, $"exit code {exitCode}\n{process.Output}");
        Assert.Contains(HangfireCluster.ConnectionVariable, process.Output, StringComparison.Ordinal);
        Assert.Contains("credentials", process.Output, StringComparison.Ordinal);
        Assert.Contains("hangfire:", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Running node", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkerAndDriver_InVerboseMode_NeverWriteThePassword()
    {
        using var worker = cluster.Start(["worker", "--workers", "1", "--verbose"]);
        await worker.WaitForOutputAsync("started", HangfireCluster.Patience);

        var run = await cluster.RunAsync("run", "--runner", "HangfireRunner", "--pipeline", "dag_3", "--params", "out=out/verbose", "--verbose");

        Assert.True(run.ExitCode == 0, run.Output);
        worker.Signal("TERM");
        await worker.WaitForExitAsync(HangfireCluster.Patience);
        Assert.DoesNotContain(PostgresServer.Shared.Password, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(PostgresServer.Shared.Password, worker.Output, StringComparison.Ordinal);
    }
}
