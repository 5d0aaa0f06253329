using Kedro.IO;
using Microsoft.Extensions.Time.Testing;

namespace Kedro.Datasets.Tests;

public sealed class MetricsDatasetTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-metrics-tests");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Save_WritesANewVersionEachTime_AndLoadReadsTheLatest()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var path = _dir.PathOf("metrics.json");
        new MetricsDataset(path, timeProvider: clock).Save(new Dictionary<string, double> { ["r2"] = 0.5, ["mae"] = 3 });
        clock.Advance(TimeSpan.FromSeconds(1));
        new MetricsDataset(path, timeProvider: clock).Save(new Dictionary<string, object> { ["r2"] = 0.75f, ["rows"] = 120 });

        Assert.Equal(["2024-01-01T00.00.01.000Z", "2024-01-01T00.00.00.000Z"], new MetricsDataset(path).ListVersions(fullPath: false));
        Assert.Equal("{\n  \"r2\": 0.5,\n  \"mae\": 3\n}", File.ReadAllText(_dir.PathOf("metrics.json", "2024-01-01T00.00.00.000Z", "metrics.json")).ReplaceLineEndings("\n"));
        var latest = Assert.IsType<Dictionary<string, double>>(new MetricsDataset(path).Load());
        Assert.Equal(new Dictionary<string, double> { ["r2"] = 0.75, ["rows"] = 120 }, latest);
        var typed = new MetricsDataset(path).Load(typeof(IReadOnlyDictionary<string, double>));
        Assert.Equal(0.75, ((IReadOnlyDictionary<string, double>)typed!)["r2"]);
    }

    [Theory]
    [InlineData("high")]
    [InlineData(true)]
    [InlineData(null)]
    public void Save_NonNumericValue_IsRefusedNamingTheKey(object? value)
    {
        var dataset = new MetricsDataset(_dir.PathOf("metrics.json"));

        var error = Assert.Throws<DatasetException>(() => dataset.Save(new Dictionary<string, object?> { ["r2"] = 0.5, ["quality"] = value }));

        Assert.Contains("The MetricsDataset expects only numeric values. quality is not a numeric value", error.Message, StringComparison.Ordinal);
        Assert.Empty(_dir.Files());
        Assert.False(Directory.Exists(_dir.PathOf("metrics.json")) && Directory.EnumerateFileSystemEntries(_dir.PathOf("metrics.json")).Any());
    }

    [Fact]
    public void Save_NaN_IsRefused()
    {
        var error = Assert.Throws<DatasetException>(() => new MetricsDataset(_dir.PathOf("m.json")).Save(new Dictionary<string, double> { ["loss"] = double.NaN }));
        Assert.Contains("loss is not a numeric value", error.Message, StringComparison.Ordinal);
        Assert.Contains("JSON has no NaN or infinity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_NotADictionary_IsRefused()
    {
        var error = Assert.Throws<DatasetException>(() => new MetricsDataset(_dir.PathOf("m.json")).Save(new List<double> { 1 }));
        Assert.Contains("a MetricsDataset saves a dictionary of metric names to numbers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AsAnotherType_IsRefused()
    {
        var dataset = new MetricsDataset(_dir.PathOf("m.json"));
        dataset.Save(new Dictionary<string, double> { ["a"] = 1 });

        var error = Assert.Throws<DatasetException>(() => dataset.Load(typeof(List<double>)));
        Assert.Contains("a MetricsDataset loads as 'Dictionary<string, double>'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileWithTextValue_NamesTheKey()
    {
        var folder = _dir.PathOf("m.json", "2024-01-01T00.00.00.000Z");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "m.json"), "{\"a\": 1, \"b\": \"x\"}");

        var error = Assert.Throws<DatasetException>(() => new MetricsDataset(_dir.PathOf("m.json")).Load());
        Assert.Contains("the value of 'b' is 'x', not a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCatalog_IsVersionedWithoutSayingSo_AndUsesTheRunsSaveVersion()
    {
        var registry = new DatasetTypeRegistry().AddKedroDatasets();
        var dataset = (MetricsDataset)registry.Create("metrics", new Dictionary<string, object?>
        {
            ["type"] = "tracking.MetricsDataset",
            ["filepath"] = _dir.PathOf("metrics.json"),
        }, saveVersion: "2024-05-05T05.05.05.005Z");

        dataset.Save(new Dictionary<string, double> { ["a"] = 1 });

        Assert.True(File.Exists(_dir.PathOf("metrics.json", "2024-05-05T05.05.05.005Z", "metrics.json")));
    }
}
