using Kedro.IO;

namespace Kedro.Core.Tests.IO;

public class CatalogConfigResolverRuntimePatternTests
{
    [Fact]
    public void ResolvePattern_RuntimePatternWithFields_SubstitutesTheName()
    {
        var resolver = new CatalogConfigResolver(defaultRuntimePatterns: new Dictionary<string, object?>
        {
            ["{default}"] = new Dictionary<string, object?> { ["type"] = "MemoryDataset", ["metadata"] = "made for {default}" },
        });

        Assert.Equal("made for cars", resolver.ResolvePattern("cars")["metadata"]);
        Assert.Equal("made for boats", resolver.ResolvePattern("boats")["metadata"]);
    }

    [Fact]
    public void ResolvePattern_RuntimePatternWithoutFields_GivesIndependentCopies()
    {
        var resolver = new CatalogConfigResolver(defaultRuntimePatterns: new Dictionary<string, object?>
        {
            ["{default}"] = new Dictionary<string, object?> { ["type"] = "MemoryDataset", ["copy_mode"] = "assign" },
        });

        var first = (IDictionary<string, object?>)resolver.ResolvePattern("cars");
        first["copy_mode"] = "deepcopy";

        Assert.Equal("assign", resolver.ResolvePattern("boats")["copy_mode"]);
    }
}
