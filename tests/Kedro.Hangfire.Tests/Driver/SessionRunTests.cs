using System.Text.Json;
using Hangfire.PostgreSql;
using Hangfire.States;
using Kedro.Framework;
using Kedro.Hangfire.Internal;
using Kedro.Hooks;
using Kedro.Pipelines;
using Kedro.Testing.Postgres;

namespace Kedro.Hangfire.Tests.Driver;

/// <summary>HangfireRunner through a KedroSession against a real PostgreSQL, with no worker: what the session tells the workers.</summary>
public sealed class SessionRunTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_session_run_writes_the_sessions_pipelines_environment_and_parameters_for_the_workers()
    {
        using var project = new TempFolder();
        project.Write("conf/base/parameters.yml", "rate: 1\n");
        project.Write("conf/base/catalog.yml", "{}\n");
        project.Write("conf/local/.keep", string.Empty);
        project.Write("conf/staging/.keep", string.Empty);
        var options = new HangfireOptions
        {
            ConnectionString = PostgresServer.Shared.CreateDatabaseConnectionString(),
            SharedRoot = "data/.runs",
        };
        var storage = HangfireStorage.Create(options);
        var pipelines = new Dictionary<string, Pipeline>(StringComparer.Ordinal)
        {
            ["__default__"] = new([Node.Create((object? rate) => rate, "params:rate", "x", name: "make")]),
            ["reporting"] = new([Node.Create((object? rate) => rate, "params:rate", "y", name: "report")]),
        };
        var reached = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var settings = new ProjectSettings { Pipelines = new PipelineRegistry(() => pipelines) };
        settings.Hooks.Add(new ManifestReader(project.PathOf("data", ".runs"), reached));
        using var session = KedroSession.Create(settings, project.Path, env: "staging", runtimeParams: new Dictionary<string, object?> { ["rate"] = 2 });
        await using var runner = new HangfireRunner(options);
        using var cancel = new CancellationTokenSource();

        var run = session.RunAsync(new RunOptions { Runner = runner, PipelineNames = ["reporting"] }, cancel.Token);
        if (await Task.WhenAny(reached.Task, run).WaitAsync(Bound) == run)
        {
            await run; // ended before its first node: shows why
        }

        var manifest = await reached.Task;
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Bound));

        using var json = JsonDocument.Parse(manifest);
        var root = json.RootElement;
        Assert.Equal(session.SessionId, root.GetProperty("run_id").GetString());
        Assert.Equal(["reporting"], root.GetProperty("pipelines").EnumerateArray().Select(static e => e.GetString()));
        Assert.Equal("staging", root.GetProperty("env").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("conf_source").ValueKind);
        Assert.Equal(2, root.GetProperty("runtime_params").GetProperty("rate").GetInt32());
        Assert.DoesNotContain("Password", manifest, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(project.PathOf("data", ".runs", session.SessionId)), "the run folder is removed");
        Assert.Equal(DeletedState.StateName, StateOfTheDeletedJob(storage));
    }

    /// <summary>Reads the run's manifest when the driver is about to create the first job.</summary>
    private sealed class ManifestReader(string sharedRoot, TaskCompletionSource<string> reached) : INodeHooks
    {
        public IReadOnlyDictionary<string, object?>? BeforeNodeRun(NodeRunContext context)
        {
            var path = Path.Combine(sharedRoot, context.RunId!, RunFolder.ManifestFileName);
            reached.TrySetResult(File.Exists(path) ? File.ReadAllText(path) : $"no manifest at {path}");
            return null;
        }
    }

    /// <summary>The state of the one job Hangfire lists as deleted.</summary>
    private static string? StateOfTheDeletedJob(PostgreSqlStorage storage)
    {
        var job = Assert.Single(storage.GetMonitoringApi().DeletedJobs(0, 10));
        using var connection = storage.GetConnection();
        return connection.GetStateData(job.Key)?.Name;
    }
}
