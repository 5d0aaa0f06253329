using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;

namespace Kedro.Cli.Internal;

/// <summary>
/// Follows a run through the hooks, so it works under every runner: which nodes are done, running and left, and
/// how long each took from its first load to its last save. Safe to call from many threads.
/// </summary>
/// <remarks>
/// A node is done when it ran and all its outputs are saved. A runner that runs nodes in other processes (such as
/// HangfireRunner) fires the dataset hooks there, not here, and fires <c>after_node_run</c> once the outputs are saved;
/// so until a dataset event has been seen in this process, <c>after_node_run</c> alone marks a node done.
/// </remarks>
internal sealed class RunProgress(TimeProvider timeProvider) : INodeHooks, IDatasetHooks, IPipelineHooks
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Node, NodeState> _states = [];
    private readonly List<NodeState> _order = [];
    private int _total;
    private long _startedAt;
    private bool _datasetEventsSeen;

    public void BeforePipelineRun(RunParams runParams, Pipeline pipeline, DataCatalog catalog)
    {
        lock (_lock)
        {
            _total = pipeline.Nodes.Count;
            _startedAt = timeProvider.GetTimestamp();
        }
    }

    public void BeforeDatasetLoaded(string datasetName, Node node)
    {
        lock (_lock)
        {
            _datasetEventsSeen = true;
            GetState(node);
        }
    }

    public IReadOnlyDictionary<string, object?>? BeforeNodeRun(NodeRunContext context)
    {
        Start(context.Node);
        return null;
    }

    public void AfterNodeRun(NodeRunContext context, IReadOnlyDictionary<string, object?> outputs)
    {
        lock (_lock)
        {
            var state = GetState(context.Node);
            state.Ran = true;
            if (!_datasetEventsSeen && state.Finished is null)
            {
                state.Finished = timeProvider.GetTimestamp();
            }
            else
            {
                CompleteIfSaved(state);
            }
        }
    }

    public void AfterDatasetSaved(string datasetName, object? data, Node node)
    {
        lock (_lock)
        {
            _datasetEventsSeen = true;
            var state = GetState(node);
            state.Saved.Add(datasetName);
            CompleteIfSaved(state);
        }
    }

    public void OnNodeError(Exception error, NodeRunContext context)
    {
        lock (_lock)
        {
            var state = GetState(context.Node);
            state.Failed = true;
            state.Finished = timeProvider.GetTimestamp();
        }
    }

    public Snapshot Take()
    {
        lock (_lock)
        {
            var now = timeProvider.GetTimestamp();
            var done = _order.Count(static s => s.Finished is not null && !s.Failed);
            var running = _order.Where(static s => s.Finished is null).Select(s => (s.Node.Name, timeProvider.GetElapsedTime(s.Started, now))).ToList();
            var elapsed = _startedAt == 0 ? TimeSpan.Zero : timeProvider.GetElapsedTime(_startedAt, now);
            var left = Math.Max(0, _total - done - running.Count);
            TimeSpan? remaining = done == 0 ? null : elapsed / done * (left + (running.Count / 2.0));
            var durations = _order
                .Where(static s => s.Finished is not null)
                .Select(s => new NodeDuration(s.Node.Name, timeProvider.GetElapsedTime(s.Started, s.Finished!.Value), s.Failed))
                .ToList();
            return new Snapshot(_total, done, running, left, elapsed, remaining, durations);
        }
    }

    private void Start(Node node)
    {
        lock (_lock)
        {
            GetState(node);
        }
    }

    private NodeState GetState(Node node)
    {
        if (!_states.TryGetValue(node, out var state))
        {
            state = new NodeState(node, timeProvider.GetTimestamp());
            _states[node] = state;
            _order.Add(state);
        }

        return state;
    }

    private void CompleteIfSaved(NodeState state)
    {
        if (state.Ran && state.Finished is null && state.Node.Outputs.All(state.Saved.Contains))
        {
            state.Finished = timeProvider.GetTimestamp();
        }
    }

    internal sealed record NodeDuration(string Name, TimeSpan Duration, bool Failed);

    internal sealed record Snapshot(
        int Total,
        int Done,
        IReadOnlyList<(string Name, TimeSpan Running)> Running,
        int Left,
        TimeSpan Elapsed,
        TimeSpan? Remaining,
        IReadOnlyList<NodeDuration> Durations);

    private sealed class NodeState(Node node, long started)
    {
        public Node Node { get; } = node;

        public long Started { get; } = started;

        public HashSet<string> Saved { get; } = new(StringComparer.Ordinal);

        public bool Ran { get; set; }

        public bool Failed { get; set; }

        public long? Finished { get; set; }
    }
}
