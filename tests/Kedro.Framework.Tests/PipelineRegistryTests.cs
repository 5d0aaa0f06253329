using Kedro.Pipelines;

namespace Kedro.Framework.Tests;

public sealed class PipelineRegistryTests
{
    [Fact]
    public void Registry_CallsRegistrationOnceOnFirstAccess()
    {
        var calls = 0;
        var registry = new PipelineRegistry(() =>
        {
            calls++;
            return new Dictionary<string, Pipeline> { ["__default__"] = new Pipeline(Array.Empty<Node>()) };
        });

        Assert.Equal(0, calls);
        Assert.True(registry.ContainsKey("__default__"));
        Assert.Single(registry.Keys);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Merge_LaterRegistrationWins()
    {
        var first = new Pipeline([Node.Create(static () => 1, null, "x", name: "one")]);
        var second = new Pipeline([Node.Create(static () => 2, null, "y", name: "two")]);
        var registry = new PipelineRegistry(() => new Dictionary<string, Pipeline> { ["__default__"] = first, ["a"] = first })
            .Merge(new PipelineRegistry(() => new Dictionary<string, Pipeline> { ["__default__"] = second }));

        Assert.Same(second, registry["__default__"]);
        Assert.Same(first, registry["a"]);
    }

    [Fact]
    public void Indexer_UnknownName_UsesKedrosMessage()
    {
        var registry = new PipelineRegistry(() => new Dictionary<string, Pipeline> { ["data_science"] = new Pipeline(Array.Empty<Node>()) });

        var error = Assert.Throws<ArgumentException>(() => registry["data_sciense"]);

        Assert.Contains("Failed to find the pipeline named 'data_sciense'.", error.Message);
        Assert.Contains("Did you mean one of these instead?\n    data_science", error.Message);
    }
}
