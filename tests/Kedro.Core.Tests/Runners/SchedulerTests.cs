using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;
using Kedro.Pipelines.Internal;
using Kedro.Runners.Internal;

namespace Kedro.Core.Tests.Runners;

/// <summary>Property tests of the one scheduler on seeded random DAGs, under both runners.</summary>
public class SchedulerTests
{
    /// <summary>A random DAG: node i consumes outputs of random earlier nodes (and maybe the free input).</summary>
    private static (Pipeline Pipeline, int[][] Parents) RandomDag(Random random, int count, int? failing, int[] order)
    {
        var parents = new int[count][];
        var nodes = new List<Node>(count);
        for (var i = 0; i < count; i++)
        {
            var fanIn = i == 0 ? 0 : random.Next(0, Math.Min(i, 3) + 1);
            var picked = Enumerable.Range(0, fanIn).Select(_ => random.Next(0, i)).Distinct().ToArray();
            parents[i] = picked;
            var inputs = picked.Select(p => $"d{p}").Append("source").ToArray();
            var index = i;
            var fail = failing == i;
            nodes.Add(Node.Create((params object?[] values) =>
            {
                if (fail)
                {
                    throw new InvalidOperationException("test exception");
                }

                order[index] = Interlocked.Increment(ref order[count]);
                return values.Sum(v => (long)v!) + index;
            }, inputs, $"d{i}", name: $"n{i:D5}"));
        }

        return (new Pipeline(nodes), parents);
    }

    private static List<object?> Run(AbstractRunner runner, Pipeline pipeline) =>
        runner.Run(pipeline, new DataCatalog(new Dictionary<string, IDataset> { ["source"] = new MemoryDataset(1L) }))
            .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.Load()).ToList();

    [Fact]
    public void Runners_OnRandomDags_RunEveryNodeOnceAfterItsParentsAndAgree()
    {
        var random = new Random(20260101);
        for (var graph = 0; graph < 80; graph++)
        {
            var count = graph % 40 == 0 ? 1500 : random.Next(1, 40);
            var seed = random.Next();
            var results = new List<object?>();
            foreach (var runner in new AbstractRunner[] { new SequentialRunner(), new ThreadRunner(4), new SequentialRunner(isAsync: true) })
            {
                var order = new int[count + 1];
                var (pipeline, parents) = RandomDag(new Random(seed), count, failing: null, order);
                results.Add(Run(runner, pipeline));
                Assert.Equal(count, order[count]);
                Assert.Equal(count, order.Take(count).Distinct().Count());
                for (var i = 0; i < count; i++)
                {
                    Assert.All(parents[i], p => Assert.True(order[p] < order[i], $"graph {graph}: n{p} ran after its child n{i}"));
                }
            }

            Assert.Equal(results[0], results[1]);
            Assert.Equal(results[0], results[2]);
        }
    }

    [Fact]
    public void Runners_OnRandomDags_StopAtFailureAndRunNothingDownstream()
    {
        var random = new Random(7);
        for (var graph = 0; graph < 60; graph++)
        {
            var count = random.Next(2, 40);
            var failing = random.Next(0, count);
            var seed = random.Next();
            foreach (var runner in new AbstractRunner[] { new SequentialRunner(), new ThreadRunner(4) })
            {
                var order = new int[count + 1];
                var (pipeline, parents) = RandomDag(new Random(seed), count, failing, order);
                var error = Assert.Throws<InvalidOperationException>(() => Run(runner, pipeline));
                Assert.Equal("test exception", error.Message);
                var downstream = new bool[count];
                downstream[failing] = true;
                for (var i = failing + 1; i < count; i++)
                {
                    downstream[i] = parents[i].Any(p => downstream[p]);
                }

                for (var i = 0; i < count; i++)
                {
                    Assert.False(downstream[i] && order[i] != 0, $"graph {graph}: n{i} ran downstream of the failed n{failing}");
                }

                if (runner is SequentialRunner)
                {
                    var position = pipeline.Nodes.Select(n => n.Name).ToList().IndexOf($"n{failing:D5}");
                    Assert.Equal(position, order[count]); // exactly the nodes before it in pipeline order ran
                }
            }
        }
    }

    [Fact]
    public void Scheduler_TakingOneAtATime_FollowsPipelineOrder()
    {
        var random = new Random(3);
        for (var graph = 0; graph < 50; graph++)
        {
            var (pipeline, _) = RandomDag(random, random.Next(1, 200), null, new int[201]);
            var scheduler = new Scheduler(NodeGraph.Build(pipeline.Nodes));
            var taken = new List<int>();
            while (scheduler.TryTakeReady(out var index))
            {
                taken.Add(index);
                scheduler.Complete(index);
            }

            Assert.Equal(Enumerable.Range(0, pipeline.Nodes.Count), taken);
        }
    }

    [Fact]
    public void NodeGraph_CountsLayersLikeGroupedNodes()
    {
        var random = new Random(11);
        for (var graph = 0; graph < 50; graph++)
        {
            var (pipeline, _) = RandomDag(random, random.Next(1, 100), null, new int[101]);
            Assert.Equal(pipeline.GroupedNodes.Count, NodeGraph.Build(pipeline.Nodes).LayerCount);
        }
    }
}
