using Kedro.Pipelines;

namespace Kedro.Runners.Internal;

/// <summary>
/// Runs each node in this process with a <see cref="NodeTask"/> (SequentialRunner, ThreadRunner); a node that awaits gives
/// its thread back.
/// </summary>
internal sealed class InProcessExecutor(RunPlan plan, int? concurrency) : NodeExecutor(concurrency, limitsAwaitingNodes: false)
{
    public override ValueTask<NodeOutcome> RunNodeAsync(Node node, CancellationToken cancellationToken) =>
        new NodeTask(node, plan.Catalog, plan.IsAsync, plan.Hooks, plan.RunId, logger: plan.Logger).RunAsync(cancellationToken);
}
