using Kedro.Pipelines;
using Kedro.Runners.Internal;

namespace Kedro.Runners;

/// <summary>
/// Runs the nodes of one run, one call per node: the part of a runner that differs from one runner to another (in this
/// thread, on a pool of worker processes, on other machines). <see cref="AbstractRunner"/> asks the runner for one per
/// run (<see cref="AbstractRunner.CreateExecutorAsync"/>), calls <see cref="RunNodeAsync"/> for each node when its
/// parents are done, never more than <see cref="Concurrency"/> at once, and disposes it when the run ends, whether it
/// succeeded, failed or was cancelled. State that lives as long as a run lives here, not in the runner.
/// </summary>
/// <remarks>
/// Everything else is the runner's base: validation, the order of the nodes, load counts and the release of
/// intermediate data, free outputs, <c>onlyMissingOutputs</c>, the resume suggestion, Kedro's log lines about progress,
/// and cancellation. An executor that runs a node in this process uses a <see cref="NodeTask"/>, or
/// <see cref="InProcess"/>; one that runs it elsewhere reports the outcome it learns from there.
/// </remarks>
public abstract class NodeExecutor : IAsyncDisposable
{
    /// <summary>Creates the executor.</summary>
    /// <param name="concurrency">
    /// At most this many nodes run at once; <see langword="null"/> to run the nodes one after another on the calling
    /// thread, in the pipeline's order.
    /// </param>
    /// <param name="limitsAwaitingNodes">
    /// Whether a node counts against <paramref name="concurrency"/> until it ends (the default: a node that runs elsewhere
    /// keeps its worker busy while this process awaits it), or only while it runs synchronously, so that a node that
    /// awaits gives its thread back and any number may be awaiting at once (the threads of <see cref="ThreadRunner"/>).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="concurrency"/> is zero or negative.</exception>
    protected NodeExecutor(int? concurrency, bool limitsAwaitingNodes = true)
    {
        if (concurrency is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(concurrency), concurrency, "The concurrency of an executor must be at least 1, or null to run one node at a time on the calling thread.");
        }

        Concurrency = concurrency;
        LimitsAwaitingNodes = limitsAwaitingNodes;
    }

    /// <summary>
    /// At most this many nodes run at once; <see langword="null"/> when they run one after another on the calling thread
    /// in the pipeline's order (as <see cref="SequentialRunner"/> does).
    /// </summary>
    public int? Concurrency { get; }

    /// <summary>
    /// Whether a node counts against <see cref="Concurrency"/> until it ends, rather than only while it runs
    /// synchronously on one of the run's threads.
    /// </summary>
    public bool LimitsAwaitingNodes { get; }

    /// <summary>
    /// The executor that runs each node in this process with a <see cref="NodeTask"/>, as <see cref="SequentialRunner"/>
    /// (<paramref name="concurrency"/> <see langword="null"/>) and <see cref="ThreadRunner"/> do.
    /// </summary>
    /// <param name="plan">The run.</param>
    /// <param name="concurrency">At most this many nodes at once, or <see langword="null"/> for one at a time on the calling thread.</param>
    /// <returns>The executor.</returns>
    public static NodeExecutor InProcess(RunPlan plan, int? concurrency)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new InProcessExecutor(plan, concurrency);
    }

    /// <summary>
    /// Runs one node whose parents are all done: loads its inputs, runs it and saves its outputs, calling the run's hooks
    /// in Kedro's order. A node that runs synchronously should complete synchronously. An exception thrown here counts as
    /// a failure of the node, as <see cref="NodeOutcome.Failed"/> would.
    /// </summary>
    /// <param name="node">The node; one of <see cref="RunPlan.Nodes"/>.</param>
    /// <param name="cancellationToken">Cancelled when the run is cancelled: stop the node and report <see cref="NodeOutcome.Cancelled"/>.</param>
    /// <returns>How the node's run ended.</returns>
    public abstract ValueTask<NodeOutcome> RunNodeAsync(Node node, CancellationToken cancellationToken);

    /// <summary>Ends the run's use of what the executor holds; called once, when the run ends. Does nothing by default.</summary>
    /// <returns>A task that completes when everything is released.</returns>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
