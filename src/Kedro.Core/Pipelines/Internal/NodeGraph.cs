namespace Kedro.Pipelines.Internal;

/// <summary>
/// The dependency graph of a pipeline's nodes by index, built once per pipeline (on first use) in O(nodes + edges): for each
/// node the producer of each of its inputs (transcoding stripped, as Kedro's dependencies are), and its
/// children in compressed form.
/// </summary>
internal sealed class NodeGraph
{
    private readonly int[] _childStart;
    private readonly int[] _children;

    private NodeGraph(Node[] nodes, int[][] inputProducers, int[] childStart, int[] children, int[] parentCounts, int layerCount)
    {
        Nodes = nodes;
        InputProducers = inputProducers;
        _childStart = childStart;
        _children = children;
        ParentCounts = parentCounts;
        LayerCount = layerCount;
    }

    /// <summary>The nodes in the pipeline's topological order.</summary>
    public Node[] Nodes { get; }

    /// <summary>For each node, for each of its inputs (same order), the index of the producing node or -1.</summary>
    public int[][] InputProducers { get; }

    /// <summary>For each node, the number of input edges coming from other nodes.</summary>
    public int[] ParentCounts { get; }

    /// <summary>The number of topological layers (Kedro's <c>len(grouped_nodes)</c>).</summary>
    public int LayerCount { get; }

    public static NodeGraph Build(IReadOnlyList<Node> pipelineNodes)
    {
        var count = pipelineNodes.Count;
        var nodes = new Node[count];
        var producers = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var node = pipelineNodes[i];
            nodes[i] = node;
            foreach (var output in node.Outputs)
            {
                producers[Transcoding.StripFast(output)] = i;
            }
        }

        var inputProducers = new int[count][];
        var parentCounts = new int[count];
        var childCounts = new int[count + 1];
        var layers = new int[count];
        var layerCount = 0;
        for (var i = 0; i < count; i++)
        {
            var inputs = nodes[i].Inputs;
            var row = inputs.Count == 0 ? [] : new int[inputs.Count];
            var layer = 0;
            for (var j = 0; j < row.Length; j++)
            {
                var parent = producers.TryGetValue(Transcoding.StripFast(inputs[j]), out var p) ? p : -1;
                row[j] = parent;
                if (parent >= 0)
                {
                    parentCounts[i]++;
                    childCounts[parent]++;
                    layer = Math.Max(layer, layers[parent] + 1);
                }
            }

            layers[i] = layer;
            layerCount = Math.Max(layerCount, layer + 1);
            inputProducers[i] = row;
        }

        var childStart = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            childStart[i + 1] = childStart[i] + childCounts[i];
        }

        var children = new int[childStart[count]];
        var fill = new int[count];
        for (var i = 0; i < count; i++)
        {
            foreach (var parent in inputProducers[i])
            {
                if (parent >= 0)
                {
                    children[childStart[parent] + fill[parent]++] = i;
                }
            }
        }

        return new NodeGraph(nodes, inputProducers, childStart, children, parentCounts, layerCount);
    }

    /// <summary>The children of a node, one entry per input edge (a child consuming two outputs appears twice).</summary>
    public ReadOnlySpan<int> ChildrenOf(int index) => _children.AsSpan(_childStart[index], _childStart[index + 1] - _childStart[index]);
}
