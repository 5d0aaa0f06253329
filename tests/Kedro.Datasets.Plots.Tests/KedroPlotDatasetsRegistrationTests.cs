using Kedro.IO;
using ScottPlot;
using static Kedro.Datasets.Plots.Tests.Support.Config;

namespace Kedro.Datasets.Plots.Tests;

public sealed class KedroPlotDatasetsRegistrationTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-plots-tests");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("PlotlyDataset", "plotly.PlotlyDataset", "Kedro.Datasets.Plots.PlotlyDataset")]
    [InlineData("PlotlyJsonDataset", "plotly.JSONDataset", "Kedro.Datasets.Plots.PlotlyJsonDataset")]
    [InlineData("PlotlyHtmlDataset", "plotly.HTMLDataset", "Kedro.Datasets.Plots.PlotlyHtmlDataset")]
    [InlineData("MatplotlibDataset", "matplotlib.MatplotlibDataset", "Kedro.Datasets.Plots.MatplotlibDataset")]
    public void AddKedroPlotDatasets_RegistersOwnFullAndKedroNames(string name, string kedroName, string fullName)
    {
        var registry = new DatasetTypeRegistry().AddKedroPlotDatasets();

        foreach (var alias in new[] { name, kedroName, fullName, "kedro_datasets." + kedroName })
        {
            Assert.True(registry.Contains(alias), alias);
            Assert.Equal(fullName, registry.GetTypeName(alias));
        }

        var dataset = registry.Create("d", Map(("type", kedroName), ("filepath", _dir.PathOf("f")), ("plotly_args", Map(("type", "bar")))
            ).Where(p => p.Key != "plotly_args" || name == "PlotlyDataset").ToDictionary());
        Assert.Equal(fullName, dataset.GetType().FullName);
    }

    [Fact]
    public void AddKedroPlotDatasets_Twice_ChangesNothing()
    {
        var once = new DatasetTypeRegistry().AddKedroPlotDatasets();
        var twice = new DatasetTypeRegistry().AddKedroPlotDatasets().AddKedroPlotDatasets();

        Assert.Equal(once.TypeNames, twice.TypeNames);
    }

    [Fact]
    public void Create_KedroStyleMatplotlibEntry_TakesVersionedOverwriteCredentialsAndMetadata()
    {
        var registry = new DatasetTypeRegistry().AddKedroPlotDatasets();

        var dataset = (MatplotlibDataset)registry.Create("feature_importance", Map(
            ("type", "matplotlib.MatplotlibDataset"),
            ("filepath", _dir.PathOf("plots")),
            ("save_args", Map(("format", "png"), ("dpi", 150))),
            ("overwrite", true),
            ("versioned", true),
            ("credentials", Map(("key", "secret"))),
            ("fs_args", Map()),
            ("metadata", Map(("kedro-viz", Map(("layer", "reporting")))))), saveVersion: "2024-01-01T00.00.00.000Z");
        dataset.Save(new List<Plot> { new() });

        Assert.True(dataset.Overwrite);
        Assert.True(dataset.Metadata!.ContainsKey("kedro-viz"));
        Assert.DoesNotContain("secret", dataset.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(_dir.PathOf("plots", "2024-01-01T00.00.00.000Z", "plots", "0.png")));
    }

    [Fact]
    public void Create_UnsupportedArgument_NamesTheDatasetAndArgument()
    {
        var registry = new DatasetTypeRegistry().AddKedroPlotDatasets();

        var error = Assert.Throws<DatasetException>(() => registry.Create("report", Map(
            ("type", "plotly.HTMLDataset"), ("filepath", _dir.PathOf("r.html")), ("load_args", Map()))));

        Assert.Contains("report", error.Message, StringComparison.Ordinal);
        Assert.Contains("load_args", error.Message, StringComparison.Ordinal);
    }
}
