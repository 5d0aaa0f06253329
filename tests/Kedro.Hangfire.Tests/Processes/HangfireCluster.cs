using Kedro.Testing.Postgres;
using Npgsql;

namespace Kedro.Hangfire.Tests.Processes;

/// <summary>
/// What the real-process tests share: a fresh PostgreSQL database, a temporary project folder with the test project's
/// <c>conf/</c> (the working directory of the driver and of every worker, as machines share a folder), the worker
/// processes started so far, and helpers to start workers and drivers. Disposing kills every process still running.
/// </summary>
public sealed class HangfireCluster : IDisposable
{
    public const string ConnectionVariable = "KEDRO_HANGFIRE_CONNECTION";

    /// <summary>How long a worker may take to start, a driver to finish, a marker to appear.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly List<ProjectProcess> _processes = [];

    public HangfireCluster()
    {
        ConnectionString = PostgresServer.Shared.CreateDatabaseConnectionString();
        Project = new TempFolder("kedro-hangfire");
        var built = Path.Combine(AppContext.BaseDirectory, "TestProject");
        Program = Path.Combine(built, "Kedro.Hangfire.TestProject.dll");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(built, "conf"), "*", SearchOption.AllDirectories))
        {
            var target = Project.PathOf(Path.GetRelativePath(built, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>The Npgsql connection string of the cluster's database (what <see cref="ConnectionVariable"/> holds).</summary>
    public string ConnectionString { get; }

    /// <summary>The project folder.</summary>
    public TempFolder Project { get; }

    /// <summary>The test project's program.</summary>
    public string Program { get; }

    /// <summary>The worker processes still running.</summary>
    public IReadOnlyList<ProjectProcess> Workers
    {
        get
        {
            lock (_processes)
            {
                return [.. _processes.Where(p => p.Arguments.StartsWith("worker", StringComparison.Ordinal) && p.IsRunning)];
            }
        }
    }

    /// <summary>Starts <c>worker --workers {workers}</c> and waits for its <c>started</c> line.</summary>
    public async Task<ProjectProcess> StartWorkerAsync(int workers = 2)
    {
        var worker = Start(["worker", "--workers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await worker.WaitForOutputAsync("started", Patience);
        return worker;
    }

    /// <summary>Starts workers until <paramref name="processes"/> worker processes run.</summary>
    public async Task EnsureWorkersAsync(int processes)
    {
        var missing = processes - Workers.Count;
        await Task.WhenAll(Enumerable.Range(0, Math.Max(0, missing)).Select(_ => StartWorkerAsync()));
    }

    /// <summary>Starts the test project with <paramref name="args"/>; with the connection string in its environment unless <paramref name="connected"/> is false.</summary>
    public ProjectProcess Start(IReadOnlyList<string> args, bool connected = true)
    {
        var process = new ProjectProcess(Program, Project.Path, args, new Dictionary<string, string?>
        {
            [ConnectionVariable] = connected ? ConnectionString : null,
        });
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }

    /// <summary>Runs the test project with <paramref name="args"/> to its end; returns the ended process (exit code and output).</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var exitCode = await process.WaitForExitAsync(Patience);
        return (exitCode, process.Output);
    }

    /// <summary>
    /// The number of Hangfire jobs whose arguments contain <paramref name="text"/> (a run id, a pipeline name) and whose
    /// state is one of <paramref name="states"/> (any state when none is given); 0 before Hangfire's tables exist.
    /// </summary>
    public async Task<long> CountJobsAsync(string text, params string[] states)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('hangfire.job') IS NOT NULL", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync())!)
            {
                return 0;
            }
        }

        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM hangfire.job WHERE arguments::text LIKE '%' || @text || '%' AND (cardinality(@states) = 0 OR statename = ANY(@states))",
            connection);
        command.Parameters.AddWithValue("text", text);
        command.Parameters.AddWithValue("states", states);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Lines of the test project's <c>hooks.log</c> after the first <paramref name="skip"/>, split at <c>|</c>.</summary>
    public IReadOnlyList<string[]> HookLines(int skip = 0) =>
        Project.Exists("hooks.log") ? [.. File.ReadAllLines(Project.PathOf("hooks.log")).Skip(skip).Select(l => l.Split('|'))] : [];

    /// <summary>The run id the driver's <c>before_node_run</c> hook saw last for <paramref name="node"/>.</summary>
    public string RunIdOfLast(string node) => HookLines().Last(l => l[0] == "before_node_run" && l[1] == node)[3];

    /// <summary>Waits until the marker file <c>markers/{name}</c> has a line that satisfies <paramref name="condition"/>; returns that line.</summary>
    public Task<string> WaitForMarkerAsync(string name, Func<string, bool> condition)
    {
        var path = Project.PathOf("markers", name);
        return EventuallyAsync(
            () => Task.FromResult(File.Exists(path) ? File.ReadAllLines(path).FirstOrDefault(condition) : null),
            () => $"the marker 'markers/{name}' got no expected line; it holds: {(File.Exists(path) ? File.ReadAllText(path) : "(no file)")}");
    }

    /// <summary>Waits until the driver's <c>before_node_run</c> hook has fired for <paramref name="node"/>; returns the run id it saw.</summary>
    public Task<string> WaitForNodeStartAsync(string node, int skip) => EventuallyAsync(
        () => Task.FromResult(HookLines(skip).FirstOrDefault(l => l[0] == "before_node_run" && l[1] == node)?[3]),
        () => $"no before_node_run hook fired for '{node}'");

    /// <summary>Polls <paramref name="probe"/> every 50 ms until it returns a value; fails the test with <paramref name="failure"/> after <see cref="Patience"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, Func<string> failure)
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            try
            {
                await timer.WaitForNextTickAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Within {Patience.TotalSeconds} s, {failure()}.");
            }
        }
    }

    /// <summary>Writes the marker file <c>markers/{name}</c> (the gated node's barrier, <c>{gate}.release</c>).</summary>
    public void WriteMarker(string name) => Project.Write(Path.Combine("markers", name), "");

    public void Dispose()
    {
        lock (_processes)
        {
            foreach (var process in _processes)
            {
                process.Dispose();
            }
        }

        Project.Dispose();
    }
}

/// <summary>The test classes that share one <see cref="HangfireCluster"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class HangfireClusterCollection : ICollectionFixture<HangfireCluster>
{
    public const string Name = "Hangfire cluster";
}
