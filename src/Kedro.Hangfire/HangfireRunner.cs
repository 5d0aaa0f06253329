using System.Runtime.CompilerServices;
using Kedro.Hangfire.Internal;
using Kedro.IO;
using Kedro.Runners;
using Microsoft.Extensions.Logging;

namespace Kedro.Hangfire;

/// <summary>
/// Runs a pipeline on Hangfire workers: each node becomes a job in PostgreSQL that a <c>worker</c> process of the same
/// project runs, on this machine or another. This process, the driver, schedules the nodes, fires the node hooks and
/// returns the free outputs, as every runner does.
/// </summary>
/// <remarks>
/// <para>
/// What it guarantees:
/// </para>
/// <list type="bullet">
/// <item>Nothing runs unless every node and dataset can be re-created by a worker from the project itself: the nodes
/// must come from the registered pipelines the session named, and every dataset must be declared in the catalog
/// configuration or left undeclared (then its data lives as a file in the run folder
/// <c>{shared_root}/{run id}/</c>, which every driver and worker must reach at the same path). All offenders are listed
/// at once.</item>
/// <item>A job carries only the run id, the pipeline name and the node name; the worker finds the rest in the run's
/// manifest (<c>run.json</c>) and the project's own configuration. No credential is written to the jobs or the run
/// folder.</item>
/// <item>Node hooks (<c>before_node_run</c>, <c>after_node_run</c>, <c>on_node_error</c>) fire in the driver; their
/// inputs and outputs are read from the catalog only when a hook reads a value. A <c>before_node_run</c> hook cannot
/// replace inputs (the node fails, saying so). Dataset hooks fire in the workers.</item>
/// <item>A node that fails after its retries fails the run with the node's own exception type, message and stack trace,
/// and the run logs which nodes to resume from.</item>
/// <item>Cancelling the run deletes its jobs: queued ones never run and running ones get their cancellation token.</item>
/// <item>When the run ends, its folder is removed: on success after the free outputs kept there are loaded into memory
/// (the returned datasets stay usable); on failure or cancellation after the run's remaining jobs are deleted. Resuming a
/// failed run (<c>--from-nodes</c>) therefore computes its intermediate data again; persist a dataset in the catalog to
/// resume from it.</item>
/// </list>
/// <para>
/// The runner must be given how the session made the run (<c>KedroSession.RunAsync</c> does this): the workers re-create
/// the project from it. Used on its own, outside a session, it refuses to run.
/// </para>
/// </remarks>
public sealed partial class HangfireRunner : AbstractRunner, IAsyncDisposable
{
    private readonly HangfireOptions? _options;
    private readonly Func<RunOrigin, HangfireOptions>? _readOptions;
    private readonly ConditionalWeakTable<DataCatalog, RunStart> _runs = [];
    private readonly Lock _lock = new();
    private RunOrigin? _origin;

