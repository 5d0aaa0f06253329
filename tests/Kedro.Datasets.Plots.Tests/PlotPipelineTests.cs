using System.Text.Json.Nodes;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;
using Microsoft.Data.Analysis;
using ScottPlot;
using static Kedro.Datasets.Plots.Tests.Support.Config;

namespace Kedro.Datasets.Plots.Tests;

/// <summary>Plot datasets configured as in a Kedro catalog, written by a pipeline run.</summary>
public sealed class PlotPipelineTests : IDisposable
{
    private const string Version = "2024-01-01T00.00.00.000Z";
    private readonly TempFolder _dir = new("kedro-plots-tests");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Run_NodesReturningADataFrameAndAPlot_WriteTheReportingFiles()
    {
        var registry = new DatasetTypeRegistry().AddKedroPlotDatasets();
        var catalog = DataCatalog.FromConfig(new Dictionary<string, object?>
        {
            ["shuttle_passenger_capacity_plot_exp"] = Map(
                ("type", "plotly.PlotlyDataset"),
                ("filepath", _dir.PathOf("shuttle_passenger_capacity_plot_exp.json")),
                ("versioned", true),
                ("plotly_args", Map(
                    ("type", "bar"),
                    ("fig", Map(("x", "shuttle_type"), ("y", "passenger_capacity"), ("orientation", "h"))),
                    ("layout", Map(("xaxis_title", "Shuttles"), ("yaxis_title", "Average passenger capacity"), ("title", "Shuttle Passenger capacity")))))),
            ["dummy_confusion_matrix"] = Map(
                ("type", "matplotlib.MatplotlibDataset"),
                ("filepath", _dir.PathOf("dummy_confusion_matrix.png")),
                ("versioned", true)),
        }, registry: registry, saveVersion: Version);
        var pipeline = new Pipeline(
        [
            Node.Create(() => new DataFrame(
                    new StringDataFrameColumn("shuttle_type", ["Type V5", "Type F5"]),
                    new DoubleDataFrameColumn("passenger_capacity", [3.5, 4.25])),
                [], "shuttle_passenger_capacity_plot_exp", name: "create_capacity_plot"),
            Node.Create(() =>
                {
                    var plot = new Plot();
                    plot.Add.Heatmap(new double[,] { { 1, 2 }, { 3, 4 } });
                    return plot;
                },
                [], "dummy_confusion_matrix", name: "create_confusion_matrix"),
        ]);

        new SequentialRunner().Run(pipeline, catalog);

        var figure = JsonNode.Parse(File.ReadAllText(_dir.PathOf("shuttle_passenger_capacity_plot_exp.json", Version, "shuttle_passenger_capacity_plot_exp.json")))!;
        Assert.Equal("[\"Type V5\",\"Type F5\"]", figure["data"]![0]!["x"]!.ToJsonString());
        Assert.Equal("Shuttles", figure["layout"]!["xaxis"]!["title"]!["text"]!.GetValue<string>());
        var png = File.ReadAllBytes(_dir.PathOf("dummy_confusion_matrix.png", Version, "dummy_confusion_matrix.png"));
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
        Assert.IsType<PlotlyFigure>(catalog.Load("shuttle_passenger_capacity_plot_exp"));
    }

    [Fact]
    public void Run_ChartProducerFeedsAFigureConsumerThroughMemory()
    {
        _ = new DatasetTypeRegistry().AddKedroPlotDatasets();
        var catalog = new DataCatalog();
        var pipeline = new Pipeline(
        [
            Node.Create(() => PlotlyFigure.Parse("""{"data":[{"type":"bar","x":["a"],"y":[2]}],"layout":{}}""").ToChart(), [], "chart", name: "draw"),
            Node.Create((PlotlyFigure figure) => figure.Data.Count, "chart", "traces", name: "count"),
        ]);

        var outputs = new SequentialRunner().Run(pipeline, catalog);

        Assert.Equal(1, outputs["traces"].Load());
    }

    [Fact]
    public void PlotlyFigureConverter_ConvertsBothWaysAndNothingElse()
    {
        var converter = new PlotlyFigureConverter();
        var figure = PlotlyFigure.Parse("""{"data":[{"type":"pie","values":[1]}],"layout":{}}""");

        Assert.True(converter.CanConvert(typeof(PlotlyFigure), typeof(Plotly.NET.GenericChart)));
        Assert.True(converter.CanConvert(figure.ToChart().GetType(), typeof(PlotlyFigure)));
        Assert.False(converter.CanConvert(typeof(PlotlyFigure), typeof(string)));
        var chart = (Plotly.NET.GenericChart)converter.Convert(figure, typeof(Plotly.NET.GenericChart));
        Assert.Equal(figure.ToJson(), ((PlotlyFigure)converter.Convert(chart, typeof(PlotlyFigure))).ToJson());
    }
}
