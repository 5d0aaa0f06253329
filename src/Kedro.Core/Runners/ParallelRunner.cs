using Kedro.Hooks;
using Kedro.IO;
using Kedro.IO.Internal;
using Kedro.Pipelines;
using Kedro.Runners.Parallel;
using Microsoft.Extensions.Logging;

namespace Kedro.Runners;

/// <summary>
/// Runs each node as soon as all its parents are done, in a pool of worker processes (Kedro's <c>ParallelRunner</c>).
/// Threads are already truly parallel in .NET (see <see cref="ThreadRunner"/>); processes buy isolation: a crash, a
/// leak or a library that is not thread-safe stays in its worker.
/// </summary>
/// <remarks>
/// <para>
/// The pool is started on the first run, with as many workers as that run needs (min(nodes − layers + 1,
/// <see cref="MaxWorkers"/>)), grows up to <see cref="MaxWorkers"/> for later runs, and is reused until the runner is
/// disposed. One run at a time per runner. A plain <see cref="DataCatalog"/> is converted to a
/// <see cref="SharedMemoryDataCatalog"/>, so intermediate data is handed between workers through shared memory.
/// </para>
/// <para>
/// Before any node runs, the runner checks that every node's function can be re-created in a worker (a static
/// method, a lambda that captures nothing, or an instance method of an object without fields) and that every dataset
/// can reach one (a shared-memory dataset, a memory dataset held by the parent, or a dataset created from catalog
/// configuration by a factory that is itself a static method or non-capturing lambda); all offenders are listed at once.
/// </para>
/// <para>
/// Hooks fire in this process, for every node and dataset event, in the order <see cref="SequentialRunner"/> fires
/// them: the worker stops at each event and waits for the hooks. Data reaches the parent only when a hook of that kind
/// is registered. A node's exception fails the run with the original type, message and the worker's stack trace; a
/// worker that dies fails its node with a <see cref="TaskException"/> naming the node and the exit status, and is
/// replaced. Cancelling stops the workers' nodes (a worker that does not stop within a second is killed).
/// </para>
/// </remarks>
public sealed class ParallelRunner : AbstractRunner, IDisposable, IAsyncDisposable
{
    private readonly WorkerPool _pool;
    private readonly Lock _lock = new();
    private ParallelRunContext? _run;

    /// <summary>Creates the runner; no process starts until the first run.</summary>
    /// <param name="maxWorkers">The most worker processes; the processor count by default (at most 61 on Windows).</param>
    /// <param name="isAsync">In each worker, load the node's inputs and save its outputs concurrently.</param>
    /// <param name="logger">Where the runner logs Kedro's run messages and what nodes print in the workers (standard output at Information, standard error at Warning); none by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxWorkers"/> is zero or negative.</exception>
    public ParallelRunner(int? maxWorkers = null, bool isAsync = false, ILogger? logger = null)
        : base(isAsync, logger)
    {
        MaxWorkers = ThreadRunner.ValidateMaxWorkers(maxWorkers);
        _pool = new WorkerPool(MaxWorkers, Logger);
    }

    /// <summary>The most worker processes (Kedro's <c>_max_workers</c>).</summary>
    public int MaxWorkers { get; }

    /// <summary>The ids of the live worker processes.</summary>
    internal IReadOnlyList<int> WorkerProcessIds => _pool.ProcessIds;

    /// <summary>Starts <paramref name="count"/> workers (at most <see cref="MaxWorkers"/>) and waits until they are ready.</summary>
    /// <param name="count">How many workers to have running.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the workers are ready.</returns>
    public Task StartWorkersAsync(int count, CancellationToken cancellationToken = default) =>
        _pool.WarmUpAsync(count, cancellationToken);

    /// <summary>Stops every worker process.</summary>
    public void Dispose() => _pool.Dispose();

    /// <summary>Stops every worker process.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        _pool.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Kedro's pool size: min(nodes − layers + 1, <see cref="MaxWorkers"/>), at least 1.</summary>
    internal int RequiredWorkers(int nodeCount, int layerCount) => Math.Max(1, Math.Min(nodeCount - layerCount + 1, MaxWorkers));

    /// <inheritdoc/>
    protected override int? GetWorkerCount(int nodeCount, int layerCount)
    {
        var count = RequiredWorkers(nodeCount, layerCount);
        if (nodeCount > 0)
        {
            _pool.EnsureStarted(count);
        }

        Current.SetWorkerCount(count);
        return count;
    }

    /// <inheritdoc/>
    protected override void ValidateCatalog(DataCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var run = Current;
        run.Catalog.ValidateCatalog(serializers: run.Manager.Serializers);
        run.ExportSerializers();
    }

    /// <inheritdoc/>
    protected override void ValidateNodes(IReadOnlyList<Node> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var run = Current;
        var config = run.Catalog.ToConfig();
        var datasetProblems = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in nodes.SelectMany(n => n.Inputs.Concat(n.Outputs).Concat(n.Confirms)).Distinct(StringComparer.Ordinal))
        {
            if (run.AddDataset(name, run.Catalog[name], config) is { } reason)
            {
                datasetProblems[name] = reason;
            }
        }

        if (datasetProblems.Count > 0)
        {
            throw new DatasetException(SharedMemoryMessages.CannotUseWithMultiprocessing(datasetProblems, []));
        }

        var nodeProblems = new List<string>();
        foreach (var node in nodes)
        {
            if (run.AddNode(node) is { } reason)
            {
                nodeProblems.Add($"{node.Name} ({reason})");
            }
        }

        if (nodeProblems.Count > 0)
        {
            throw ParallelErrors.NodesNotSerialisable(nodeProblems);
        }
    }

    /// <inheritdoc/>
    protected override async ValueTask RunNodeAsync(
        Node node, DataCatalog catalog, HookManager hookManager, string? runId, CancellationToken cancellationToken)
    {
        var run = Current;
        run.SetHooks(hookManager, runId);
        await run.Slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var worker = await _pool.RentAsync(cancellationToken).ConfigureAwait(false);
            var job = new ParallelNodeRun(run, node, worker, cancellationToken);
            try
            {
                await job.RunAsync().ConfigureAwait(false);
            }
            finally
            {
                if (job.WorkerLost)
                {
                    worker.Kill();
                }

                _pool.Return(worker);
            }
        }
        finally
        {
            run.Slots.Release();
        }
    }

    private protected override DataCatalog PrepareCatalog(DataCatalog catalog)
    {
        var converted = SharedMemoryDataCatalog.From(catalog, Logger);
        lock (_lock)
        {
            if (_run is not null)
            {
                throw ParallelErrors.ConcurrentRun();
            }

            var manager = new SharedMemoryManager(logger: Logger);
            try
            {
                converted.SetManagerDatasets(manager);
                _run = new ParallelRunContext(converted, manager, IsAsync, Logger, TimeProvider);
            }
            catch
            {
                manager.Dispose();
                throw;
            }
        }

        return converted;
    }

    private protected override void OnSchedulingStarted()
    {
        if (!IsAsync)
        {
            Logger.SynchronousMode();
        }
    }

    private protected override void OnRunEnded()
    {
        lock (_lock)
        {
            _run?.Dispose();
            _run = null;
        }
    }

    private ParallelRunContext Current => Volatile.Read(ref _run) ?? throw new InvalidOperationException("ParallelRunner is not running.");
}
