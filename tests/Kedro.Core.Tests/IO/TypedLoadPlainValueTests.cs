using Kedro.IO;

namespace Kedro.Core.Tests.IO;

public sealed record FreeFormOptions(string Name, Dictionary<string, object?> Extra, object? Anything, List<object?> Items);

public class TypedLoadPlainValueTests
{
    [Fact]
    public void Load_RecordWithObjectTypedMembers_GetsPlainValuesNotJsonElements()
    {
        var tree = new Dictionary<string, object?>
        {
            ["name"] = "m",
            ["extra"] = new Dictionary<string, object?> { ["depth"] = 3, ["rate"] = 0.5, ["on"] = true, ["tags"] = new List<object?> { "a" } },
            ["anything"] = "text",
            ["items"] = new List<object?> { 1, "b", null },
        };
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["params"] = new MemoryDataset(tree) });

        var options = catalog.Load<FreeFormOptions>("params");

        Assert.Equal(3, options.Extra["depth"]);
        Assert.Equal(0.5, options.Extra["rate"]);
        Assert.Equal(true, options.Extra["on"]);
        Assert.Equal(new List<object?> { "a" }, options.Extra["tags"]);
        Assert.Equal("text", options.Anything);
        Assert.Equal(new List<object?> { 1, "b", null }, options.Items);
    }
}
