using Kedro.Pipelines.Internal;

namespace Kedro.Pipelines;

public sealed partial class Pipeline
{
    /// <summary>A new pipeline with only the named nodes.</summary>
    /// <param name="nodeNames">Full node names (with namespace), each named once.</param>
    /// <returns>The new pipeline.</returns>
    /// <exception cref="ArgumentException">
    /// A name is not in the pipeline (namespaced names ending with it are suggested), or a name is given twice (the
    /// pipeline's duplicate node name error, as in Kedro).
    /// </exception>
    public Pipeline OnlyNodes(params IEnumerable<string> nodeNames) => Select(NodeIndices(nodeNames));

    /// <summary>A new pipeline with the nodes whose namespace is one of <paramref name="namespaces"/> or nested in it.</summary>
    /// <param name="namespaces">
    /// Namespaces such as <c>"ds"</c> (also selects <c>"ds.model"</c>); no node may be selected by two of them, so
    /// <c>["ds", "ds.model"]</c> or a repeated namespace is refused, as in Kedro.
    /// </param>
    /// <returns>The new pipeline.</returns>
    /// <exception cref="ArgumentException">A namespace matches no node, or two namespaces select the same node (the duplicate node name error).</exception>
    public Pipeline OnlyNodesWithNamespaces(params IEnumerable<string> namespaces)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        var selected = new List<Node>();
        var unmatched = new List<string>();
        foreach (var wanted in namespaces)
        {
            var matched = false;
            foreach (var node in _items)
            {
                if (node.Namespace is { } ns
                    && (string.Equals(ns, wanted, StringComparison.Ordinal)
                        || ns.StartsWith(wanted + ".", StringComparison.Ordinal)))
                {
                    selected.Add(node);
                    matched = true;
                }
            }

            if (!matched)
            {
                unmatched.Add(wanted);
            }
        }

        if (unmatched.Count > 0)
        {
            throw PipelineErrors.UnknownNamespaces(unmatched);
        }

