using System.Collections.ObjectModel;
using Kedro.Pipelines.Internal;

namespace Kedro.Pipelines;

/// <summary>
/// A graph of <see cref="Node"/>s wired by dataset names (Kedro's <c>Pipeline</c>): immutable, and checked
/// when built — node names are unique, each dataset has one producer and one confirmer, transcoded names are
/// used consistently, there are no cycles, and every dataset handed from one node to another has compatible
/// .NET types.
/// </summary>
/// <remarks>
/// Construction, the topological sort, <see cref="NodeDependencies"/> and the dataset queries cost
/// O(nodes + edges). Every filter and operator returns a new pipeline.
/// </remarks>
public sealed partial class Pipeline
{
    private const string AllParameters = "parameters";
    private const string ParamsPrefix = "params:";

    private readonly Node[] _items;                               // construction order
    private readonly int[][] _parents;                            // item index -> parent item indices
    private readonly Dictionary<string, int> _byName;             // node name -> item index
    private readonly Dictionary<string, int> _producers;          // stripped output -> item index
    private readonly Dictionary<string, List<int>> _consumers;    // stripped input -> item indices
    private readonly ReadOnlyCollection<Node> _nodes;             // toposorted
    private readonly int[] _layerStarts;                          // index in _nodes where each layer starts

    private ReadOnlyCollection<IReadOnlyList<Node>>? _layers;
    private NodeGraph? _graph;

    private IReadOnlySet<string>? _allInputs;
    private IReadOnlySet<string>? _allOutputs;
    private IReadOnlySet<string>? _inputs;
    private IReadOnlySet<string>? _outputs;
    private IReadOnlySet<string>? _datasets;
    private HashSet<string>? _strippedDatasets;
    private IReadOnlyDictionary<Node, IReadOnlySet<Node>>? _dependencies;

    /// <summary>Creates a pipeline from nodes.</summary>
    /// <param name="nodes">The nodes; their names must be unique.</param>
    /// <exception cref="ArgumentException">Node names are not unique, or a transcoded dataset is also referenced without its separator.</exception>
    /// <exception cref="OutputNotUniqueException">Two nodes produce the same dataset.</exception>
    /// <exception cref="ConfirmNotUniqueException">Two nodes confirm the same dataset.</exception>
    /// <exception cref="CircularDependencyException">The nodes depend on each other in a cycle.</exception>
    /// <exception cref="PipelineException">A dataset's producer and consumer disagree on its type.</exception>
    public Pipeline(IEnumerable<Node> nodes)
        : this(Flatten(nodes))
    {
    }

    /// <summary>Creates a pipeline holding the nodes of several pipelines (nested pipelines are flattened).</summary>
    /// <param name="pipelines">The pipelines; their node names must be unique across all of them.</param>
    /// <exception cref="ArgumentException">Node names are not unique, or a transcoded dataset is also referenced without its separator.</exception>
    /// <exception cref="OutputNotUniqueException">Two nodes produce the same dataset.</exception>
    /// <exception cref="ConfirmNotUniqueException">Two nodes confirm the same dataset.</exception>
    /// <exception cref="CircularDependencyException">The nodes depend on each other in a cycle.</exception>
    /// <exception cref="PipelineException">A dataset's producer and consumer disagree on its type.</exception>
    public Pipeline(IEnumerable<Pipeline> pipelines)
        : this(Flatten(pipelines))
    {
    }

    /// <summary>
    /// Creates a pipeline from a mix of <see cref="Node"/>s and <see cref="Pipeline"/>s, like Kedro's
    /// <c>Pipeline([node1, other_pipeline, node2])</c>; nested pipelines are flattened.
    /// </summary>
    /// <param name="nodesAndPipelines">Nodes and pipelines; any other item is refused.</param>
    /// <exception cref="ArgumentException">An item is neither a node nor a pipeline, node names are not unique, or a transcoded dataset is also referenced without its separator.</exception>
    /// <exception cref="OutputNotUniqueException">Two nodes produce the same dataset.</exception>
    /// <exception cref="ConfirmNotUniqueException">Two nodes confirm the same dataset.</exception>
    /// <exception cref="CircularDependencyException">The nodes depend on each other in a cycle.</exception>
    /// <exception cref="PipelineException">A dataset's producer and consumer disagree on its type.</exception>
    public Pipeline(IEnumerable<object> nodesAndPipelines)
        : this(Flatten(nodesAndPipelines))
    {
    }

