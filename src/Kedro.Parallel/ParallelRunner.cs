using Kedro.IO;
using Kedro.WorkerProcesses.Pool;
using Kedro.WorkerProcesses.Runner;
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
    private int _running;

    /// <summary>Creates the runner; no process starts until the first run.</summary>
    /// <param name="maxWorkers">The most worker processes; the processor count by default (at most 61 on Windows).</param>
    /// <param name="isAsync">In each worker, load the node's inputs and save its outputs concurrently.</param>
    /// <param name="logger">Where the runner logs Kedro's run messages and what nodes print in the workers (standard output at Information, standard error at Warning); none by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxWorkers"/> is zero or negative.</exception>
    public ParallelRunner(int? maxWorkers = null, bool isAsync = false, ILogger? logger = null)
        : base(isAsync, logger)
    {
        MaxWorkers = ValidateMaxWorkers(maxWorkers);
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

    /// <summary>A plain catalog becomes a <see cref="SharedMemoryDataCatalog"/>: its intermediate data lives in shared memory.</summary>
    /// <param name="catalog">The catalog of the run.</param>
    /// <returns>The shared-memory catalog the run uses.</returns>
    protected override DataCatalog PrepareCatalog(DataCatalog catalog) => SharedMemoryDataCatalog.From(catalog, Logger);

    /// <summary>
    /// Starts a run: checks that every dataset and node can reach a worker (Kedro's <c>_validate_catalog</c> and
    /// <c>_validate_nodes</c>, every offender listed at once), then starts min(nodes − layers + 1, <see cref="MaxWorkers"/>)
    /// workers if they are not running yet. One run at a time per runner.
    /// </summary>
    /// <param name="plan">The run.</param>
    /// <param name="cancellationToken">Cancelled when the run is cancelled.</param>
    /// <returns>The executor that runs each node on a worker.</returns>
    /// <exception cref="InvalidOperationException">Another run of this runner is in progress.</exception>
    /// <exception cref="DatasetException">A dataset cannot be used by worker processes.</exception>
    protected override ValueTask<NodeExecutor> CreateExecutorAsync(RunPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw ParallelErrors.ConcurrentRun();
        }

        return ValueTask.FromResult<NodeExecutor>(ParallelExecutor.Start(plan, _pool, MaxWorkers, () => Volatile.Write(ref _running, 0)));
    }
}
