using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kedro.Runners;

/// <summary>
/// The base of every runner (Kedro's <c>AbstractRunner</c>): prepares the catalog, schedules the nodes on
/// one internal scheduler, releases intermediate data after its last consumer, returns the free outputs
/// and, when a node fails, logs how to resume. A runner decides only how many nodes run at once
/// (<see cref="GetWorkerCount"/>) and, if it wants, how one node runs (<see cref="RunNodeAsync"/>).
/// </summary>
/// <remarks>
/// A process-based runner plugs in by overriding <see cref="ValidateCatalog"/>, <see cref="ValidateNodes"/>
/// and <see cref="RunNodeAsync"/> (sending the node to a worker process and completing when it is done);
/// the scheduling, load counts, releases, logs and resume suggestion stay the same.
/// <para>
/// Runs may share one catalog at the same time, on any runners, as long as they share only datasets neither of them
/// saves (inputs, parameters). A run that would share a dataset another run in progress saves (its intermediates
/// included, which the runner registers in the catalog) refuses to start with an <see cref="InvalidOperationException"/>
/// naming the datasets: give each run its own catalog, or run a namespaced copy of the pipeline.
/// </para>
/// </remarks>
public abstract partial class AbstractRunner
{
    /// <summary>Creates the runner.</summary>
    /// <param name="isAsync">Load each node's inputs and save its outputs concurrently.</param>
    /// <param name="logger">Where the runner logs Kedro's run messages; none by default.</param>
    protected AbstractRunner(bool isAsync = false, ILogger? logger = null)
    {
        IsAsync = isAsync;
        Logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Whether each node's inputs are loaded and its outputs saved concurrently (Kedro's <c>is_async</c>).</summary>
    public bool IsAsync { get; }

    /// <summary>The clock that times the run; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the runner logs.</summary>
    protected ILogger Logger { get; }

    /// <summary>
    /// Runs the pipeline and blocks until it is done (Kedro's <c>run</c>). Every dataset of the pipeline
    /// is materialised in the catalog first (unknown names become runtime default datasets).
    /// </summary>
    /// <param name="pipeline">The pipeline to run.</param>
    /// <param name="catalog">Where inputs are loaded from and outputs saved to.</param>
    /// <param name="hookManager">The hooks to call for each node and dataset; none by default.</param>
    /// <param name="runId">The run's id, passed to the node hooks.</param>
    /// <param name="onlyMissingOutputs">Run only the nodes whose persistent outputs are missing, and what they need.</param>
    /// <returns>The pipeline's free outputs by name, as datasets (call <see cref="IDataset.Load"/> for the data).</returns>
    /// <exception cref="ArgumentException">A free input of the pipeline is not in the catalog.</exception>
    /// <exception cref="InvalidOperationException">
    /// Another run in progress on the same catalog saves a dataset this run uses, or uses one it saves; nothing has run.
    /// </exception>
    public IReadOnlyDictionary<string, IDataset> Run(
        Pipeline pipeline,
        DataCatalog catalog,
        HookManager? hookManager = null,
        string? runId = null,
        bool onlyMissingOutputs = false)
    {
        return SyncOverAsync.Wait(() => RunCoreAsync(pipeline, catalog, hookManager, runId, onlyMissingOutputs, CancellationToken.None));
    }

    /// <summary>
    /// Runs the pipeline without blocking the calling thread. Cancelling stops the run promptly: no new
    /// node starts, running nodes get the token, the nodes that did not run are logged with the resume
    /// suggestion, and <see cref="OperationCanceledException"/> is thrown.
    /// </summary>
    /// <param name="pipeline">The pipeline to run.</param>
    /// <param name="catalog">Where inputs are loaded from and outputs saved to.</param>
    /// <param name="hookManager">The hooks to call for each node and dataset; none by default.</param>
    /// <param name="runId">The run's id, passed to the node hooks.</param>
    /// <param name="onlyMissingOutputs">Run only the nodes whose persistent outputs are missing, and what they need.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The pipeline's free outputs by name, as datasets.</returns>
    /// <exception cref="ArgumentException">A free input of the pipeline is not in the catalog.</exception>
    /// <exception cref="InvalidOperationException">
    /// Another run in progress on the same catalog saves a dataset this run uses, or uses one it saves; nothing has run.
    /// </exception>
    public Task<IReadOnlyDictionary<string, IDataset>> RunAsync(
        Pipeline pipeline,
        DataCatalog catalog,
        HookManager? hookManager = null,
        string? runId = null,
        bool onlyMissingOutputs = false,
        CancellationToken cancellationToken = default) =>
        RunCoreAsync(pipeline, catalog, hookManager, runId, onlyMissingOutputs, cancellationToken).AsTask();

