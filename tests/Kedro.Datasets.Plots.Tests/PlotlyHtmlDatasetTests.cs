using Kedro.Datasets.Plots.Tests.Support;
using Kedro.IO;
using static Kedro.Datasets.Plots.Tests.Support.Config;

namespace Kedro.Datasets.Plots.Tests;

public sealed class PlotlyHtmlDatasetTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-plots-tests");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Save_Chart_WritesAStandalonePageWithPlotlyJsAndTheData()
    {
        var dataset = new PlotlyHtmlDataset(_dir.PathOf("chart.html"));

        dataset.Save(Charts.BarsAndLine());

        var html = File.ReadAllText(_dir.PathOf("chart.html"));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("\"x\":[\"Type V5\",\"Type F5\"]", html, StringComparison.Ordinal);
        Assert.Contains("\"y\":[3.5,4.25]", html, StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src=", html, StringComparison.Ordinal);
        Assert.True(html.Length > 1_000_000, "plotly.js is inside the page");
    }

    [Fact]
    public void Save_LeavesTheNodesChartAsItWas()
    {
        var chart = Charts.BarsAndLine();
        var before = Plotly.NET.GenericChart.toEmbeddedHTML(chart);

        new PlotlyHtmlDataset(_dir.PathOf("chart.html"), Map(("include_plotlyjs", false))).Save(chart);

        Assert.Contains("<script src=", before, StringComparison.Ordinal);
        Assert.Contains("<script src=", Plotly.NET.GenericChart.toEmbeddedHTML(chart), StringComparison.Ordinal);
        Assert.DoesNotContain("<script src=", _dir.Read("chart.html"), StringComparison.Ordinal);
    }

    [Fact]
    public void Save_Cdn_LoadsPlotlyJsFromTheCdn()
    {
        var dataset = new PlotlyHtmlDataset(_dir.PathOf("chart.html"), Map(("include_plotlyjs", "cdn")));

        dataset.Save(PlotlyFigure.Parse("""{"data":[{"type":"bar","x":["a"],"y":[7]}],"layout":{}}"""));

        var html = File.ReadAllText(_dir.PathOf("chart.html"));
        Assert.Contains("<script src=\"https://cdn.plot.ly/plotly-2.28.0.min.js\"", html, StringComparison.Ordinal);
        Assert.Contains("\"y\":[7]", html, StringComparison.Ordinal);
        Assert.True(html.Length < 10_000);
    }

    [Fact]
    public void Load_GivesTheHtmlText()
    {
        var dataset = new PlotlyHtmlDataset(_dir.PathOf("chart.html"), Map(("include_plotlyjs", false)),
            version: new DatasetVersion(null, "2024-01-01T00.00.00.000Z"));
        dataset.Save(Charts.BarsAndLine());

        var html = Assert.IsType<string>(new PlotlyHtmlDataset(_dir.PathOf("chart.html"), version: new DatasetVersion(null, null)).Load());

        Assert.Equal(File.ReadAllText(_dir.PathOf("chart.html", "2024-01-01T00.00.00.000Z", "chart.html")), html);
        Assert.Contains("\"name\":\"capacity\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src=", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_NotAFigure_LeavesTheEarlierPage()
    {
        var dataset = new PlotlyHtmlDataset(_dir.PathOf("chart.html"), Map(("include_plotlyjs", "cdn")));
        dataset.Save(Charts.BarsAndLine());
        var before = File.ReadAllText(_dir.PathOf("chart.html"));

        var error = Assert.Throws<DatasetException>(() => dataset.Save("not a chart"));

        Assert.Contains("'PlotlyHtmlDataset' saves a Plotly figure", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(_dir.PathOf("chart.html")));
        Assert.Equal(["chart.html"], _dir.Files());
    }

    [Theory]
    [InlineData("include_plotlyjs", "directory", "save_args 'include_plotlyjs' of 'PlotlyHtmlDataset' must be true, false or 'cdn', not 'directory'.")]
    [InlineData("full_html", false, "save_args 'full_html' of 'PlotlyHtmlDataset' must be true")]
    [InlineData("auto_open", true, "save_args 'auto_open' of 'PlotlyHtmlDataset' must be false")]
    [InlineData("div_id", "x", "'PlotlyHtmlDataset' does not support save_args 'div_id'.")]
    public void Create_UnsupportedSaveArguments_AreRefusedClearly(string key, object value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new PlotlyHtmlDataset(_dir.PathOf("c.html"), Map((key, value))));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
