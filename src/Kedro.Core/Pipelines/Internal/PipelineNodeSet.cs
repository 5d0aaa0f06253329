using System.Collections;

namespace Kedro.Pipelines.Internal;

/// <summary>
/// A small immutable set of distinct nodes over an array (a node's parents): cheaper than a hash set for the
/// handful of parents a node usually has; lookups switch to a hash set when the set is large.
/// </summary>
internal sealed class PipelineNodeSet : IReadOnlySet<Node>
{
    private const int LinearLimit = 8;

    private readonly Node[] _nodes;
    private HashSet<Node>? _lookup;

    public PipelineNodeSet(Node[] distinctNodes) => _nodes = distinctNodes;

    public static PipelineNodeSet Empty { get; } = new([]);

    public int Count => _nodes.Length;

    public bool Contains(Node item)
    {
        if (_nodes.Length <= LinearLimit)
        {
            return Array.IndexOf(_nodes, item) >= 0;
        }

        return (_lookup ??= new HashSet<Node>(_nodes)).Contains(item);
    }

    public IEnumerator<Node> GetEnumerator() => ((IEnumerable<Node>)_nodes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool IsProperSubsetOf(IEnumerable<Node> other) => Set().IsProperSubsetOf(other);

    public bool IsProperSupersetOf(IEnumerable<Node> other) => Set().IsProperSupersetOf(other);

    public bool IsSubsetOf(IEnumerable<Node> other) => Set().IsSubsetOf(other);

    public bool IsSupersetOf(IEnumerable<Node> other) => Set().IsSupersetOf(other);

    public bool Overlaps(IEnumerable<Node> other) => Set().Overlaps(other);

    public bool SetEquals(IEnumerable<Node> other) => Set().SetEquals(other);

    private HashSet<Node> Set() => _lookup ??= new HashSet<Node>(_nodes);
}
