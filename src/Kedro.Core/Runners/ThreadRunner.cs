using Microsoft.Extensions.Logging;
using Kedro.Runners.Internal;

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
    private const int MaxWindowsWorkers = 61;

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
    protected override int? GetWorkerCount(int nodeCount, int layerCount) =>
        Math.Max(1, Math.Min(nodeCount - layerCount + 1, MaxWorkers));

    /// <summary>Kedro's <c>_validate_max_workers</c>: the processor count by default (at most 61 on Windows), positive otherwise.</summary>
    internal static int ValidateMaxWorkers(int? maxWorkers)
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
}
