using Kedro.Pipelines;
using Kedro.Runners;
using static Kedro.Testing.Runners.Kit;

namespace Kedro.Core.Tests.Runners;

public class SequentialRunnerTests
{
    [Fact]
    public void Run_WhenNotAsync_LogsSynchronousModeHint()
    {
        var logger = new ListLogger();
        new SequentialRunner(logger: logger).Run(FanOutFanIn(), Catalog(("A", 1)));
        Assert.Contains(
            "Using synchronous mode for loading and saving data. Use the --async flag for potential performance gains. https://docs.kedro.org/en/stable/build/run_a_pipeline/#load-and-save-asynchronously",
            logger.Messages);
    }

    [Fact]
    public void Run_WhenAsync_DoesNotLogSynchronousModeHint()
    {
        var logger = new ListLogger();
        new SequentialRunner(isAsync: true, logger: logger).Run(FanOutFanIn(), Catalog(("A", 1)));
        Assert.DoesNotContain(logger.Messages, m => m.StartsWith("Using synchronous mode", StringComparison.Ordinal));
        Assert.True(new SequentialRunner(isAsync: true).IsAsync);
    }

    [Fact]
    public void Run_RunsNodesInPipelineOrder()
    {
        var order = new List<string>();
        Delegate Track(string name) => new Func<object?, object?>(x =>
        {
            order.Add(name);
            return x;
        });
        var pipeline = new Pipeline(
        [
            N("z_last_layer", Track("z_last_layer"), "C", "D"),
            N("b", Track("b"), "A", "B"),
            N("a", Track("a"), "A", "A2"),
            N("c", Track("c"), "B", "C"),
            N("d", Track("d"), "A2", "E"),
        ]);
        var logger = new ListLogger();
        new SequentialRunner(logger: logger).Run(pipeline, Catalog(("A", 1)));
        Assert.Equal(pipeline.Nodes.Select(n => n.Name), order);
        Assert.Equal(
            Enumerable.Range(1, 5).Select(i => $"Completed {i} out of 5 tasks"),
            logger.Messages.Where(m => m.EndsWith(" tasks", StringComparison.Ordinal)));
    }

    [Fact]
    public void Run_CompletedLinesFollowEachNodeInOrder()
    {
        var logger = new ListLogger();
        new SequentialRunner(logger: logger).Run(TwoBranchesCrossed(), PersistentCatalog());
        var completed = logger.Messages.Where(m => m.StartsWith("Completed", StringComparison.Ordinal)).ToList();
        Assert.Equal("Completed node: node2", completed[4]);
        Assert.Equal("Completed 3 out of 7 tasks", completed[5]);
    }

    [Fact]
    public void Run_ManyTrivialNodes_CompletesChain()
    {
        const int Count = 3_000;
        var nodes = Enumerable.Range(0, Count).Select(i => Node.Create((int x) => x + 1, $"d{i}", $"d{i + 1}", name: $"n{i}"));
        var pipeline = new Pipeline(nodes);
        var result = new SequentialRunner().Run(pipeline, Catalog(("d0", 0)));
        Assert.Equal(Count, result[$"d{Count}"].Load());
    }
}
