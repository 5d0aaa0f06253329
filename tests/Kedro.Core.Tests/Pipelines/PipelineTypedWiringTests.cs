using Kedro.Pipelines;

namespace Kedro.Core.Tests.Pipelines;

public sealed class PipelineTypedWiringTests
{
    private sealed class Animal;

    private sealed class Rock;

    private static int Produce() => 1;

    private static string TakeString(string text) => text;

    [Fact]
    public void Constructor_WhenProducerTypeCannotBePassedToConsumer_ThrowsNamingBoth()
    {
        var error = Assert.Throws<PipelineException>(() => new Pipeline(
        [
            Node.Create(Produce, null, "x", name: "a"),
            Node.Create(TakeString, "x", "y", name: "b"),
        ]));

        Assert.StartsWith(
            "Dataset 'x' is produced by node 'a' as 'int' but node 'b' takes it as 'string'",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WhenGenericTypesDiffer_NamesTheirArguments()
    {
        var error = Assert.Throws<PipelineException>(() => new Pipeline(
        [
            Node.Create(() => new List<Animal>(), null, "x", name: "a"),
            Node.Create((List<Rock> rocks) => rocks.Count, "x", "y", name: "b"),
        ]));

        Assert.Contains("'List<PipelineTypedWiringTests.Animal>'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'List<PipelineTypedWiringTests.Rock>'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WhenConsumerTakesObject_SkipsTheCheck()
    {
        var pipeline = new Pipeline(
        [
            Node.Create(Produce, null, "x", name: "a"),
            Node.Create((object value) => value.ToString()!, "x", "y", name: "b"),
        ]);

        Assert.Equal(2, pipeline.Nodes.Count);
    }

    [Fact]
    public void Constructor_WhenProducerReturnsObject_SkipsTheCheck()
    {
        var pipeline = new Pipeline(
        [
            Node.Create(() => (object)"text", null, "x", name: "a"),
            Node.Create(TakeString, "x", "y", name: "b"),
        ]);

        Assert.Equal(2, pipeline.Nodes.Count);
    }

    [Fact]
    public void Constructor_WhenProducerTypeIsAssignableToConsumer_Succeeds()
    {
        var pipeline = new Pipeline(
        [
            Node.Create(() => new List<int> { 1 }, null, "x", name: "a"),
            Node.Create((IEnumerable<int> values) => values.Sum(), "x", "total", name: "b"),
            Node.Create((int total) => total + 1, "total", "more", name: "c"),
        ]);

        Assert.Equal(["a", "b", "c"], pipeline.Nodes.Select(node => node.Name));
    }

    [Fact]
    public void Constructor_WhenATupleFillsSeveralOutputs_ChecksEachItem()
    {
        var error = Assert.Throws<PipelineException>(() => new Pipeline(
        [
            Node.Create(() => (1, "one"), null, ["number", "word"], name: "split"),
            Node.Create((int n) => n, "number", "n", name: "ok"),
            Node.Create((int w) => w, "word", "w", name: "bad"),
        ]));

        Assert.Contains("Dataset 'word' is produced by node 'split' as 'string' but node 'bad' takes it as 'int'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WhenTranscodedFormsDiffer_SkipsTheCheck()
    {
        var pipeline = new Pipeline(
        [
            Node.Create(Produce, null, "x@pandas", name: "a"),
            Node.Create(TakeString, "x@spark", "y", name: "b"),
        ]);

        Assert.Equal(2, pipeline.Nodes.Count);
    }

    [Fact]
    public void Constructor_WhenSameTranscodedFormMismatches_Throws()
    {
        Assert.Throws<PipelineException>(() => new Pipeline(
        [
            Node.Create(Produce, null, "x@pandas", name: "a"),
            Node.Create(TakeString, "x@pandas", "y", name: "b"),
        ]));
    }

    [Fact]
    public void Add_WhenCombiningMismatchedPipelines_Throws()
    {
        var producer = new Pipeline([Node.Create(Produce, null, "x", name: "a")]);
        var consumer = new Pipeline([Node.Create((Animal animal) => animal, "x", "y", name: "b")]);

        var error = Assert.Throws<PipelineException>(() => producer + consumer);

        Assert.Contains("'PipelineTypedWiringTests.Animal'", error.Message, StringComparison.Ordinal);
        _ = new Rock();
    }

    [Fact]
    public void Constructor_WhenAListFeedsAnArrayOfTheSameItems_SucceedsAndTheRunConvertsIt()
    {
        var pipeline = new Pipeline(
        [
            Node.Create(() => new List<int> { 1, 2, 3 }, null, "x", name: "a"),
            Node.Create((int[] numbers) => numbers.Sum(), "x", "sum", name: "b"),
        ]);

        var outputs = new Kedro.Runners.SequentialRunner().Run(pipeline, new Kedro.IO.DataCatalog());

        Assert.Equal(6, outputs["sum"].Load());
    }

    [Fact]
    public void Constructor_WhenANumberFeedsAnotherNumericType_SucceedsAndTheRunConvertsIt()
    {
        var pipeline = new Pipeline(
        [
            Node.Create(() => 41L, null, "x", name: "a"),
            Node.Create((int n) => n + 1, "x", "y", name: "b"),
        ]);

        var outputs = new Kedro.Runners.SequentialRunner().Run(pipeline, new Kedro.IO.DataCatalog());

        Assert.Equal(42, outputs["y"].Load());
    }

    [Fact]
    public void Constructor_WhenSequenceItemsDiffer_Throws()
    {
        var error = Assert.Throws<PipelineException>(() => new Pipeline(
        [
            Node.Create(() => new List<Animal>(), null, "x", name: "a"),
            Node.Create((Rock[] rocks) => rocks.Length, "x", "y", name: "b"),
        ]));

        Assert.Contains("'PipelineTypedWiringTests.Rock[]'", error.Message, StringComparison.Ordinal);
    }
}
