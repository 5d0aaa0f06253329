using System.Text.Json;
using System.Text.Json.Nodes;
using Plotly.NET;

namespace Kedro.Datasets.Plots.Tests;

public sealed class PlotlyFigureTests
{
    [Fact]
    public void Parse_ThenToJson_KeepsDataLayoutAndFrames()
    {
        const string Json = """{"data":[{"type":"scatter","x":[1,2.5],"y":[null,"a"],"marker":{"color":"red"}}],"layout":{"title":{"text":"T"}},"frames":[{"name":"f"}]}""";

        var figure = PlotlyFigure.Parse(Json);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Json), JsonNode.Parse(figure.ToJson())));
        Assert.Equal(figure.ToJson(), figure.ToString());
        Assert.Contains("\n  \"layout\": {", figure.ToJson(indented: true), StringComparison.Ordinal);
    }

    [Fact]
    public void ToChart_ThenFromChart_GivesTheSameFigure()
    {
        var figure = PlotlyFigure.Parse("""{"data":[{"type":"bar","x":["a","b"],"y":[1,2.0],"orientation":"h"},{"x":[1],"y":[2]}],"layout":{"barmode":"group","xaxis":{"title":{"text":"X"}}}}""");

        var chart = figure.ToChart();

        Assert.Equal(2, GenericChart.countTrace(chart));
        var back = PlotlyFigure.FromChart(chart);
        Assert.Equal("bar", back.Data[0]!["type"]!.GetValue<string>());
        Assert.Equal("scatter", back.Data[1]!["type"]!.GetValue<string>());
        Assert.Equal(figure.Layout.ToJsonString(), back.Layout.ToJsonString());
        Assert.Equal(1.0, back.Data[0]!["y"]![0]!.GetValue<double>());
    }

    [Fact]
    public void New_Empty_IsAFigureWithNoTraces()
    {
        var figure = new PlotlyFigure();

        Assert.Equal("""{"data":[],"layout":{}}""", figure.ToJson());
        Assert.Equal("""{"data":[],"layout":{}}""", PlotlyFigure.FromChart(figure.ToChart()).ToJson());
    }

    [Theory]
    [InlineData("[1, 2]", "The JSON is not a JSON object.")]
    [InlineData("""{"data": [1]}""", "The JSON's trace 0 is not a JSON object.")]
    [InlineData("""{"data": [], "layout": []}""", "The JSON's 'layout' is not a JSON object.")]
    [InlineData("""{"data": [], "frames": {}}""", "The JSON's 'frames' is not a list.")]
    public void Parse_NotAFigure_SaysWhatIsWrong(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => PlotlyFigure.Parse(json));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Parse_NotJson_Throws()
    {
        _ = Assert.ThrowsAny<JsonException>(() => PlotlyFigure.Parse("{data"));
    }

    [Fact]
    public void New_TraceThatIsNotAnObject_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new PlotlyFigure([JsonValue.Create(1)]));

        Assert.StartsWith("Trace 0 of the figure's data is not a JSON object.", error.Message, StringComparison.Ordinal);
    }
}
