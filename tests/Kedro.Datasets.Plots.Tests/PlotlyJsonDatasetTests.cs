using System.Text.Json.Nodes;
using Kedro.Datasets.Plots.Tests.Support;
using Kedro.IO;
using Plotly.NET;
using static Kedro.Datasets.Plots.Tests.Support.Config;

namespace Kedro.Datasets.Plots.Tests;

public sealed class PlotlyJsonDatasetTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-plots-tests");

    public void Dispose() => _dir.Dispose();

    private static JsonObject Figure(GenericChart chart)
    {
        var figure = JsonNode.Parse(GenericChart.toFigureJson(chart))!.AsObject();
        _ = figure.Remove("frames");
        return figure;
    }

    [Fact]
    public void SaveAndLoad_GenericChart_RoundTripsEveryProperty()
    {
        var dataset = new PlotlyJsonDataset(_dir.PathOf("chart.json"), saveArgs: Map(("remove_uids", false)));
        var chart = Charts.BarsAndLine();

        dataset.Save(chart);
        var loaded = Assert.IsAssignableFrom<GenericChart>(dataset.Load(typeof(GenericChart)));

        Assert.True(JsonNode.DeepEquals(Figure(chart), Figure(loaded)), GenericChart.toFigureJson(loaded));
    }

    [Fact]
    public void Save_WritesPlotlyFigureJsonWithoutUids()
    {
        var dataset = new PlotlyJsonDataset(_dir.PathOf("chart.json"));

        dataset.Save(Charts.BarsAndLine());

        var text = File.ReadAllText(_dir.PathOf("chart.json"));
        var json = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["data", "layout"], json.Select(p => p.Key));
        Assert.Equal("bar", json["data"]![0]!["type"]!.GetValue<string>());
        Assert.Null(json["data"]![0]!["uid"]);
        Assert.Equal("Capacity", json["layout"]!["title"]!["text"]!.GetValue<string>());
        Assert.DoesNotContain('\n', text);
    }

    [Fact]
    public void Save_Pretty_IndentsTheJson()
    {
        new PlotlyJsonDataset(_dir.PathOf("chart.json"), saveArgs: Map(("pretty", true), ("engine", "json"))).Save(Charts.BarsAndLine());

        Assert.Contains("\n  \"data\": [", File.ReadAllText(_dir.PathOf("chart.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PlotlyPyJson_GivesAFigureThatConvertsToAChart()
    {
        var path = _dir.Write("fig.json", """{"data":[{"type":"bar","x":["a","b"],"y":[1,2],"orientation":"v"}],"layout":{"template":{"layout":{"font":{"color":"#2a3f5f"}}},"title":{"text":"T"}}}""");
        var dataset = new PlotlyJsonDataset(path, loadArgs: Map(("output_type", "Figure"), ("skip_invalid", true)));

        var figure = Assert.IsType<PlotlyFigure>(dataset.Load());
        var chart = figure.ToChart();

        Assert.Equal("#2a3f5f", figure.Layout["template"]!["layout"]!["font"]!["color"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(figure.ToJson()), Figure(chart)));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(figure.ToJson()), JsonNode.Parse(PlotlyFigure.FromChart(chart).ToJson())));
    }

    [Fact]
    public async Task SaveAsyncAndLoadAsync_PlotlyFigure_RoundTrips()
    {
        var dataset = new PlotlyJsonDataset(_dir.PathOf("figure.json"));
        var figure = PlotlyFigure.Parse("""{"data":[{"type":"pie","labels":["a"],"values":[1.5]}],"layout":{"height":300}}""");

        await dataset.SaveAsync(figure);
        var loaded = Assert.IsType<PlotlyFigure>(await dataset.LoadAsync(typeof(object)));

        Assert.Equal(figure.ToJson(), loaded.ToJson());
    }

    [Fact]
    public void Save_Versioned_LoadsTheLatest()
    {
        var path = _dir.PathOf("chart.json");
        new PlotlyJsonDataset(path, version: new DatasetVersion(null, "2024-01-01T00.00.00.000Z")).Save(PlotlyFigure.Parse("""{"data":[],"layout":{"title":{"text":"one"}}}"""));
        new PlotlyJsonDataset(path, version: new DatasetVersion(null, "2024-01-02T00.00.00.000Z")).Save(PlotlyFigure.Parse("""{"data":[],"layout":{"title":{"text":"two"}}}"""));

        var latest = (PlotlyFigure)new PlotlyJsonDataset(path, version: new DatasetVersion(null, null)).Load()!;
        var first = (PlotlyFigure)new PlotlyJsonDataset(path, version: new DatasetVersion("2024-01-01T00.00.00.000Z", null)).Load()!;

        Assert.Equal("two", latest.Layout["title"]!["text"]!.GetValue<string>());
        Assert.Equal("one", first.Layout["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Save_NotAFigure_IsRefusedAndWritesNothing()
    {
        var dataset = new PlotlyJsonDataset(_dir.PathOf("chart.json"));

        var error = Assert.Throws<DatasetException>(() => dataset.Save(new Dictionary<string, object?> { ["data"] = 1 }));

        Assert.Contains("'PlotlyJsonDataset' saves a Plotly figure: a Plotly.NET 'GenericChart' or a 'PlotlyFigure', not a 'Dictionary<string, object>'",
            error.Message, StringComparison.Ordinal);
        Assert.Empty(_dir.Files());
    }

    [Fact]
    public void Load_NotAFigure_NamesTheFile()
    {
        var path = _dir.Write("chart.json", """{"data": {"type": "bar"}}""");

        var error = Assert.Throws<DatasetException>(() => new PlotlyJsonDataset(path).Load());

        Assert.Contains($"'{path}' is not a Plotly figure: The JSON's 'data' is not a list of traces.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotJson_NamesTheFile()
    {
        var path = _dir.Write("chart.json", "<html>");

        var error = Assert.Throws<DatasetException>(() => new PlotlyJsonDataset(path).Load());

        Assert.Contains($"'{path}' is not a Plotly figure: it is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FigureWithFramesAsChart_IsRefusedButLoadsAsFigure()
    {
        var path = _dir.Write("anim.json", """{"data":[],"layout":{},"frames":[{"name":"f0","data":[]}]}""");
        var dataset = new PlotlyJsonDataset(path);

        var figure = Assert.IsType<PlotlyFigure>(dataset.Load(typeof(PlotlyFigure)));
        var error = Assert.Throws<InvalidOperationException>(() => dataset.Load(typeof(GenericChart)));

        Assert.Single(figure.Frames);
        Assert.Contains("\"frames\":[", figure.ToJson(), StringComparison.Ordinal);
        Assert.Contains("animation 'frames'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("save_args", "validate", true, "save_args 'validate' of 'PlotlyJsonDataset' must be false")]
    [InlineData("save_args", "engine", "simplejson", "save_args 'engine' of 'PlotlyJsonDataset' must be 'json', 'orjson' or 'auto', not 'simplejson'.")]
    [InlineData("save_args", "auto_play", true, "'PlotlyJsonDataset' does not support save_args 'auto_play'. Supported save_args: 'pretty', 'remove_uids', 'engine', 'validate'.")]
    [InlineData("load_args", "output_type", "FigureWidget", "load_args 'output_type' of 'PlotlyJsonDataset' must be 'Figure'")]
    public void Create_UnsupportedArguments_AreRefusedClearly(string argName, string key, object value, string expected)
    {
        var args = Map((key, value));

        var error = Assert.Throws<ArgumentException>(() => argName == "save_args"
            ? new PlotlyJsonDataset(_dir.PathOf("c.json"), saveArgs: args)
            : new PlotlyJsonDataset(_dir.PathOf("c.json"), loadArgs: args));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