        return new Pipeline(selected);
    }

    /// <summary>
    /// A new pipeline with the nodes that consume any of the datasets directly. A bare name selects the
    /// consumers of every transcoded form of it; <c>name@format</c> only the consumers of exactly that.
    /// </summary>
    /// <param name="inputs">Dataset names.</param>
    /// <returns>The new pipeline.</returns>
    /// <exception cref="ArgumentException">A dataset is not in the pipeline.</exception>
    public Pipeline OnlyNodesWithInputs(params IEnumerable<string> inputs) => Select(ConsumersOf(inputs));

    /// <summary>A new pipeline with the nodes that depend, directly or transitively, on any of the datasets.</summary>
    /// <param name="inputs">Dataset names (transcoding as in <see cref="OnlyNodesWithInputs"/>).</param>
    /// <returns>The new pipeline.</returns>
    /// <exception cref="ArgumentException">A dataset is not in the pipeline.</exception>
    public Pipeline FromInputs(params IEnumerable<string> inputs) => Select(Downstream(ConsumersOf(inputs)));

    /// <summary>
    /// A new pipeline with the nodes that produce any of the datasets. A bare name selects the producer of any
    /// transcoded form; <c>name@format</c> only a producer of exactly that.
    /// </summary>
    /// <param name="outputs">Dataset names.</param>
    /// <returns>The new pipeline.</returns>
    /// <exception cref="ArgumentException">A dataset is not in the pipeline.</exception>
    public Pipeline OnlyNodesWithOutputs(params IEnumerable<string> outputs) => Select(ProducersOf(outputs));

    /// <summary>A new pipeline with the nodes needed, directly or transitively, to produce any of the datasets.</summary>
    /// <param name="outputs">Dataset names (transcoding as in <see cref="OnlyNodesWithOutputs"/>).</param>
    /// <returns>The new pipeline.</returns>
    /// <exception cref="ArgumentException">A dataset is not in the pipeline.</exception>
    public Pipeline ToOutputs(params IEnumerable<string> outputs) => Select(Upstream(ProducersOf(outputs)));

    /// <summary>A new pipeline with the named nodes and every node depending on them, directly or transitively.</summary>
    /// <param name="nodeNames">Full node names, each named once.</param>
    /// <returns>The new pipeline.</returns>
    /// <exception cref="ArgumentException">A name is not in the pipeline, or is given twice (as <see cref="OnlyNodes"/>).</exception>
    public Pipeline FromNodes(params IEnumerable<string> nodeNames) => Select(Downstream(UniqueNodeIndices(nodeNames)));

    /// <summary>A new pipeline with the named nodes and every node they need, directly or transitively.</summary>
    /// <param name="nodeNames">Full node names, each named once.</param>
    /// <returns>The new pipeline.</returns>
    /// <exception cref="ArgumentException">A name is not in the pipeline, or is given twice (as <see cref="OnlyNodes"/>).</exception>
    public Pipeline ToNodes(params IEnumerable<string> nodeNames) => Select(Upstream(UniqueNodeIndices(nodeNames)));

    /// <summary>A new pipeline with the nodes having <em>any</em> of the tags; no tags give an empty pipeline.</summary>
    /// <param name="tags">Tags.</param>
    /// <returns>The new pipeline.</returns>
    public Pipeline OnlyNodesWithTags(params IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var wanted = new HashSet<string>(tags, StringComparer.Ordinal);
        return new Pipeline(_items.Where(node => node.Tags.Overlaps(wanted)));
    }

    /// <summary>
    /// A new pipeline with the nodes meeting <em>every</em> given condition: each condition is applied to this
    /// pipeline on its own and the results are intersected, so their order does not matter. Null or empty
    /// conditions are ignored; with none the result is a copy.
    /// </summary>
    /// <param name="tags">As <see cref="OnlyNodesWithTags"/>.</param>
    /// <param name="fromNodes">As <see cref="FromNodes"/>.</param>
    /// <param name="toNodes">As <see cref="ToNodes"/>.</param>
    /// <param name="nodeNames">As <see cref="OnlyNodes"/>.</param>
    /// <param name="fromInputs">As <see cref="FromInputs"/>.</param>
    /// <param name="toOutputs">As <see cref="ToOutputs"/>.</param>
    /// <param name="nodeNamespaces">As <see cref="OnlyNodesWithNamespaces"/>.</param>
    /// <returns>The new pipeline.</returns>
    /// <exception cref="ArgumentException">
    /// A condition names something unknown, a node name or namespace selects a node twice (as the matching method), or
    /// no node is left.
    /// </exception>
    public Pipeline Filter(
        IEnumerable<string>? tags = null,
        IEnumerable<string>? fromNodes = null,
        IEnumerable<string>? toNodes = null,
        IEnumerable<string>? nodeNames = null,
        IEnumerable<string>? fromInputs = null,
        IEnumerable<string>? toOutputs = null,
        IEnumerable<string>? nodeNamespaces = null)
    {
        var filters = new (string[]? Arguments, Func<string[], Pipeline> Apply)[]
        {
            (Given(tags), OnlyNodesWithTags),
            (Given(fromNodes), FromNodes),
            (Given(toNodes), ToNodes),
            (Given(nodeNames), OnlyNodes),
            (Given(fromInputs), FromInputs),
            (Given(toOutputs), ToOutputs),
            (Given(nodeNamespaces), OnlyNodesWithNamespaces),
        };

        var result = new Pipeline(_items);
        foreach (var (arguments, apply) in filters)
        {
            if (arguments is not null)
            {
                result &= apply(arguments);
            }
        }

        if (result._items.Length == 0)
        {
            throw PipelineErrors.NoNodesAfterFilter();
        }

        return result;

        static string[]? Given(IEnumerable<string>? values) => values?.ToArray() is { Length: > 0 } array ? array : null;
    }

    /// <summary>A new pipeline with every node tagged with <paramref name="tags"/> as well.</summary>
    /// <param name="tags">The tags to add.</param>
    /// <returns>The new pipeline.</returns>
    public Pipeline Tag(params IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var array = tags.ToArray();
        return new Pipeline(_items.Select(node => node.Tag(array)));
    }

    /// <summary>
    /// Groups the nodes for deployment (Kedro's <c>group_nodes_by</c>): by top-level namespace
    /// (<c>"namespace"</c>, the default; a node without namespace is a group of its own), or one group per
    /// node (<see langword="null"/> or <c>"none"</c>). Groups come in topological order of first appearance.
    /// </summary>
    /// <param name="groupBy"><c>"namespace"</c>, <c>"none"</c> or <see langword="null"/>.</param>
    /// <returns>The groups with the names of the groups each depends on.</returns>
    /// <exception cref="ArgumentException">Another strategy was asked for.</exception>
    public IReadOnlyList<global::Kedro.Pipelines.GroupedNodes> GroupNodesBy(string? groupBy = "namespace")
    {
        Func<Node, string> key;
        if (groupBy is null || string.Equals(groupBy, "none", StringComparison.Ordinal))
        {
            key = static node => node.Name;
        }
        else if (string.Equals(groupBy, "namespace", StringComparison.Ordinal))
        {
            key = static node => node.Namespace is { } ns ? ns.Split('.')[0] : node.Name;
        }
        else
        {
            throw PipelineErrors.UnsupportedGroupBy(groupBy);
        }

        var groups = new Dictionary<string, (string Type, List<string> Nodes, List<string> Dependencies, HashSet<string> Seen)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var node in _nodes)
        {
            var name = key(node);
            if (!groups.TryGetValue(name, out var group))
            {
                var type = groupBy is not null && node.Namespace is not null
                    && !string.Equals(groupBy, "none", StringComparison.Ordinal) ? "namespace" : "nodes";
                group = (type, [], [], new HashSet<string>(StringComparer.Ordinal));
                groups.Add(name, group);
                order.Add(name);
            }

            group.Nodes.Add(node.Name);
            foreach (var parent in _parents[_byName[node.Name]].Select(index => _items[index]).OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                var parentKey = key(parent);
                if (!string.Equals(parentKey, name, StringComparison.Ordinal) && group.Seen.Add(parentKey))
                {
                    group.Dependencies.Add(parentKey);
                }
            }
        }

        return [.. order.Select(name => new global::Kedro.Pipelines.GroupedNodes(
            name, groups[name].Type, groups[name].Nodes.AsReadOnly(), groups[name].Dependencies.AsReadOnly()))];
    }

    private Pipeline Select(IEnumerable<int> indices) => new(indices.Select(index => _items[index]));

    /// <summary>
    /// The nodes named, in the order given and repeats kept: like Kedro, a node-name filter builds its pipeline from
    /// exactly the nodes asked for, so a name given twice meets the constructor's duplicate name check.
    /// </summary>
    private List<int> NodeIndices(IEnumerable<string> nodeNames)
    {
        ArgumentNullException.ThrowIfNull(nodeNames);
        var names = nodeNames.ToList();
        var unknown = names.Where(name => !_byName.ContainsKey(name)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            var candidates = new List<string>();
            foreach (var name in unknown)
            {
                var suffix = "." + name;
                candidates.AddRange(_items.Select(node => node.Name).Where(n => n.EndsWith(suffix, StringComparison.Ordinal)));
            }

            throw PipelineErrors.UnknownNodes(unknown, candidates);
        }

        return [.. names.Select(name => _byName[name])];
    }

    /// <summary>
    /// The nodes named, refusing a repeated name with the constructor's message (Kedro starts <c>from_nodes</c> and
    /// <c>to_nodes</c> with <c>only_nodes</c>).
    /// </summary>
    private List<int> UniqueNodeIndices(IEnumerable<string> nodeNames)
    {
        var indices = NodeIndices(nodeNames);
        var seen = new HashSet<int>();
        var repeated = indices.Where(index => !seen.Add(index)).Select(index => _items[index].Name).ToList();
        if (repeated.Count > 0)
        {
            throw PipelineErrors.DuplicateNames([(PipelineErrors.FreeNodes, repeated.Distinct(StringComparer.Ordinal))]);
        }

        return indices;
    }

    private void CheckDatasetsExist(string[] datasets)
    {
        var missing = datasets.Where(name => !Datasets().Contains(name) && !StrippedDatasets().Contains(name))
            .Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw PipelineErrors.UnknownDatasets(missing);
        }
    }

    private HashSet<int> ConsumersOf(IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var datasets = inputs.ToArray();
        CheckDatasetsExist(datasets);
        var result = new HashSet<int>();
        foreach (var dataset in datasets)
        {
            var stripped = Transcoding.Strip(dataset);
            if (!_consumers.TryGetValue(stripped, out var consumers))
            {
                continue;
            }

            foreach (var index in consumers)
            {
                if (string.Equals(stripped, dataset, StringComparison.Ordinal) || Contains(_items[index].Inputs, dataset))
                {
                    result.Add(index);
                }
            }
        }

        return result;
    }

    private HashSet<int> ProducersOf(IEnumerable<string> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var datasets = outputs.ToArray();
        CheckDatasetsExist(datasets);
        var result = new HashSet<int>();
        foreach (var dataset in datasets)
        {
            var stripped = Transcoding.Strip(dataset);
            if (_producers.TryGetValue(stripped, out var index)
                && (string.Equals(stripped, dataset, StringComparison.Ordinal) || Contains(_items[index].Outputs, dataset)))
            {
                result.Add(index);
            }
        }

        return result;
    }

    /// <summary>The start nodes and every node consuming an output of a selected node, transitively.</summary>
    private HashSet<int> Downstream(IEnumerable<int> start)
    {
        var result = new HashSet<int>(start);
        var queue = new Queue<int>(result);
        while (queue.TryDequeue(out var index))
        {
            foreach (var output in _items[index].Outputs)
            {
                if (_consumers.TryGetValue(Transcoding.Strip(output), out var consumers))
                {
                    foreach (var consumer in consumers)
                    {
                        if (result.Add(consumer))
                        {
                            queue.Enqueue(consumer);
                        }
                    }
                }
            }
        }

        return result;
    }

    /// <summary>The start nodes and every node producing an input of a selected node, transitively.</summary>
    private HashSet<int> Upstream(IEnumerable<int> start)
    {
        var result = new HashSet<int>(start);
        var queue = new Queue<int>(result);
        while (queue.TryDequeue(out var index))
        {
            foreach (var parent in _parents[index])
            {
                if (result.Add(parent))
                {
                    queue.Enqueue(parent);
                }
            }
        }

        return result;
    }
}
