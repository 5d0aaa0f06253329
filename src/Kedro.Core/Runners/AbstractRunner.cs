using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kedro.Runners;

/// <summary>
/// The base of every runner (Kedro's <c>AbstractRunner</c>): validates the run, materialises the catalog, schedules the
/// nodes on one scheduler, releases intermediate data after its last consumer, returns the free outputs and, when a
/// node fails, logs how to resume. A runner decides only where and how nodes run: it returns a
/// <see cref="NodeExecutor"/> for each run from <see cref="CreateExecutorAsync"/>.
/// </summary>
/// <remarks>
/// <para>
/// Writing a runner takes one method: <see cref="CreateExecutorAsync"/> receives the immutable <see cref="RunPlan"/>
/// and returns the executor that runs one node at a time on request and reports a <see cref="NodeOutcome"/>; the
/// executor holds whatever lives as long as the run (connections, worker processes, shared memory) and is disposed
/// when the run ends. Optionally, <see cref="PrepareCatalog"/> swaps the catalog for the run, and
/// <see cref="ValidateCatalog"/> and <see cref="ValidateNodes"/> refuse a run before anything starts.
/// </para>
/// <para>
/// Runs may share one catalog at the same time, on any runners, as long as they share only datasets neither of them
/// saves (inputs, parameters). A run that would share a dataset another run in progress saves (its intermediates
/// included, which the runner registers in the catalog) refuses to start with an <see cref="InvalidOperationException"/>
/// naming the datasets: give each run its own catalog, or run a namespaced copy of the pipeline.
/// </para>
/// </remarks>
public abstract partial class AbstractRunner
{
    private const int MaxWindowsWorkers = 61;

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
    /// Creates the executor of one run (Kedro's <c>_get_executor</c>): where and how its nodes run, and how many at
    /// once. Called once per run, after the checks and before any node runs; the executor is disposed when the run
    /// ends. Throw here to refuse the run (nothing has run yet).
    /// </summary>
    /// <param name="plan">The run: its nodes, catalog, hooks and options.</param>
    /// <param name="cancellationToken">Cancelled when the run is cancelled.</param>
    /// <returns>The executor of the run.</returns>
    protected abstract ValueTask<NodeExecutor> CreateExecutorAsync(RunPlan plan, CancellationToken cancellationToken);

    /// <summary>
    /// The catalog the run uses in place of the given one, called first in every run (a process-based runner converts it
    /// to one whose intermediate data lives in shared memory). Returns the given catalog by default.
    /// </summary>
    /// <param name="catalog">The catalog handed to <see cref="Run"/>.</param>
    /// <returns>The catalog of the run.</returns>
    protected virtual DataCatalog PrepareCatalog(DataCatalog catalog) => catalog;

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
    /// Kedro's <c>_validate_max_workers</c>: the processor count by default (at most 61 on Windows), positive otherwise.
    /// </summary>
    /// <param name="maxWorkers">The most workers asked for, or <see langword="null"/>.</param>
    /// <returns>The most workers.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxWorkers"/> is zero or negative.</exception>
    protected static int ValidateMaxWorkers(int? maxWorkers)
    {
        if (maxWorkers is null)
        {
            var count = Math.Max(1, Environment.ProcessorCount);
            return OperatingSystem.IsWindows() ? Math.Min(MaxWindowsWorkers, count) : count;
        }

        if (maxWorkers <= 0)
        {
            throw RunnerErrors.MaxWorkersNotPositive(nameof(maxWorkers));
        }

        return maxWorkers.Value;
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
        if (onlyMissingOutputs)
        {
            pipeline = MissingOutputsFilter.Filter(pipeline, catalog, Logger);
        }

        WarmUp(pipeline, catalog);
        if (IsAsync)
        {
            Logger.AsyncModeEnabled();
        }

        var start = TimeProvider.GetTimestamp();
        ValidateCatalog(catalog);
        ValidateNodes(pipeline.Nodes);
        var plan = new RunPlan(pipeline, catalog, hookManager ?? new HookManager(), runId, IsAsync, Logger, TimeProvider);
        var executor = await CreateExecutorAsync(plan, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{GetType().Name}.{nameof(CreateExecutorAsync)} returned no executor.");
        await using (executor.ConfigureAwait(false))
        {
            var state = new RunState(plan);
            if (executor.Concurrency is { } concurrency)
            {
                await RunOnWorkersAsync(state, executor, concurrency, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await RunInlineAsync(state, executor, cancellationToken).ConfigureAwait(false);
            }
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
            // Kedro names the catalog's class; a runner's own catalog that users cannot see is named as what it is to them.
            var type = catalog.GetType();
            while (!type.IsPublic && type.BaseType is { } parent)
            {
                type = parent;
            }

            throw RunnerErrors.InputsNotFound(missing, type.Name);
        }
    }
}
