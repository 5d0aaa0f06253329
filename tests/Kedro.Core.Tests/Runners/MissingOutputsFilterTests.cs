using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners.Internal;
using Microsoft.Extensions.Logging;
using static Kedro.Testing.Runners.Kit;
using Kedro.Testing.Runners;

namespace Kedro.Core.Tests.Runners;

/// <summary>only_missing_outputs=True (anatomy §4.8) through both runners.</summary>
public class MissingOutputsFilterTests
{
    private static PersistentDataset P(bool exists) => new(() => "test_data", () => exists);

    private static DataCatalog Cat(params (string Name, IDataset Dataset)[] datasets) =>
        new(datasets.ToDictionary(d => d.Name, d => d.Dataset));

    private static (IReadOnlyDictionary<string, IDataset> Result, ListLogger Logger) Run(string kind, Pipeline pipeline, DataCatalog catalog)
    {
        var logger = new ListLogger();
        var result = Runner(kind, logger).Run(pipeline, catalog, onlyMissingOutputs: true);
        return (result, logger);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_AllMissing_RunsEverything(string kind)
    {
        var (_, logger) = Run(kind, new Pipeline([N("node1", Identity, "input", "output")]),
            Cat(("input", new MemoryDataset("test_data")), ("output", P(false))));
        Assert.Contains("Running 1 out of 1 nodes", logger.Messages);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_FinalOutputExists_SkipsAll(string kind)
    {
        var pipeline = new Pipeline([N("node1", Identity, "A", "B"), N("node2", Identity, "B", "C")]);
        var (result, logger) = Run(kind, pipeline,
            Cat(("A", new MemoryDataset("a")), ("B", new MemoryDataset("b")), ("C", P(true))));
        Assert.Contains("Skipping all 2 nodes (all persistent outputs exist)", logger.Messages);
        Assert.Empty(result);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_FinalOutputMissing_RunsEphemeralProducerToo(string kind)
    {
        var pipeline = new Pipeline([N("node1", Identity, "A", "B"), N("node2", Identity, "B", "C")]);
        var (_, logger) = Run(kind, pipeline, Cat(("A", new MemoryDataset("a")), ("B", new MemoryDataset("b")), ("C", P(false))));
        Assert.Contains("Running 2 out of 2 nodes", logger.Messages);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_PersistedIntermediate_SkipsItsProducer(string kind)
    {
        var pipeline = new Pipeline([N("node1", Identity, "A", "B"), N("node2", Identity, "B", "C")]);
        var (_, logger) = Run(kind, pipeline, Cat(("A", new MemoryDataset("a")), ("B", P(true)), ("C", P(false))));
        Assert.Contains("Skipping 1 nodes with existing outputs: node1", logger.Messages);
        Assert.Contains("Running 1 out of 2 nodes", logger.Messages);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_TwoChains_SkipsGranularly(string kind)
    {
        var pipeline = new Pipeline(
        [
            N("nodeA", Identity, "input", "persistentA"),
            N("nodeB", Identity, "persistentA", "persistentB"),
            N("nodeC", Identity, "input", "persistentC"),
            N("nodeD", Identity, "persistentC", "persistentD"),
        ]);
        var (_, logger) = Run(kind, pipeline, Cat(("input", new MemoryDataset("x")), ("persistentA", P(true)),
            ("persistentB", P(false)), ("persistentC", P(true)), ("persistentD", P(false))));
        Assert.Contains("Skipping 2 nodes with existing outputs: nodeA, nodeC", logger.Messages);
        Assert.Contains("Running 2 out of 4 nodes", logger.Messages);
    }

    [Fact]
    public void Run_FlagOff_DoesNotFilter()
    {
        var logger = new ListLogger();
        var pipeline = new Pipeline([N("node1", Identity, "A", "C")]);
        new Kedro.Runners.SequentialRunner(logger: logger).Run(pipeline, Cat(("A", new MemoryDataset("a")), ("C", P(true))));
        Assert.DoesNotContain(logger.Messages, m => m.StartsWith("Skipping", StringComparison.Ordinal) || m.StartsWith("Running 1 out of", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_WastefulProducersOfExistingOutput_AreExcluded(string kind)
    {
        var pipeline = new Pipeline(
        [
            N("nodeA", Identity, "input", "memA"),
            N("nodeC", Identity, "input", "memC"),
            N("nodeB", (object? a, object? c) => a, new[] { "memA", "memC" }, "persistentB"),
        ]);
        var (_, logger) = Run(kind, pipeline, Cat(("input", new MemoryDataset("x")), ("persistentB", P(true))));
        Assert.Contains("Skipping all 3 nodes (all persistent outputs exist)", logger.Messages);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_Diamond_RunsEverythingForMissingSink(string kind)
    {
        var pipeline = new Pipeline(
        [
            N("A", () => 1, null, "shared_output"),
            N("B", Identity, "shared_output", "B"),
            N("C", Identity, "shared_output", "C"),
            N("D", (object? b, object? c) => b, new[] { "B", "C" }, "D"),
        ]);
        var (_, logger) = Run(kind, pipeline, Cat(("shared_output", new MemoryDataset()), ("B", new MemoryDataset()),
            ("C", new MemoryDataset()), ("D", P(false))));
        Assert.Contains("Running 4 out of 4 nodes", logger.Messages);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_UnregisteredOutput_CountsAsNotMissing(string kind)
    {
        var (_, logger) = Run(kind, new Pipeline([N("n", Identity, "input", "output_test")]), Cat(("input", new MemoryDataset("x"))));
        Assert.Contains("Skipping all 1 nodes (all persistent outputs exist)", logger.Messages);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_NodeWithoutOutputs_AlwaysRuns(string kind)
    {
        var pipeline = new Pipeline(
        [
            N("node1", Identity, "input", "intermediate"),
            N("node_no_output", new Action<object?>(_ => { }), "intermediate", null),
            N("node3", Identity, "intermediate", "final"),
        ]);
        var (_, logger) = Run(kind, pipeline, Cat(("input", new MemoryDataset("x")), ("intermediate", P(true)), ("final", P(true))));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Debug && e.Message == "Node 'node_no_output' must run: has no outputs");
        Assert.Contains("Skipping 2 nodes with existing outputs: node1, node3", logger.Messages);
        Assert.Contains("Running 1 out of 3 nodes", logger.Messages);
    }

    [Theory]
    [MemberData(nameof(RunnerKinds), MemberType = typeof(Kit))]
    public void Run_UnregisteredIntermediateNeededByChild_RunsProducer(string kind)
    {
        var pipeline = new Pipeline([N("child", Identity, "input", "ephemeral_data"), N("parent", Identity, "ephemeral_data", "persistent_output")]);
        var (_, logger) = Run(kind, pipeline, Cat(("input", new MemoryDataset("x")), ("persistent_output", P(false))));
        Assert.Contains("Running 2 out of 2 nodes", logger.Messages);
        Assert.Contains("Node 'child' must run: produces 'ephemeral_data' needed by running child 'parent'", logger.Messages);
        Assert.Contains("Node 'parent' must run: has missing output 'persistent_output'", logger.Messages);
    }

    [Fact]
    public void IsMissingPersistent_MatchesKedroHelper()
    {
        var catalog = Cat(("memory", new MemoryDataset(1)), ("there", P(true)), ("gone", P(false)));
        Assert.False(MissingOutputsFilter.IsMissingPersistent("memory", catalog));
        Assert.False(MissingOutputsFilter.IsMissingPersistent("there", catalog));
        Assert.True(MissingOutputsFilter.IsMissingPersistent("gone", catalog));
        Assert.False(MissingOutputsFilter.IsMissingPersistent("undefined", catalog));
    }
}
