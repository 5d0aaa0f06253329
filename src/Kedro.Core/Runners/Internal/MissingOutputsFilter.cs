using Kedro.IO;
using Kedro.Pipelines;
using Microsoft.Extensions.Logging;

namespace Kedro.Runners.Internal;

/// <summary>Kedro's <c>only_missing_outputs=True</c> filtering: keep only the nodes whose outputs must be produced.</summary>
internal static class MissingOutputsFilter
{
    public static Pipeline Filter(Pipeline pipeline, DataCatalog catalog, ILogger logger)
    {
        var nodes = pipeline.Nodes;
        var count = nodes.Count;

        // Parent/child links by raw dataset name (no transcoding stripping), as Kedro does here.
        var consumers = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            foreach (var input in nodes[i].Inputs)
            {
                if (!consumers.TryGetValue(input, out var list))
                {
                    consumers[input] = list = [];
                }

                list.Add(i);
            }
        }

        var toRun = new bool[count];
        var runCount = 0;
        for (var i = count - 1; i >= 0; i--)
        {
            if (MustRun(nodes, i, toRun, consumers, catalog, logger))
            {
                toRun[i] = true;
                runCount++;
            }
        }

        if (runCount == 0)
        {
            logger.SkippingAllNodes(count);
            return new Pipeline(Array.Empty<Node>());
        }

        if (runCount < count)
        {
            var skipped = new List<string>(count - runCount);
            var kept = new List<string>(runCount);
            for (var i = 0; i < count; i++)
            {
                (toRun[i] ? kept : skipped).Add(nodes[i].Name);
            }

            if (logger.IsEnabled(LogLevel.Information))
            {
                skipped.Sort(StringComparer.Ordinal);
                logger.SkippingNodes(skipped.Count, string.Join(", ", skipped));
            }

            logger.RunningNodesOutOf(runCount, count);
            return pipeline.OnlyNodes([.. kept]);
        }

        logger.RunningNodesOutOf(runCount, count);
        return pipeline;
    }

    /// <summary>Whether the dataset is registered, persistent and has no data (Kedro's missing persistent output).</summary>
    internal static bool IsMissingPersistent(string name, DataCatalog catalog) =>
        catalog.Contains(name) && catalog.Get(name) is { IsEphemeral: false } && !catalog.Exists(name);

    /// <summary>Whether the dataset would have to be produced for a consumer: unregistered, ephemeral or empty.</summary>
    internal static bool IsEphemeralOrMissing(string name, DataCatalog catalog) =>
        !catalog.Contains(name) || catalog.Get(name) is null or { IsEphemeral: true } || !catalog.Exists(name);

    private static bool MustRun(
        IReadOnlyList<Node> nodes, int index, bool[] toRun, Dictionary<string, List<int>> consumers, DataCatalog catalog, ILogger logger)
    {
        var node = nodes[index];
        if (node.Outputs.Count == 0)
        {
            logger.MustRunNoOutputs(node.Name);
            return true;
        }

        foreach (var output in node.Outputs)
        {
            if (IsMissingPersistent(output, catalog))
            {
                logger.MustRunMissingOutput(node.Name, output);
                return true;
            }
        }

        foreach (var output in node.Outputs)
        {
            if (!consumers.TryGetValue(output, out var children))
            {
                continue;
            }

            foreach (var child in children)
            {
                if (toRun[child] && IsEphemeralOrMissing(output, catalog))
                {
                    logger.MustRunNeededByChild(node.Name, output, nodes[child].Name);
                    return true;
                }
            }
        }

        return false;
    }
}
