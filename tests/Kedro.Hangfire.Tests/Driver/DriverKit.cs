using Hangfire.PostgreSql;
using Kedro.Framework;
using Kedro.Hangfire.Internal;
using Kedro.Pipelines;
using Kedro.Testing.Postgres;

namespace Kedro.Hangfire.Tests.Driver;

/// <summary>What the driver tests share: a run as a session would describe it.</summary>
internal static class DriverKit
{
    public const string RunId = "2026-12-06T15.04.05.123Z";

    /// <summary>Options on a fresh database of the shared test server, intermediates under the project's <c>runs</c>, and their storage.</summary>
    public static (HangfireOptions Options, PostgreSqlStorage Storage) Database(TempFolder project)
    {
        var options = new HangfireOptions
        {
            ConnectionString = PostgresServer.Shared.CreateDatabaseConnectionString(),
            SharedRoot = project.PathOf("runs"),
        };
        return (options, HangfireStorage.Create(options));
    }

    /// <summary>The name of a job's current state.</summary>
    public static string? StateOf(PostgreSqlStorage storage, string jobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }

    public static RunOrigin Origin(TempFolder project, IReadOnlyDictionary<string, Pipeline> pipelines, params string[] names)
    {
        var settings = new ProjectSettings { Pipelines = new PipelineRegistry(() => pipelines) };
        using var session = KedroSession.Create(settings, project.Path);
        return new(
            RunId,
            project.Path,
            Path.Combine(project.Path, "conf"),
            Env: null,
            new Dictionary<string, object?>(StringComparer.Ordinal),
            names.Length == 0 ? [PipelineRegistry.DefaultPipelineName] : names,
            new Dictionary<string, string>(StringComparer.Ordinal),
            settings,
            session.LoadContext());
    }

    public static object? Identity(object? x) => x;

    public static Node N(string name, string input, string output) => Node.Create(Identity, input, output, name: name);

    /// <summary>
    /// The job id the driver logged for <paramref name="node"/>, waiting until it is created: at most <paramref name="within"/>,
    /// and only while <paramref name="run"/> (when given) has not ended; a run that ended with an error rethrows it.
    /// </summary>
    public static async Task<string> JobIdAsync(ListLogger log, string node, TimeSpan within, Task? run = null)
    {
        var prefix = $"Node '{node}' is Hangfire job ";
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline && run is not { IsCompleted: true })
        {
            if (log.Messages.FirstOrDefault(m => m.StartsWith(prefix, StringComparison.Ordinal)) is { } line)
            {
                return line[prefix.Length..].Split(' ')[0];
            }

            await Task.Delay(20);
        }

        await (run is { IsCompleted: true } ? run : Task.CompletedTask);
        throw new TimeoutException($"The driver did not create a job for node '{node}' within {within.TotalSeconds} s. Log:{Environment.NewLine}{string.Join(Environment.NewLine, log.Messages)}");
    }
}