    /// <summary>
    /// How many nodes may run on worker threads at once for a pipeline of this shape, or
    /// <see langword="null"/> to run the nodes one after another on the calling thread in the pipeline's
    /// order (Kedro's <c>_get_executor</c> returning <c>None</c>).
    /// </summary>
    /// <param name="nodeCount">The number of nodes to run.</param>
    /// <param name="layerCount">The number of topological layers (Kedro's <c>len(grouped_nodes)</c>).</param>
    /// <returns>The number of workers, at least 1, or <see langword="null"/>.</returns>
    protected abstract int? GetWorkerCount(int nodeCount, int layerCount);

    /// <summary>Checks the catalog before any node runs (Kedro's <c>_validate_catalog</c>); does nothing by default.</summary>
    /// <param name="catalog">The catalog of the run.</param>
    protected virtual void ValidateCatalog(DataCatalog catalog)
    {
    }

    /// <summary>Checks the nodes before any node runs (Kedro's <c>_validate_nodes</c>); does nothing by default.</summary>
    /// <param name="nodes">The nodes of the run.</param>
    protected virtual void ValidateNodes(IReadOnlyList<Node> nodes)
    {
    }

    /// <summary>
    /// Runs one node: by default a <see cref="NodeTask"/> in this process. A synchronous node completes
    /// synchronously. Failures may be thrown directly or through the returned task.
    /// </summary>
    /// <param name="node">The node.</param>
    /// <param name="catalog">The catalog of the run.</param>
    /// <param name="hookManager">The hooks of the run.</param>
    /// <param name="runId">The run's id.</param>
    /// <param name="cancellationToken">Passed to the node and its asynchronous loads and saves.</param>
    /// <returns>A task that completes when the node's outputs are saved.</returns>
    protected virtual ValueTask RunNodeAsync(
        Node node, DataCatalog catalog, HookManager hookManager, string? runId, CancellationToken cancellationToken) =>
        new NodeTask(node, catalog, IsAsync, hookManager, runId, logger: Logger).ExecuteCoreAsync(cancellationToken);

    /// <summary>Called at the start of the scheduling, after the catalog is ready; logs nothing by default.</summary>
    private protected virtual void OnSchedulingStarted()
    {
    }

    private async ValueTask<IReadOnlyDictionary<string, IDataset>> RunCoreAsync(
        Pipeline pipeline,
        DataCatalog catalog,
        HookManager? hookManager,
        string? runId,
        bool onlyMissingOutputs,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(catalog);
        using var claim = CatalogRuns.Enter(catalog, pipeline);
        catalog = PrepareCatalog(catalog);
        try
        {
            return await RunPreparedAsync(pipeline, catalog, hookManager, runId, onlyMissingOutputs, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            OnRunEnded();
        }
    }

    /// <summary>
    /// Called first in every run: the catalog the run uses instead of the given one (a process-based runner converts it
    /// to a catalog whose intermediates live in shared memory). Returns the given catalog by default.
    /// </summary>
    private protected virtual DataCatalog PrepareCatalog(DataCatalog catalog) => catalog;

    /// <summary>Called last in every run, whether it succeeded, failed or was cancelled; does nothing by default.</summary>
    private protected virtual void OnRunEnded()
    {
    }

    private async ValueTask<IReadOnlyDictionary<string, IDataset>> RunPreparedAsync(
        Pipeline pipeline,
        DataCatalog catalog,
        HookManager? hookManager,
        string? runId,
        bool onlyMissingOutputs,
        CancellationToken cancellationToken)
    {
        if (onlyMissingOutputs)
        {
            pipeline = MissingOutputsFilter.Filter(pipeline, catalog, Logger);
        }

        WarmUp(pipeline, catalog);
        var hooks = hookManager ?? new HookManager();
        if (IsAsync)
        {
            Logger.AsyncModeEnabled();
        }

        var start = TimeProvider.GetTimestamp();
        ValidateCatalog(catalog);
        ValidateNodes(pipeline.Nodes);
        OnSchedulingStarted();
        var state = new RunState(pipeline, catalog, hooks, runId, Logger);
        var workers = GetWorkerCount(state.Graph.Nodes.Length, state.Graph.LayerCount);
        if (workers is null)
        {
            await RunInlineAsync(state, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await RunOnWorkersAsync(state, Math.Max(1, workers.Value), cancellationToken).ConfigureAwait(false);
        }

        var elapsed = TimeProvider.GetElapsedTime(start);
        Logger.PipelineCompleted(elapsed.TotalSeconds);
        var result = new Dictionary<string, IDataset>(StringComparer.Ordinal);
        foreach (var name in pipeline.Outputs())
        {
            result[name] = catalog[name];
        }

        return result;
    }

    /// <summary>Materialises every dataset of the pipeline, then fails on free inputs the catalog did not know.</summary>
    private static void WarmUp(Pipeline pipeline, DataCatalog catalog)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in pipeline.Datasets())
        {
            if (catalog.Contains(name))
            {
                known.Add(name);
            }

            catalog.Get(name, fallbackToRuntimePattern: true);
        }

        var missing = pipeline.Inputs().Where(name => !known.Contains(name)).ToList();
        if (missing.Count > 0)
        {
            throw RunnerErrors.InputsNotFound(missing, catalog.GetType().Name);
        }
    }
}
