using Kedro.Pipelines;
using Kedro.Runners;
using static Kedro.Testing.Runners.Kit;

namespace Kedro.Core.Tests.Runners;

public class ThreadRunnerTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_WhenMaxWorkersNotPositive_ThrowsKedroMessage(int maxWorkers)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ThreadRunner(maxWorkers));
        Assert.StartsWith("max_workers should be positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DefaultsToProcessorCount()
    {
        Assert.Equal(Environment.ProcessorCount, new ThreadRunner().MaxWorkers);
        Assert.Equal(6, new ThreadRunner(6).MaxWorkers);
    }

    [Fact]
    public void Run_DoesNotLogSynchronousModeHint()
    {
        var logger = new ListLogger();
        new ThreadRunner(logger: logger).Run(FanOutFanIn(), Catalog(("A", 1)));
        Assert.DoesNotContain(logger.Messages, m => m.StartsWith("Using synchronous mode", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_FanOutFanIn_RunsAtMostNodesMinusLayersPlusOneAtOnce()
    {
        // 5 nodes, 3 layers -> 3 workers even when 6 are allowed.
        var running = 0;
        var peak = 0;
        object? Work(object? x)
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            Thread.Sleep(30);
            Interlocked.Decrement(ref running);
            return x;
        }

        var pipeline = new Pipeline(
        [
            N("a_b", Identity, "A", "B"),
            N("b_c", Work, "B", "C"),
            N("b_d", Work, "B", "D"),
            N("b_e", Work, "B", "E"),
            N("b_f", Work, "B", "F"),
            N("fan_in", (object? c, object? d, object? e, object? f) => 1, new[] { "C", "D", "E", "F" }, "Z"),
        ]);

        // 6 nodes, 3 layers -> 4 workers; four parallel nodes can all run at once.
        new ThreadRunner(6).Run(pipeline, Catalog(("A", 1)));
        Assert.True(peak <= 4, $"peak {peak}");

        peak = 0;
        new ThreadRunner(2).Run(pipeline, Catalog(("A", 1)));
        Assert.True(peak <= 2, $"peak {peak}");
    }

    [Fact]
    public void Run_EightBlockingNodes_RunTogetherOnEightWorkers()
    {
        using var barrier = new Barrier(8);
        var nodes = Enumerable.Range(0, 8).Select(i => Node.Create(
            (int x) => barrier.SignalAndWait(TimeSpan.FromSeconds(5)) ? x : throw new TimeoutException("not parallel"),
            "A", $"out{i}", name: $"n{i}"));
        var result = new ThreadRunner(8).Run(new Pipeline(nodes), Catalog(("A", 1)));
        Assert.Equal(8, result.Count);
    }

    [Fact]
    public void Run_AsyncNodes_AreNotLimitedByWorkerCount()
    {
        // 1,000 independent async nodes on 2 workers: each waits until all 1,000 are in flight.
        const int Count = 1000;
        var started = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var nodes = Enumerable.Range(0, Count).Select(i => Node.Create(async (int x) =>
        {
            if (Interlocked.Increment(ref started) == Count)
            {
                allStarted.SetResult();
            }

            await allStarted.Task.WaitAsync(TimeSpan.FromSeconds(5));
            return x + i;
        }, "A", $"out{i}", name: $"n{i}"));
        var result = new ThreadRunner(2).Run(new Pipeline(nodes), Catalog(("A", 1)));
        Assert.Equal(Count, result.Count);
        Assert.Equal(1 + 999, result["out999"].Load());
    }

    [Fact]
    public void Run_WhenNodeFails_StopsStartingNewNodes()
    {
        var ranAfter = false;
        var pipeline = new Pipeline(
        [
            N("boom", Fail, "A", "B"),
            N("after", new Func<object?, object?>(x =>
            {
                ranAfter = true;
                return x;
            }), "B", "C"),
        ]);
        Assert.Throws<InvalidOperationException>(() => new ThreadRunner().Run(pipeline, Catalog(("A", 1))));
        Assert.False(ranAfter);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
