using Hangfire;
using Hangfire.Common;
using Kedro.Framework;
using Kedro.Hangfire.Internal;
using Microsoft.Extensions.Logging;

namespace Kedro.Hangfire;

/// <summary>
/// A worker: a Hangfire server in the project's own process that takes node jobs from a queue in PostgreSQL and runs
/// them with the project's pipelines and catalog. Stopping it (<see cref="DisposeAsync"/>) cancels the running nodes,
/// which Hangfire gives to another worker, and disposes the server so it leaves no locks behind.
/// </summary>
public sealed class HangfireWorker : IAsyncDisposable
{
    private readonly WorkerRuntime _runtime;
    private readonly BackgroundJobServer _server;
    private int _disposed;

    private HangfireWorker(WorkerRuntime runtime, BackgroundJobServer server, string serverName, int workerCount)
    {
        _runtime = runtime;
        _server = server;
        ServerName = serverName;
        WorkerCount = workerCount;
    }

    /// <summary>The server's name in Hangfire (the prefix of its server id).</summary>
    public string ServerName { get; }

    /// <summary>How many nodes the worker runs at once.</summary>
    public int WorkerCount { get; }

    /// <summary>Starts a worker.</summary>
    /// <param name="options">The connection, queue, schema, worker count and timeouts.</param>
    /// <param name="settings">The project's settings: its pipelines, hooks and dataset types.</param>
    /// <param name="projectPath">The project folder: its configuration, and the base of the shared root.</param>
    /// <param name="loggerFactory">Where the worker and its nodes log.</param>
    /// <returns>The running worker.</returns>
    /// <exception cref="InvalidOperationException">No connection string is configured.</exception>
    /// <exception cref="ArgumentException">An option is not valid.</exception>
    public static HangfireWorker Start(HangfireOptions options, ProjectSettings settings, string projectPath, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(projectPath);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        options.Validate();
        var runtime = new WorkerRuntime(options, settings, projectPath, loggerFactory);
        var storage = HangfireStorage.Create(options);
        runtime.Storage = storage;
        var filters = new JobFilterCollection { new NodeRetryFilter(runtime) };
        var workerCount = options.WorkerCount ?? Environment.ProcessorCount;
        var serverName = $"kedro-{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        var server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                ServerName = serverName,
                WorkerCount = workerCount,
                Queues = [options.Queue],
                Activator = new NodeJobActivator(runtime),
                FilterProvider = filters,
                SchedulePollingInterval = TimeSpan.FromSeconds(1),
                CancellationCheckInterval = TimeSpan.FromMilliseconds(200),
                HeartbeatInterval = TimeSpan.FromSeconds(5),
                ServerCheckInterval = TimeSpan.FromSeconds(10),
                ServerTimeout = TimeSpan.FromSeconds(30),
                StopTimeout = TimeSpan.FromSeconds(2),
                ShutdownTimeout = TimeSpan.FromSeconds(10),
            },
            storage);
        WorkerLog.Started(runtime.Logger, workerCount, options.Queue, serverName);
        return new HangfireWorker(runtime, server, serverName, workerCount);
    }

    /// <summary>Runs a worker until <paramref name="cancellationToken"/> is cancelled, then stops it.</summary>
    /// <param name="options">The connection, queue, schema, worker count and timeouts.</param>
    /// <param name="settings">The project's settings.</param>
    /// <param name="projectPath">The project folder.</param>
    /// <param name="loggerFactory">Where the worker and its nodes log.</param>
    /// <param name="cancellationToken">Stops the worker.</param>
    /// <returns>0 once the worker has stopped.</returns>
    public static async Task<int> RunAsync(
        HangfireOptions options, ProjectSettings settings, string projectPath, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var worker = Start(options, settings, projectPath, loggerFactory);
        await using (worker.ConfigureAwait(false))
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped by the caller: the normal end of a worker.
            }
        }

        return 0;
    }

    /// <summary>Stops the worker (once; later calls do nothing): running nodes are cancelled (Hangfire runs them again elsewhere) and the server is disposed.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _runtime.Stop();
        WorkerLog.Stopping(_runtime.Logger, ServerName);
        await Task.Run(() =>
        {
            _server.SendStop();
            _server.Dispose();
        }).ConfigureAwait(false);
        WorkerLog.Stopped(_runtime.Logger, ServerName);
    }
}
