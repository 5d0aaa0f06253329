using Kedro.Pipelines;

namespace Kedro.Hangfire.TestProject;

/// <summary>
/// A seeded random DAG of 10 to 20 nodes in 3 to 5 layers, with fan-in (up to 3 inputs), fan-out (a dataset read by
/// several nodes, a node with two outputs) and two string outputs. Every dataset nothing reads, and about a quarter
/// of the others, is a JSON file (<c>{dag}.file_{name}</c>); the rest are intermediates (<c>{dag}.{name}</c>).
/// </summary>
internal static class RandomDag
{
    private static readonly Delegate[] Starts = [Nodes.Start1, Nodes.Start2, Nodes.Start3];
    private static readonly Delegate[] Combines = [Nodes.Sum, Nodes.Mix, Nodes.Spread];

    public static Pipeline Create(string dag, int seed)
    {
        var random = new Random(seed);
        var nodeCount = random.Next(8, 19);
        var layerCount = random.Next(3, 6);
        var sourceCount = random.Next(2, 4);

        // Each planned node: its function, its input dataset ids, its number of outputs; a dataset id is an index in `layers`.
        var datasetLayer = new List<int>();
        var planned = new List<(Delegate Func, int[] Inputs, int[] Outputs)>();
        for (var i = 0; i < sourceCount; i++)
        {
            planned.Add((Starts[i % Starts.Length], [], [NewDataset(0)]));
        }

        for (var i = sourceCount; i < nodeCount; i++)
        {
            var layer = 1 + ((i - sourceCount) % (layerCount - 1));
            var previous = Enumerable.Range(0, datasetLayer.Count).Where(d => datasetLayer[d] == layer - 1).ToList();
            var earlier = Enumerable.Range(0, datasetLayer.Count).Where(d => datasetLayer[d] < layer).ToList();
            if (previous.Count == 0)
            {
                previous = earlier;
            }

            var inputs = new HashSet<int> { previous[random.Next(previous.Count)] };
            var extra = random.Next(0, 3);
            for (var k = 0; k < extra; k++)
            {
                inputs.Add(earlier[random.Next(earlier.Count)]);
            }

            var split = random.Next(5) == 0;
            var func = split ? (Delegate)Nodes.Split : Combines[random.Next(Combines.Length)];
            planned.Add((func, [.. inputs.Order()], split ? [NewDataset(layer), NewDataset(layer)] : [NewDataset(layer)]));
        }

        // Two string outputs of random integer datasets.
        var describe1 = random.Next(datasetLayer.Count);
        var describe2 = random.Next(datasetLayer.Count);
        var read = planned.SelectMany(p => p.Inputs).Concat([describe1, describe2]).ToHashSet();
        var names = Enumerable.Range(0, datasetLayer.Count)
            .Select(d => !read.Contains(d) || random.Next(4) == 0 ? $"{dag}.file_d{d}" : $"{dag}.d{d}")
            .ToArray();

        var nodes = planned.Select((p, i) => Node.Create(p.Func,
            p.Inputs.Length == 0 ? "params:seed" : p.Inputs.Select(d => names[d]).ToList(),
            p.Outputs.Length == 1 ? names[p.Outputs[0]] : p.Outputs.Select(d => names[d]).ToList(),
            name: $"{dag}_n{i}")).ToList();
        nodes.Add(Node.Create(Nodes.Describe, names[describe1], $"{dag}.file_text1", name: $"{dag}_describe1"));
        nodes.Add(Node.Create(Nodes.Describe, names[describe2], $"{dag}.file_text2", name: $"{dag}_describe2"));
        return new Pipeline(nodes);

        int NewDataset(int layer)
        {
            datasetLayer.Add(layer);
            return datasetLayer.Count - 1;
        }
    }
}
