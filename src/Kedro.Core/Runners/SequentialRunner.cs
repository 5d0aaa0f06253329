using Microsoft.Extensions.Logging;

namespace Kedro.Runners;

/// <summary>
/// Runs the nodes one after another on the calling thread, in the pipeline's topological order (layers,
/// ties by name), exactly as Kedro's <c>SequentialRunner</c> does, so logs and hooks come in Kedro's order.
/// </summary>
public sealed class SequentialRunner : AbstractRunner
{
    /// <summary>Creates the runner.</summary>
    /// <param name="isAsync">Load each node's inputs and save its outputs concurrently.</param>
    /// <param name="logger">Where the runner logs Kedro's run messages; none by default.</param>
    public SequentialRunner(bool isAsync = false, ILogger? logger = null)
        : base(isAsync, logger)
    {
    }

    /// <inheritdoc/>
    protected override ValueTask<NodeExecutor> CreateExecutorAsync(RunPlan plan, CancellationToken cancellationToken)
    {
        if (!IsAsync)
        {
            Logger.SynchronousMode();
        }

        return ValueTask.FromResult(NodeExecutor.InProcess(plan, concurrency: null));
    }
}
