using Kedro.Pipelines.Internal;

namespace Kedro.Runners.Internal;

/// <summary>
/// The one scheduler of every runner: remaining-parent counters and a ready queue ordered by the node's
/// index in the pipeline's topological order. Taking one node at a time therefore yields exactly
/// <c>pipeline.Nodes</c> order (what <c>SequentialRunner</c> needs); taking all ready nodes at once yields
/// every node whose parents are done (what parallel runners need). Each node and edge is touched once:
/// O((nodes + edges) log nodes) for a run. Not thread-safe: one coordinator owns it.
/// </summary>
internal sealed class Scheduler
{
    private readonly NodeGraph _graph;
    private readonly int[] _remainingParents;
    private readonly PriorityQueue<int, int> _ready;

    public Scheduler(NodeGraph graph)
    {
        _graph = graph;
        _remainingParents = (int[])graph.ParentCounts.Clone();
        _ready = new PriorityQueue<int, int>();
        for (var i = 0; i < _remainingParents.Length; i++)
        {
            if (_remainingParents[i] == 0)
            {
                _ready.Enqueue(i, i);
            }
        }
    }

    public int ReadyCount => _ready.Count;

    public bool TryTakeReady(out int index) => _ready.TryDequeue(out index, out _);

    /// <summary>Marks a node done and makes each child whose parents are all done ready.</summary>
    public void Complete(int index)
    {
        foreach (var child in _graph.ChildrenOf(index))
        {
            if (--_remainingParents[child] == 0)
            {
                _ready.Enqueue(child, child);
            }
        }
    }

    public IEnumerable<int> Ready => _ready.UnorderedItems.Select(item => item.Element);
}
