using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;
using Microsoft.Extensions.Logging;
using static Kedro.Testing.Runners.Kit;
using Kedro.Testing.Runners;

namespace Kedro.Core.Tests.Runners;

/// <summary>Kedro's runner scenarios (anatomy §4.7) under SequentialRunner and ThreadRunner, sync and async.</summary>
public class AbstractRunnerTests
{
    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_FanOutFanIn_ReturnsOnlyFreeOutputAsDataset(string kind)
    {
        var catalog = Catalog(("A", 42));
        var result = Runner(kind).Run(FanOutFanIn(), catalog);
        Assert.Equal(["Z"], result.Keys);
        Assert.IsAssignableFrom<IDataset>(result["Z"]);
        Assert.Equal(new List<object?> { 42, 42, 42 }, result["Z"].Load());
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_Twice_GivesEqualResults(string kind)
    {
        var catalog = Catalog(("A", "42"));
        var first = Runner(kind).Run(FanOutFanIn(), catalog)["Z"].Load();
        var second = Runner(kind).Run(FanOutFanIn(), catalog)["Z"].Load();
        Assert.Equal(first, second);
        Assert.Equal(new List<object?> { "42", "42", "42" }, second);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_NoInputBranchlessPipeline_ReturnsLastOutput(string kind)
    {
        var pipeline = new Pipeline(
        [
            N("node1", Identity, "D", "E"),
            N("node2", Identity, "C", "D"),
            N("node3", Identity, "A", "B"),
            N("node4", Identity, "B", "C"),
            N("node5", () => 7, null, "A"),
        ]);
        var result = Runner(kind).Run(pipeline, new DataCatalog());
        Assert.Equal(["E"], result.Keys);
        Assert.Equal(7, result["E"].Load());
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_WhenInputMissing_ThrowsKedroMessage(string kind)
    {
        var pipeline = new Pipeline([N("n", Identity, "Input1", "Output1")]);
        var modular = new Pipeline(pipeline, @namespace: "test");
        var catalog = Catalog(("Input1", 1), ("Output1", 2));
        var error = Assert.Throws<ArgumentException>(() => Runner(kind).Run(modular, catalog));
        Assert.Equal("Pipeline input(s) {'test.Input1'} not found in the DataCatalog", error.Message);
    }

    [Fact]
    public void Run_WhenInputMissingFromACatalogTypeUsersCannotSee_NamesItsPublicBaseType()
    {
        var pipeline = new Pipeline([N("n", Identity, "params:x", "y")]);
        var error = Assert.Throws<ArgumentException>(() => new SequentialRunner().Run(pipeline, new HiddenCatalog()));
        Assert.Equal("Pipeline input(s) {'params:x'} not found in the DataCatalog", error.Message);
    }

    private sealed class HiddenCatalog : DataCatalog;

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_WhenParameterMissing_ThrowsKedroMessage(string kind)
    {
        var pipeline = new Pipeline([N("n", Identity, "params:x", "y")]);
        var error = Assert.Throws<ArgumentException>(() => Runner(kind).Run(pipeline, new DataCatalog()));
        Assert.Equal("Pipeline input(s) {'params:x'} not found in the DataCatalog", error.Message);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_WhenRegisteredInputIsEmpty_FailsAtLoad(string kind)
    {
        var pipeline = new Pipeline([N("n", Identity, "Input1", "Output1")]);
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["Input1"] = new MemoryDataset() });
        var error = Assert.ThrowsAny<DatasetException>(() => Runner(kind).Run(pipeline, catalog));
        Assert.Contains("Data for MemoryDataset has not been saved yet.", error.Message);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_WhenNodeReturnsNull_FailsOnSave(string kind)
    {
        var pipeline = new Pipeline(
        [
            N("random", () => 1, null, "A"),
            N("return_none", new Func<object?, object?>(_ => null), "A", "B"),
            N("identity", Identity, "B", "C"),
        ]);
        var error = Assert.ThrowsAny<DatasetException>(() => Runner(kind).Run(pipeline, new DataCatalog()));
        Assert.Contains("to a 'Dataset' is not allowed", error.Message); // Kedro: "Saving 'None' ..."; the datasets print 'null'
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_EmptyPipeline_ReturnsNothing(string kind) =>
        Assert.Empty(Runner(kind).Run(new Pipeline(Array.Empty<Node>()), new DataCatalog()));

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_DoesNotReleaseFreeInputsOrOutputs(string kind)
    {
        var log = new List<(string, string)>();
        var catalog = new DataCatalog(new Dictionary<string, IDataset>
        {
            ["in"] = new LoggingDataset(log, "in", "stuff"),
            ["middle"] = new LoggingDataset(log, "middle"),
            ["out"] = new LoggingDataset(log, "out"),
        });
        var pipeline = new Pipeline([N("n1", Identity, "in", "middle"), N("n2", Identity, "middle", "out")]);
        Runner(kind).Run(pipeline, catalog);
        Assert.Equal([("load", "in"), ("load", "middle"), ("release", "middle")], log);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_ReleasesIntermediatesEarly(string kind)
    {
        var log = new List<(string, string)>();
        var catalog = new DataCatalog(new Dictionary<string, IDataset>
        {
            ["first"] = new LoggingDataset(log, "first"),
            ["second"] = new LoggingDataset(log, "second"),
        });
        var pipeline = new Pipeline(
        [
            N("source", () => "stuff", null, "first"),
            N("n1", Identity, "first", "second"),
            N("sink", new Action<object?>(_ => { }), "second", null),
        ]);
        Runner(kind).Run(pipeline, catalog);
        Assert.Equal([("load", "first"), ("release", "first"), ("load", "second"), ("release", "second")], log);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_ReleasesAfterLastOfSeveralConsumers(string kind)
    {
        var log = new List<(string, string)>();
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["dataset"] = new LoggingDataset(log, "dataset") });
        var pipeline = new Pipeline(
        [
            N("source", () => "stuff", null, "dataset"),
            N("bob", new Action<object?>(_ => { }), "dataset", null),
            N("fred", new Action<object?>(_ => { }), "dataset", null),
        ]);
        Runner(kind).Run(pipeline, catalog);
        Assert.Equal([("load", "dataset"), ("load", "dataset"), ("release", "dataset")], log);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_ReleasesTranscodedDatasets(string kind)
    {
        var log = new List<(string, string)>();
        var catalog = new DataCatalog(new Dictionary<string, IDataset>
        {
            ["ds@save"] = new LoggingDataset(log, "save"),
            ["ds@load"] = new LoggingDataset(log, "load"),
        });
        var pipeline = new Pipeline(
        [
            N("source", () => "stuff", null, "ds@save"),
            N("sink", new Action<object?>(_ => { }), "ds@load", null),
        ]);
        Runner(kind).Run(pipeline, catalog);
        Assert.Equal([("release", "save"), ("load", "load"), ("release", "load")], log);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_ConfirmsDatasetOnce(string kind)
    {
        var confirmed = new PersistentDataset(() => 1);
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["ds1"] = confirmed });
        var pipeline = new Pipeline([Node.Create(Identity, "ds1", "ds2", name: "n", confirms: "ds1")]);
        Runner(kind).Run(pipeline, catalog);
        Assert.Equal(1, confirmed.Confirmed);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_ReturnsRegisteredMemoryOutputsButNotUnusedEntries(string kind)
    {
        var catalog = new DataCatalog(new Dictionary<string, IDataset>
        {
            ["Input1"] = new PersistentDataset(() => 1),
            ["Input2"] = new PersistentDataset(() => 2),
            ["MemOutput1"] = new MemoryDataset(),
            ["MemOutput2"] = new MemoryDataset(),
            ["RegularOutput"] = new MemoryDataset(),
        });
        var pipeline = new Pipeline([N("a", Identity, "Input1", "MemOutput1"), N("b", Identity, "Input2", "MemOutput2")]);
        var result = Runner(kind).Run(pipeline, catalog);
        Assert.Equal(["MemOutput1", "MemOutput2"], result.Keys.Order());
        Assert.Equal(2, result["MemOutput2"].Load());
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_WhenNodeFails_ThrowsOriginalException(string kind)
    {
        var pipeline = FanOutFanIn() + new Pipeline([N("exception_fn", Fail, "Z", "X")]);
        var error = Assert.Throws<InvalidOperationException>(() => Runner(kind).Run(pipeline, Catalog(("A", 42))));
        Assert.Equal("test exception", error.Message);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_LogsCompletionLinesAndSuccess(string kind)
    {
        var logger = new ListLogger();
        Runner(kind, logger).Run(FanOutFanIn(), Catalog(("A", 42)));
        var messages = logger.Messages;
        Assert.Contains("Completed node: fan_in", messages);
        Assert.Contains("Completed 5 out of 5 tasks", messages);
        Assert.Contains(messages, m => m.StartsWith("Pipeline execution completed successfully in ", StringComparison.Ordinal) && m.EndsWith(" sec.", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Running node: fan_in: ", StringComparison.Ordinal));
        Assert.Equal(kind.EndsWith("async", StringComparison.Ordinal), messages.Contains("Asynchronous mode is enabled for loading and saving data."));
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_WhenNodeFails_LogsNodeFailure(string kind)
    {
        var logger = new ListLogger();
        var pipeline = new Pipeline([N("boom", Fail, "A", "B")]);
        Assert.Throws<InvalidOperationException>(() => Runner(kind, logger).Run(pipeline, Catalog(("A", 1))));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message.StartsWith("Node boom: ", StringComparison.Ordinal)
            && e.Message.EndsWith(" failed with error: \ntest exception", StringComparison.Ordinal));
        Assert.Contains("No nodes ran. Repeat the previous command to attempt a new run.", logger.Messages);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_WhenNodeFails_SuggestsResumeFromNearestPersistedInputs(string kind)
    {
        // §4.7 215: failing node sets -> expected --from-nodes (threads may resume from a subset).
        (string[] Failing, string[] Expected)[] cases =
        [
            (["node1_A", "node1_B"], []),
            (["node2"], ["node1_A,node1_B"]),
            (["node3_A"], ["node3_A,node3_B", "node3_A"]),
            (["node4_A"], ["node3_A,node3_B", "node3_A"]),
            (["node3_A", "node4_A"], ["node3_A,node3_B", "node3_A"]),
            (["node2", "node4_A"], ["node1_A,node1_B"]),
        ];
        foreach (var (failing, expected) in cases)
        {
            var logger = new ListLogger();
            var error = Assert.Throws<InvalidOperationException>(
                () => Runner(kind, logger).Run(TwoBranchesCrossed(failing), PersistentCatalog()));
            Assert.Equal("test exception", error.Message);
            var warnings = logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
            if (expected.Length == 0)
            {
                Assert.Contains("No nodes ran. Repeat the previous command to attempt a new run.", warnings);
            }
            else
            {
                Assert.Contains(warnings, w => expected.Any(x => w.EndsWith($"  --from-nodes \"{x}\"", StringComparison.Ordinal)));
            }
        }
    }

    [Fact]
    public void Run_WhenNodeFails_LogsKedroResumeMessageExactly()
    {
        var logger = new ListLogger();
        Assert.Throws<InvalidOperationException>(
            () => new SequentialRunner(logger: logger).Run(TwoBranchesCrossed("node3_A"), PersistentCatalog()));
        Assert.Contains(
            "There are 4 nodes that have not run.\nYou can resume the pipeline run from the nearest nodes with persisted inputs by adding the following argument to your previous command:\n  --from-nodes \"node3_A,node3_B\"",
            logger.Messages);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public async Task RunAsync_WhenCancelledBeforeStart_RunsNoNodeAndReportsThem(string kind)
    {
        var logger = new ListLogger();
        var ran = 0;
        var pipeline = new Pipeline([N("a", (int x) => Interlocked.Increment(ref ran) + x, "A", "B"), N("b", Identity, "B", "C")]);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Runner(kind, logger).RunAsync(pipeline, Catalog(("A", 1)), cancellationToken: cts.Token));
        Assert.Equal(0, ran);
        Assert.Contains("Pipeline run was cancelled. 2 nodes did not run: a, b", logger.Messages);
        Assert.Contains("No nodes ran. Repeat the previous command to attempt a new run.", logger.Messages);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public async Task RunAsync_WhenCancelledDuringNode_StartsNoNewNodeAndSuggestsResume(string kind)
    {
        var logger = new ListLogger();
        using var cts = new CancellationTokenSource();
        var laterRan = false;
        var pipeline = new Pipeline(
        [
            N("first", (int x) => x, "A", "B"),
            N("second", async (int x, CancellationToken ct) =>
            {
                await cts.CancelAsync();
                await Task.Delay(Timeout.Infinite, ct);
                return x;
            }, "B", "C"),
            N("third", (int x) => laterRan = true, "C", "D"),
        ]);
        var run = Runner(kind, logger).RunAsync(pipeline, Catalog(("A", 1)), cancellationToken: cts.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(laterRan);
        Assert.Contains("Pipeline run was cancelled. 2 nodes did not run: second, third", logger.Messages);
        Assert.Contains(logger.Messages, m => m.StartsWith("There are 2 nodes that have not run.", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Entries, e => e.Level == LogLevel.Error);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_StreamingNode_SavesEachChunkInOrder(string kind)
    {
        if (kind.EndsWith("async", StringComparison.Ordinal))
        {
            return; // async mode refuses streaming nodes (NodeTaskTests)
        }

        static IEnumerable<(int, int)> Generate()
        {
            for (var i = 0; i < 10; i++)
            {
                yield return (i, i * i);
            }
        }

        var left = new PersistentDataset();
        var right = new PersistentDataset();
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["left"] = left, ["right"] = right });
        var pipeline = new Pipeline([Node.Create(Generate, null, new[] { "left", "right" }, name: "gen")]);
        Runner(kind).Run(pipeline, catalog);
        Assert.Equal(Enumerable.Range(0, 10).Cast<object?>(), left.Saved);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (object?)(i * i)), right.Saved);
    }
}