    private Pipeline(FlatNodes flat)
    {
        _items = flat.Nodes;
        var count = _items.Length;
        ValidateTranscoding(_items);

        _producers = new Dictionary<string, int>(count, StringComparer.Ordinal);
        HashSet<string>? duplicates = null;
        for (var i = 0; i < count; i++)
        {
            var outputs = _items[i].Outputs;
            for (var k = 0; k < outputs.Count; k++)
            {
                var stripped = Transcoding.Strip(outputs[k]);
                if (!_producers.TryAdd(stripped, i))
                {
                    (duplicates ??= new HashSet<string>(StringComparer.Ordinal)).Add(stripped);
                }
            }
        }

        if (duplicates is not null)
        {
            throw PipelineErrors.OutputNotUnique(duplicates);
        }

        var confirmed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in _items)
        {
            foreach (var confirm in node.Confirms)
            {
                var stripped = Transcoding.Strip(confirm);
                if (!confirmed.Add(stripped))
                {
                    (duplicates ??= new HashSet<string>(StringComparer.Ordinal)).Add(stripped);
                }
            }
        }

        if (duplicates is not null)
        {
            throw PipelineErrors.ConfirmNotUnique(duplicates);
        }

        _byName = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            _byName[_items[i].Name] = i;
        }

        _consumers = new Dictionary<string, List<int>>(count, StringComparer.Ordinal);
        _parents = new int[count][];
        var mark = new int[count];
        Array.Fill(mark, -1);
        var parents = new List<int>();
        for (var i = 0; i < count; i++)
        {
            parents.Clear();
            var inputs = _items[i].Inputs;
            for (var k = 0; k < inputs.Count; k++)
            {
                var stripped = Transcoding.Strip(inputs[k]);
                if (!_consumers.TryGetValue(stripped, out var consumers))
                {
                    consumers = [];
                    _consumers.Add(stripped, consumers);
                }

                if (consumers.Count == 0 || consumers[^1] != i)
                {
                    consumers.Add(i);
                }

                if (_producers.TryGetValue(stripped, out var producer) && mark[producer] != i)
                {
                    mark[producer] = i;
                    parents.Add(producer);
                }
            }

            _parents[i] = parents.Count == 0 ? [] : [.. parents];
        }

        var ordered = TopologicalOrder(out _layerStarts);
        _nodes = Array.AsReadOnly(ordered);
        ValidateTypes();
    }

    /// <summary>The nodes in topological order: Kahn layers, each sorted by node name (Kedro's order).</summary>
    public IReadOnlyList<Node> Nodes => _nodes;

    /// <summary>
    /// The nodes in topologically ordered groups: a node's group is the length of the longest path to it from
    /// a node without parents; each group is sorted by node name.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<Node>> GroupedNodes => _layers ??= BuildLayers();

    /// <summary>The dependency graph of the nodes by index, computed once, on first use, for every run of this pipeline.</summary>
    internal NodeGraph Graph => _graph ??= NodeGraph.Build(Nodes);

    /// <summary>Every node mapped to the nodes it directly depends on (its parents); independent nodes map to an empty set.</summary>
    public IReadOnlyDictionary<Node, IReadOnlySet<Node>> NodeDependencies => _dependencies ??= BuildDependencies();

    /// <summary>The names of all inputs of all nodes (transcoded names as written, parameters included).</summary>
    /// <returns>The set of input names.</returns>
    public IReadOnlySet<string> AllInputs() => _allInputs ??= NameSet(static node => node.Inputs);

    /// <summary>The names of all outputs of all nodes.</summary>
    /// <returns>The set of output names.</returns>
    public IReadOnlySet<string> AllOutputs() => _allOutputs ??= NameSet(static node => node.Outputs);

    /// <summary>
    /// The free inputs: inputs no node of the pipeline produces (compared without transcoding), which must be
    /// provided when the pipeline runs. Parameters are free inputs.
    /// </summary>
    /// <returns>The set of free input names.</returns>
    public IReadOnlySet<string> Inputs() =>
        _inputs ??= Freeze(AllInputs().Where(name => !_producers.ContainsKey(Transcoding.Strip(name))));

    /// <summary>The free outputs: outputs no node of the pipeline consumes (compared without transcoding).</summary>
    /// <returns>The set of free output names.</returns>
    public IReadOnlySet<string> Outputs() =>
        _outputs ??= Freeze(AllOutputs().Where(name => !_consumers.ContainsKey(Transcoding.Strip(name))));

    /// <summary>The names of all datasets the pipeline uses: all inputs and all outputs.</summary>
    /// <returns>The set of dataset names.</returns>
    public IReadOnlySet<string> Datasets() => _datasets ??= Freeze(AllInputs().Concat(AllOutputs()));

    /// <summary>
    /// Kedro's pipeline description, for logs: the free inputs, the nodes in execution order and the free outputs.
    /// </summary>
    /// <param name="namesOnly">List node names only (the default), or each node's full text.</param>
    /// <returns>The description.</returns>
    public string Describe(bool namesOnly = true)
    {
        static string Join(IReadOnlySet<string> names) =>
            names.Count == 0 ? "None" : string.Join(", ", names.Order(StringComparer.Ordinal));

        var nodes = string.Join("\n", _nodes.Select(node => namesOnly ? node.Name : node.ToString()));
        return "#### Pipeline execution order ####\n"
            + $"Inputs: {Join(Inputs())}\n\n"
            + $"{nodes}\n\n"
            + $"Outputs: {Join(Outputs())}\n"
            + "##################################";
    }

    /// <summary>
    /// A JSON description: <c>{"kedro_version": ..., "pipeline": [{"name", "inputs", "outputs", "tags"}, ...]}</c>,
    /// nodes in topological order.
    /// </summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("kedro_version", typeof(Pipeline).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
            writer.WriteStartArray("pipeline");
            foreach (var node in _nodes)
            {
                writer.WriteStartObject();
                writer.WriteString("name", node.Name);
                WriteArray(writer, "inputs", node.Inputs);
                WriteArray(writer, "outputs", node.Outputs);
                WriteArray(writer, "tags", node.Tags.Order(StringComparer.Ordinal));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Kedro's <c>repr</c>: <c>Pipeline([...])</c> with at most ten nodes.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => PipelineErrors.Repr(_nodes);

    /// <summary>The dataset names without transcoding (<c>a@csv</c> gives <c>a</c>).</summary>
    internal HashSet<string> StrippedDatasets()
    {
        if (_strippedDatasets is null)
        {
            var set = new HashSet<string>(_producers.Keys, StringComparer.Ordinal);
            set.UnionWith(_consumers.Keys);
            _strippedDatasets = set;
        }

        return _strippedDatasets;
    }

    private static void WriteArray(System.Text.Json.Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static ReadOnlySet<string> Freeze(IEnumerable<string> names) =>
        new(new HashSet<string>(names, StringComparer.Ordinal));

    private ReadOnlySet<string> NameSet(Func<Node, IReadOnlyList<string>> select)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in _items)
        {
            foreach (var name in select(node))
            {
                set.Add(name);
            }
        }

        return new ReadOnlySet<string>(set);
    }

    private ReadOnlyDictionary<Node, IReadOnlySet<Node>> BuildDependencies()
    {
        var dependencies = new Dictionary<Node, IReadOnlySet<Node>>(_items.Length);
        foreach (var node in _nodes)
        {
            var parentIndices = _parents[_byName[node.Name]];
            dependencies[node] = parentIndices.Length == 0
                ? PipelineNodeSet.Empty
                : new PipelineNodeSet(Array.ConvertAll(parentIndices, parent => _items[parent]));
        }

        return new ReadOnlyDictionary<Node, IReadOnlySet<Node>>(dependencies);
    }

    private ReadOnlyCollection<IReadOnlyList<Node>> BuildLayers()
    {
        var layers = new IReadOnlyList<Node>[_layerStarts.Length];
        for (var i = 0; i < layers.Length; i++)
        {
            var end = i + 1 < _layerStarts.Length ? _layerStarts[i + 1] : _nodes.Count;
            var layer = new Node[end - _layerStarts[i]];
            for (var k = 0; k < layer.Length; k++)
            {
                layer[k] = _nodes[_layerStarts[i] + k];
            }

            layers[i] = Array.AsReadOnly(layer);
        }

        return Array.AsReadOnly(layers);
    }

    /// <summary>Kahn's algorithm by layers, each layer sorted by node name; O(nodes + edges + sorting).</summary>
    private Node[] TopologicalOrder(out int[] layerStarts)
    {
        var count = _items.Length;
        var pending = new int[count];
        var childCounts = new int[count];
        for (var i = 0; i < count; i++)
        {
            pending[i] = _parents[i].Length;
            foreach (var parent in _parents[i])
            {
                childCounts[parent]++;
            }
        }

        // children in one flat array (CSR): children of i are flat[offsets[i] .. offsets[i + 1])
        var offsets = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            offsets[i + 1] = offsets[i] + childCounts[i];
        }

        var flat = new int[offsets[count]];
        Array.Clear(childCounts);
        for (var i = 0; i < count; i++)
        {
            foreach (var parent in _parents[i])
            {
                flat[offsets[parent] + childCounts[parent]++] = i;
            }
        }

        var order = new int[count];
        var starts = new List<int>();
        var done = 0;
        for (var i = 0; i < count; i++)
        {
            if (pending[i] == 0)
            {
                order[done++] = i;
            }
        }

        var byName = new NodeNameComparer(_items);
        var layerStart = 0;
        while (layerStart < done)
        {
            var layerEnd = done;
            starts.Add(layerStart);
            Array.Sort(order, layerStart, layerEnd - layerStart, byName);
            for (var k = layerStart; k < layerEnd; k++)
            {
                var index = order[k];
                for (var c = offsets[index]; c < offsets[index + 1]; c++)
                {
                    var child = flat[c];
                    if (--pending[child] == 0)
                    {
                        order[done++] = child;
                    }
                }
            }

            layerStart = layerEnd;
        }

        if (done < count)
        {
            throw PipelineErrors.Circular(FindLoop(pending));
        }

        layerStarts = [.. starts];
        return Array.ConvertAll(order, index => _items[index]);
    }

    /// <summary>Orders item indices by node name (Kedro sorts each layer by node).</summary>
    private sealed class NodeNameComparer(Node[] items) : IComparer<int>
    {
        public int Compare(int x, int y) => string.CompareOrdinal(items[x].Name, items[y].Name);
    }

    /// <summary>One cycle among the nodes Kahn's algorithm could not place (each has a pending parent).</summary>
    private List<Node> FindLoop(int[] pending)
    {
        var start = Array.FindIndex(pending, count => count > 0);
        var seenAt = new Dictionary<int, int>();
        var path = new List<int>();
        var current = start;
        while (!seenAt.ContainsKey(current))
        {
            seenAt[current] = path.Count;
            path.Add(current);
            current = Array.Find(_parents[current], parent => pending[parent] > 0);
        }

        return [.. path.Skip(seenAt[current]).Select(index => _items[index]).OrderBy(node => node.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Beyond Kedro: a dataset passed between two nodes must fit the consumer's parameter type, directly or through the
    /// conversions applied when inputs are loaded (numbers, sequences into arrays or lists).
    /// </summary>
    private void ValidateTypes()
    {
        foreach (var consumer in _nodes)
        {
            var inputs = consumer.Inputs;
            for (var k = 0; k < inputs.Count; k++)
            {
                var input = inputs[k];
                if (!_producers.TryGetValue(Transcoding.Strip(input), out var index))
                {
                    continue;
                }

                var producer = _items[index];
                if (!Contains(producer.Outputs, input))
                {
                    continue; // a@pandas produced, a@spark consumed: different datasets, different types
                }

                var produced = producer.OutputType(input);
                var consumed = consumer.InputType(input);
                if (produced is not null && consumed is not null && !TypeFit.Fits(produced, consumed))
                {
                    throw PipelineErrors.TypeMismatch(input, producer, produced, consumer, consumed);
                }
            }
        }
    }

    private static bool Contains(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void ValidateTranscoding(Node[] nodes)
    {
        HashSet<string>? transcodedBases = null;
        foreach (var node in nodes)
        {
            CollectTranscodedBases(node.Inputs, ref transcodedBases);
            CollectTranscodedBases(node.Outputs, ref transcodedBases);
        }

        if (transcodedBases is null)
        {
            return;
        }

        var invalid = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            foreach (var name in node.Inputs.Concat(node.Outputs))
            {
                if (transcodedBases.Contains(name))
                {
                    invalid.Add(name);
                }
            }
        }

        if (invalid.Count > 0)
        {
            throw PipelineErrors.TranscodedWithoutSeparator(invalid);
        }
    }

    private static void CollectTranscodedBases(IReadOnlyList<string> names, ref HashSet<string>? bases)
    {
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (name.Contains(Transcoding.Separator, StringComparison.Ordinal))
            {
                (bases ??= new HashSet<string>(StringComparer.Ordinal)).Add(Transcoding.Split(name).Name);
            }
        }
    }

    private static FlatNodes Flatten(IEnumerable<Node> nodes)
    {
        if (nodes is null)
        {
            throw PipelineErrors.NodesIsNull(nameof(nodes));
        }

        return Flatten(nodes.Cast<object>());
    }

    private static FlatNodes Flatten(IEnumerable<Pipeline> pipelines)
    {
        if (pipelines is null)
        {
            throw PipelineErrors.NodesIsNull(nameof(pipelines));
        }

        return Flatten(pipelines.Cast<object>());
    }

    /// <summary>Kedro's duplicate-name check over the top-level items, then flattening.</summary>
    private static FlatNodes Flatten(IEnumerable<object> items)
    {
        if (items is null)
        {
            throw PipelineErrors.NodesIsNull(nameof(items));
        }

        var result = new List<Node>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        List<(object? Owner, HashSet<string> Names)>? duplicates = null;

        void Check(Node node, Pipeline? owner)
        {
            if (seen.Add(node.Name))
            {
                return;
            }

            duplicates ??= [];
            var group = duplicates.FindIndex(entry => ReferenceEquals(entry.Owner, owner));
            if (group < 0)
            {
                duplicates.Add((owner, new HashSet<string>(StringComparer.Ordinal)));
                group = duplicates.Count - 1;
            }

            duplicates[group].Names.Add(node.Name);
        }

        foreach (var item in items)
        {
            switch (item)
            {
                case Node node:
                    Check(node, null);
                    result.Add(node);
                    break;
                case Pipeline pipeline:
                    foreach (var node in pipeline._nodes)
                    {
                        Check(node, pipeline);
                        result.Add(node);
                    }

                    break;
                default:
                    throw PipelineErrors.NotANodeOrPipeline(item);
            }
        }

        if (duplicates is not null)
        {
            throw PipelineErrors.DuplicateNames(duplicates.Select(entry => (
                entry.Owner is Pipeline pipeline ? pipeline.ToString().Replace("\n", string.Empty, StringComparison.Ordinal) : PipelineErrors.FreeNodes,
                (IEnumerable<string>)entry.Names)));
        }

        return new FlatNodes([.. result]);
    }

    /// <summary>Nodes already checked for duplicate names and flattened.</summary>
    private readonly record struct FlatNodes(Node[] Nodes);
}