    /// <summary>Creates the runner with the given options.</summary>
    /// <param name="options">
    /// The connection, queue, shared root, retries and most nodes in flight. When the connection string is not set, it is
    /// read from <see cref="HangfireOptions.ConnectionVariable"/>.
    /// </param>
    /// <param name="isAsync">Workers load each node's inputs and save its outputs concurrently.</param>
    /// <param name="logger">Where the runner logs Kedro's run messages; none by default.</param>
    public HangfireRunner(HangfireOptions options, bool isAsync = false, ILogger? logger = null)
        : base(isAsync, logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Creates a runner whose options are read from the project's configuration when a run is prepared.</summary>
    internal HangfireRunner(Func<RunOrigin, HangfireOptions> readOptions, bool isAsync, ILogger? logger)
        : base(isAsync, logger)
    {
        _readOptions = readOptions;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _origin = null;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Records how the session made the next run.</summary>
    internal void Prepare(RunOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        lock (_lock)
        {
            _origin = origin;
        }
    }

    /// <inheritdoc/>
    protected override DataCatalog PrepareCatalog(DataCatalog catalog)
    {
        RunOrigin origin;
        lock (_lock)
        {
            origin = _origin ?? throw NotPrepared();
            _origin = null;
        }

        var options = OptionsOf(origin);
        var folder = RunFolder.PathOf(options.SharedRoot, origin.ProjectPath, origin.RunId);
        var run = RunCatalog.Create(catalog, folder, Logger);
        _runs.AddOrUpdate(run, new RunStart(origin, options, catalog));
        return run;
    }

    /// <inheritdoc/>
    protected override async ValueTask<NodeExecutor> CreateExecutorAsync(RunPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Catalog is not RunCatalog catalog || !_runs.TryGetValue(catalog, out var start))
        {
            throw NotPrepared();
        }

        _runs.Remove(catalog);
        var (origin, options, project) = start;
        if (plan.RunId is not null && plan.RunId != origin.RunId)
        {
            throw new InvalidOperationException(
                $"HangfireRunner was prepared for run '{origin.RunId}' but asked to run '{plan.RunId}'. Run the pipeline through KedroSession.RunAsync, which prepares the runner for its own run.");
        }

        RunChecks.CheckNodes(plan.Pipeline, origin.Settings.Pipelines, origin.PipelineNames);
        RunChecks.CheckDatasets(plan.Pipeline, project, catalog);
        var storage = HangfireStorage.Shared(options);
        CompletionListener? listener = null;
        try
        {
            listener = await CompletionListener
                .StartAsync(HangfireStorage.ConnectionString(options), storage, origin.RunId, TimeSpan.FromSeconds(1), Logger, cancellationToken)
                .ConfigureAwait(false);
            RunManifest.Create(origin.RunId, origin.PipelineNames, origin.Env, origin.ManifestConfSource, origin.RuntimeParams, origin.LoadVersions, IsAsync)
                .Write(catalog.RunFolder);
            Logger.RunStarted(origin.RunId, options.Queue, catalog.RunFolder);
            WarnIfNoWorker(storage, options);
            var concurrency = options.MaxWorkers ?? plan.WorkerCount(int.MaxValue);
            return new HangfireExecutor(plan, options, origin.RunId, origin.PipelineArgument, catalog.RunFolder, storage, listener, concurrency);
        }
        catch
        {
            if (listener is not null)
            {
                await listener.DisposeAsync().ConfigureAwait(false);
            }

            HangfireExecutor.RemoveRunFolder(catalog.RunFolder, Logger);
            throw;
        }
    }

    /// <summary>Warns when no live worker serves the run's queue: the run would otherwise wait without a word.</summary>
    private void WarnIfNoWorker(global::Hangfire.JobStorage storage, HangfireOptions options)
    {
        try
        {
            var now = TimeProvider.GetUtcNow().UtcDateTime;
            var serving = storage.GetMonitoringApi().Servers().Any(server =>
                server.Queues.Contains(options.Queue, StringComparer.Ordinal)
                && server.Heartbeat is { } beat && now - beat < TimeSpan.FromSeconds(30));
            if (!serving)
            {
                Logger.NoWorker(options.Queue, options.Schema);
            }
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            Logger.ReconcileFailed("(servers)", e.Message);
        }
    }

    private static InvalidOperationException NotPrepared() => new(
        "HangfireRunner runs nodes in worker processes that re-create the project as the driver's session made it " +
        "(environment, configuration, runtime parameters, registered pipelines), so it runs only through a KedroSession: " +
        "call session.RunAsync(new RunOptions { Runner = hangfireRunner, ... }) or `run --runner HangfireRunner`, not runner.RunAsync directly.");

    private HangfireOptions OptionsOf(RunOrigin origin)
    {
        if (_readOptions is not null)
        {
            var read = _readOptions(origin);
            read.Validate();
            return read;
        }

        var options = _options!;
        if (string.IsNullOrWhiteSpace(options.ConnectionString)
            && Environment.GetEnvironmentVariable(HangfireOptions.ConnectionVariable) is { Length: > 0 } fromVariable)
        {
            options.ConnectionString = fromVariable;
        }

        options.Validate();
        return options;
    }

    private sealed record RunStart(RunOrigin Origin, HangfireOptions Options, DataCatalog Project);
}
