using Kedro.IO;

namespace Kedro.Core.Tests.IO;

public class DataCatalogFailedCreationTests
{
    [Fact]
    public void Get_WhenConfiguredDatasetFailsToCreate_KeepsTheEntryAndFailsTheSameWayAgain()
    {
        var catalog = DataCatalog.FromConfig(new Dictionary<string, object?>
        {
            ["a"] = new Dictionary<string, object?> { ["type"] = "no.such.Type" },
        }, credentials: null, loadVersions: null, saveVersion: null);

        var first = Assert.ThrowsAny<DatasetException>(() => catalog.Get("a"));

        Assert.True(catalog.Contains("a"));
        Assert.Contains("a", catalog.Keys);
        var second = Assert.ThrowsAny<DatasetException>(() => catalog.Get("a", fallbackToRuntimePattern: true));
        Assert.Equal(first.Message, second.Message);
    }
}
