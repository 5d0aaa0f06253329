using Kedro.Hangfire.Internal;
using Kedro.IO;
using Kedro.Testing.Runners;

namespace Kedro.Hangfire.Tests.Driver;

public sealed class LazyValuesTests
{
    [Fact]
    public void A_value_is_loaded_only_when_read_and_only_once()
    {
        var loads = new Dictionary<string, int>(StringComparer.Ordinal) { ["a"] = 0, ["b"] = 0 };
        var catalog = new DataCatalog(new Dictionary<string, IDataset>
        {
            ["a"] = new PersistentDataset(() => ++loads["a"] * 10),
            ["b"] = new PersistentDataset(() => ++loads["b"] * 100),
        });
        var values = new LazyValues(catalog, ["a", "b", "a"]);

        Assert.Equal(["a", "b"], values.Keys);
        Assert.Equal(2, values.Count);
        Assert.True(values.ContainsKey("b"));
        Assert.False(values.ContainsKey("c"));
        Assert.Equal(0, loads["a"] + loads["b"]);

        Assert.Equal(10, values["a"]);
        Assert.Equal(10, values["a"]);
        Assert.True(values.TryGetValue("a", out var again));
        Assert.Equal(10, again);
        Assert.Equal(1, loads["a"]);
        Assert.Equal(0, loads["b"]);

        Assert.Equal([10, 100], values.Values);
        Assert.Equal(1, loads["b"]);
        Assert.False(values.TryGetValue("c", out _));
        Assert.Throws<KeyNotFoundException>(() => values["c"]);
    }
}
