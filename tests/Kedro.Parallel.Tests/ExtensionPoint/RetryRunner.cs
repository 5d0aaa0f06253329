using Kedro.Pipelines;
using Kedro.Runners;
using Microsoft.Extensions.Logging;

namespace Kedro.Parallel.Tests.ExtensionPoint;

/// <summary>
/// A runner written outside Kedro.Core with its public API alone (this project sees none of Core's internals): it runs
/// the nodes as <see cref="SequentialRunner"/> does and runs a failed node again, up to <c>retries</c> more times.
/// docs/runners.md ("Writing a runner") shows the same runner.
/// </summary>
public sealed class RetryRunner(int retries, ILogger? logger = null) : AbstractRunner(logger: logger)
{
    /// <summary>Every attempt, as "node:outcome".</summary>
    public List<string> Attempts { get; } = [];

    protected override ValueTask<NodeExecutor> CreateExecutorAsync(RunPlan plan, CancellationToken cancellationToken) =>
        ValueTask.FromResult<NodeExecutor>(new RetryExecutor(NodeExecutor.InProcess(plan, concurrency: null), retries, Attempts));

    private sealed class RetryExecutor(NodeExecutor inner, int retries, List<string> attempts) : NodeExecutor(inner.Concurrency, inner.LimitsAwaitingNodes)
    {
        public override async ValueTask<NodeOutcome> RunNodeAsync(Node node, CancellationToken cancellationToken)
        {
            for (var attempt = 0; ; attempt++)
            {
                var outcome = await inner.RunNodeAsync(node, cancellationToken);
                attempts.Add($"{node.Name}:{outcome.Kind}");
                if (outcome.Kind != NodeOutcomeKind.Failed || attempt == retries)
                {
                    return outcome;
                }
            }
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}

/// <summary>
/// A runner whose executor records what the runner's base asks of it: when it is created and disposed, which nodes run,
/// how many at once, and the plan it was given. Its nodes run in this process on their own thread.
/// </summary>
public sealed class RecordingRunner(int? concurrency) : AbstractRunner
{
    private readonly Lock _lock = new();
    private int _running;

    public List<string> Events { get; } = [];

    public List<RunPlan> Plans { get; } = [];

    public int MostAtOnce { get; private set; }

    public Func<IReadOnlyList<Node>, Exception?>? RefuseNodes { get; init; }

    public TimeSpan NodeDuration { get; init; }

    /// <summary>The outcome to report for a node instead of running it; <see langword="null"/> to run it.</summary>
    public Func<Node, NodeOutcome?>? OutcomeOf { get; init; }

    /// <summary>Breaks the executor's contract: report no outcome at all.</summary>
    public bool ReportsNoOutcome { get; init; }

    protected override void ValidateNodes(IReadOnlyList<Node> nodes)
    {
        Record("validate");
        if (RefuseNodes?.Invoke(nodes) is { } error)
        {
            throw error;
        }
    }

    protected override ValueTask<NodeExecutor> CreateExecutorAsync(RunPlan plan, CancellationToken cancellationToken)
    {
        Record("create");
        lock (_lock)
        {
            Plans.Add(plan);
        }

        return ValueTask.FromResult<NodeExecutor>(new Executor(this, plan, concurrency));
    }

    private void Record(string text)
    {
        lock (_lock)
        {
            Events.Add(text);
        }
    }

    private sealed class Executor(RecordingRunner runner, RunPlan plan, int? concurrency) : NodeExecutor(concurrency)
    {
        public override async ValueTask<NodeOutcome> RunNodeAsync(Node node, CancellationToken cancellationToken)
        {
            lock (runner._lock)
            {
                runner.Events.Add("run " + node.Name);
                runner._running++;
                runner.MostAtOnce = Math.Max(runner.MostAtOnce, runner._running);
            }

            try
            {
                if (runner.ReportsNoOutcome)
                {
                    return null!;
                }

                if (runner.OutcomeOf?.Invoke(node) is { } given)
                {
                    return given;
                }

                // The node runs on a thread of its own, as it would in another process, and the executor waits for it.
                var task = new NodeTask(node, plan.Catalog, plan.IsAsync, plan.Hooks, plan.RunId);
                if (runner.NodeDuration > TimeSpan.Zero)
                {
                    await Task.Delay(runner.NodeDuration, cancellationToken);
                }

                return await Task.Factory.StartNew(
                    () => task.RunAsync(cancellationToken).AsTask(), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
            }
            finally
            {
                lock (runner._lock)
                {
                    runner._running--;
                }
            }
        }

        public override ValueTask DisposeAsync()
        {
            runner.Record("dispose");
            return base.DisposeAsync();
        }
    }
}
