using Kedro.Framework;
using Kedro.Hangfire.Internal;
using Kedro.Pipelines;
using Kedro.Runners;
using Kedro.Testing.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kedro.Hangfire.Tests.Driver;

/// <summary>A whole run through a KedroSession, with a HangfireWorker in this process and a real PostgreSQL.</summary>
public sealed class WorkerRunTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_run_on_a_worker_returns_what_SequentialRunner_returns_and_removes_its_run_folder()
    {
        using var project = Project();
        var options = new HangfireOptions { ConnectionString = PostgresServer.Shared.CreateDatabaseConnectionString(), WorkerCount = 2 };
        var pipelines = new Dictionary<string, Pipeline>(StringComparer.Ordinal)
        {
            ["__default__"] = new(
            [
                Node.Create((int rate) => rate * 2, "params:rate", "doubled", name: "double"),
                Node.Create((int rate) => rate + 1, "params:rate", "plus_one", name: "plus_one"),
                Node.Create((int a, int b) => $"{a}/{b}", new[] { "doubled", "plus_one" }, "summary", name: "summarise"),
            ]),
        };
        var settings = new ProjectSettings { Pipelines = new PipelineRegistry(() => pipelines) };

        IReadOnlyDictionary<string, Kedro.IO.IDataset> expected;
        using (var sequential = KedroSession.Create(settings, project.Path))
        {
            expected = await sequential.RunAsync(new RunOptions { Runner = new SequentialRunner() });
        }

        await using var worker = HangfireWorker.Start(options, settings, project.Path, NullLoggerFactory.Instance);
        using var session = KedroSession.Create(settings, project.Path);
        await using var runner = new HangfireRunner(options);
        var result = await session.RunAsync(new RunOptions { Runner = runner }).WaitAsync(Bound);

        Assert.Equal(expected.Keys, result.Keys);
        Assert.Equal("6/4", expected["summary"].Load());
        Assert.Equal(expected["summary"].Load(), result["summary"].Load());
        Assert.False(Directory.Exists(Path.Combine(project.Path, RunFolder.DefaultSharedRoot, session.SessionId)), "the run folder is removed");
    }

    [Fact]
    public async Task A_node_failing_on_a_worker_fails_the_run_with_its_own_exception_and_the_resume_suggestion()
    {
        using var project = Project();
        var options = new HangfireOptions { ConnectionString = PostgresServer.Shared.CreateDatabaseConnectionString(), WorkerCount = 1 };
        var pipelines = new Dictionary<string, Pipeline>(StringComparer.Ordinal)
        {
            ["__default__"] = new(
            [
                Node.Create((int rate) => rate * 2, "params:rate", "doubled", name: "double"),
                Node.Create(new Func<int, int>(_ => throw new InvalidDataException("bad row 3")), "doubled", "parsed", name: "parse"),
            ]),
        };
        var settings = new ProjectSettings { Pipelines = new PipelineRegistry(() => pipelines) };
        var log = new ListLogger();

        await using var worker = HangfireWorker.Start(options, settings, project.Path, NullLoggerFactory.Instance);
        using var session = KedroSession.Create(settings, project.Path);
        await using var runner = new HangfireRunner(options, logger: log);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => session.RunAsync(new RunOptions { Runner = runner }).WaitAsync(Bound));

        Assert.Equal("bad row 3", error.Message);
        // "doubled" lived in the removed run folder, so the run resumes from the node that made it.
        Assert.Contains(log.Messages, m => m.Contains("--from-nodes \"double\"", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(project.Path, RunFolder.DefaultSharedRoot, session.SessionId)), "the run folder is removed");
    }

    /// <summary>A project folder with <c>rate: 3</c> as its only parameter and an empty catalog.</summary>
    private static TempFolder Project()
    {
        var project = new TempFolder();
        project.Write("conf/base/parameters.yml", "rate: 3\n");
        project.Write("conf/base/catalog.yml", "{}\n");
        project.Write("conf/local/.keep", string.Empty);
        return project;
    }
}
