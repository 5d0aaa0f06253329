using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Pipelines.Internal;
using Microsoft.Extensions.Logging;

namespace Kedro.Runners.Internal;

/// <summary>Kedro's resume suggestion after a failed run (<c>_suggest_resume_scenario</c>, <c>find_nodes_to_resume_from</c>).</summary>
internal static class ResumeSuggestion
{
    private const string ParamsPrefix = "params:";

    /// <summary>Logs which <c>--from-nodes</c> would resume the run, or that no node ran.</summary>
    public static void Log(ILogger logger, NodeGraph graph, bool[] done, int doneCount, DataCatalog catalog)
    {
        if (doneCount == 0)
        {
            logger.NoNodesRan();
            return;
        }

        var unfinished = new List<int>(graph.Nodes.Length - doneCount);
        for (var i = 0; i < done.Length; i++)
        {
            if (!done[i])
            {
                unfinished.Add(i);
            }
        }

        var start = FindNodesToResumeFrom(graph, unfinished, catalog);
        logger.SuggestResume(unfinished.Count, string.Join(",", start));
    }

    /// <summary>Kedro's <c>find_nodes_to_resume_from(pipeline, unfinished_nodes, catalog)</c>.</summary>
    /// <returns>The names of the nodes to pass to <c>--from-nodes</c>, sorted.</returns>
    public static SortedSet<string> FindNodesToResumeFrom(Pipeline pipeline, IEnumerable<Node> unfinished, DataCatalog catalog)
    {
        var graph = pipeline.Graph;
        var indexByName = new Dictionary<string, int>(graph.Nodes.Length, StringComparer.Ordinal);
        for (var i = 0; i < graph.Nodes.Length; i++)
        {
            indexByName[graph.Nodes[i].Name] = i;
        }

        var indices = new List<int>();
        foreach (var node in unfinished)
        {
            if (indexByName.TryGetValue(node.Name, out var index))
            {
                indices.Add(index);
            }
        }

        return FindNodesToResumeFrom(graph, indices, catalog);
    }

    public static SortedSet<string> FindNodesToResumeFrom(NodeGraph graph, IReadOnlyList<int> unfinished, DataCatalog catalog)
    {
        var count = graph.Nodes.Length;
        var isUnfinished = new bool[count];
        foreach (var index in unfinished)
        {
            isUnfinished[index] = true;
        }

        // 1-2. every unfinished node runs; search upstream from those fed from outside the unfinished set.
        var toRun = (bool[])isUnfinished.Clone();
        var visited = new bool[count];
        var queue = new Queue<int>();
        foreach (var index in unfinished)
        {
            if (!visited[index] && HasExternalInput(graph, index, isUnfinished))
            {
                visited[index] = true;
                queue.Enqueue(index);
            }
        }

        // 3. walk upstream through non-persistent inputs until persisted data is reached.
        var persistence = new Dictionary<string, bool>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            toRun[current] = true;
            var inputs = graph.Nodes[current].Inputs;
            var producers = graph.InputProducers[current];
            for (var j = 0; j < inputs.Count; j++)
            {
                var producer = producers[j];
                if (producer < 0 || visited[producer] || inputs[j].StartsWith(ParamsPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                if (!IsPersistent(inputs[j], catalog, persistence))
                {
                    visited[producer] = true;
                    queue.Enqueue(producer);
                }
            }
        }

        // 4. everything downstream runs too (Kedro's pipeline.from_nodes).
        var downstream = new Stack<int>();
        for (var i = 0; i < count; i++)
        {
            if (toRun[i])
            {
                downstream.Push(i);
            }
        }

        while (downstream.Count > 0)
        {
            foreach (var child in graph.ChildrenOf(downstream.Pop()))
            {
                if (!toRun[child])
                {
                    toRun[child] = true;
                    downstream.Push(child);
                }
            }
        }

        // 5. the first topological group of the nodes to run: those with no parent among them.
        var result = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            if (toRun[i] && !HasParentIn(graph, i, toRun))
            {
                result.Add(graph.Nodes[i].Name);
            }
        }

        return result;
    }

    private static bool HasExternalInput(NodeGraph graph, int index, bool[] isUnfinished)
    {
        foreach (var producer in graph.InputProducers[index])
        {
            if (producer < 0 || !isUnfinished[producer])
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasParentIn(NodeGraph graph, int index, bool[] set)
    {
        foreach (var producer in graph.InputProducers[index])
        {
            if (producer >= 0 && set[producer])
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPersistent(string name, DataCatalog catalog, Dictionary<string, bool> cache)
    {
        if (!cache.TryGetValue(name, out var persistent))
        {
            var dataset = catalog.Get(name);
            persistent = dataset is not null && !dataset.IsEphemeral;
            cache[name] = persistent;
        }

        return persistent;
    }
}
