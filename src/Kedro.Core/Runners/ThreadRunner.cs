using Microsoft.Extensions.Logging;

namespace Kedro.Runners;

/// <summary>
/// Runs each node as soon as all its parents are done, on worker threads (Kedro's <c>ThreadRunner</c>).
/// .NET has no global interpreter lock, so CPU-bound nodes run truly in parallel.
/// </summary>
/// <remarks>
/// At most min(nodes − layers + 1, <see cref="MaxWorkers"/>) nodes run synchronously at once, as in Kedro.
/// A node that awaits (an <c>async</c> node function, or asynchronous loads and saves with
/// <c>isAsync</c>) gives its worker thread back while it waits, so waiting nodes are not limited by
/// the number of workers: a thousand independent nodes each awaiting a one-second delay finish in about
/// a second. Unlike Kedro's, this runner honours <c>isAsync</c>. Hooks are called on the worker threads.
/// </remarks>
public sealed class ThreadRunner : AbstractRunner
{
    /// <summary>Creates the runner.</summary>
    /// <param name="maxWorkers">The most worker threads; the processor count by default.</param>
    /// <param name="isAsync">Load each node's inputs and save its outputs concurrently.</param>
    /// <param name="logger">Where the runner logs Kedro's run messages; none by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxWorkers"/> is zero or negative.</exception>
    public ThreadRunner(int? maxWorkers = null, bool isAsync = false, ILogger? logger = null)
        : base(isAsync, logger)
    {
        MaxWorkers = ValidateMaxWorkers(maxWorkers);
    }

    /// <summary>The most worker threads (Kedro's <c>_max_workers</c>).</summary>
    public int MaxWorkers { get; }

    /// <inheritdoc/>
    protected override ValueTask<NodeExecutor> CreateExecutorAsync(RunPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return ValueTask.FromResult(NodeExecutor.InProcess(plan, plan.WorkerCount(MaxWorkers)));
    }
}
