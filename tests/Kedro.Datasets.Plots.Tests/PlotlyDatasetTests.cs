using System.Data;
using System.Text.Json.Nodes;
using Kedro.Datasets.Plots.Tests.Support;
using Kedro.IO;
using Plotly.NET;
using static Kedro.Datasets.Plots.Tests.Support.Config;

namespace Kedro.Datasets.Plots.Tests;

public sealed class PlotlyDatasetTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-plots-tests");
    private readonly DatasetTypeRegistry _registry = new DatasetTypeRegistry().AddKedroPlotDatasets();

    public void Dispose() => _dir.Dispose();

    private IDataset Spaceflights(string saveVersion = "2024-01-01T00.00.00.000Z") => _registry.Create("shuttle_passenger_capacity_plot_exp", Map(
        ("type", "plotly.PlotlyDataset"),
        ("filepath", _dir.PathOf("08_reporting", "shuttle_passenger_capacity_plot_exp.json")),
        ("versioned", true),
        ("plotly_args", Map(
            ("type", "bar"),
            ("fig", Map(("x", "shuttle_type"), ("y", "passenger_capacity"), ("orientation", "h"))),
            ("layout", Map(("xaxis_title", "Shuttles"), ("yaxis_title", "Average passenger capacity"), ("title", "Shuttle Passenger capacity")))))),
        saveVersion: saveVersion);

    private PlotlyDataset Dataset(string type, Dictionary<string, object?> fig, Dictionary<string, object?>? layout = null) =>
        new(_dir.PathOf($"{type}.json"), Map(("type", type), ("fig", fig), ("layout", layout)));

    private static JsonObject Saved(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    private static string[] Strings(JsonNode? node) => [.. node!.AsArray().Select(v => v?.GetValue<string>() ?? "null")];

    private static double?[] Numbers(JsonNode? node) =>
        [.. node!.AsArray().Select(v => v is null ? (double?)null : double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public void Save_SpaceflightsCatalogEntry_WritesPlotlyExpressBarJson()
    {
        Spaceflights().Save(SampleTables.ShuttleCapacity());

        var json = Saved(_dir.PathOf("08_reporting", "shuttle_passenger_capacity_plot_exp.json", "2024-01-01T00.00.00.000Z", "shuttle_passenger_capacity_plot_exp.json"));
        Assert.Equal(["data", "layout"], json.Select(p => p.Key));
        var trace = Assert.Single(json["data"]!.AsArray())!.AsObject();
        Assert.Equal("bar", trace["type"]!.GetValue<string>());
        Assert.Equal("h", trace["orientation"]!.GetValue<string>());
        Assert.Equal(["Type V5", "Type F5", "Type A1"], Strings(trace["x"]));
        Assert.Equal([3.5, 4.25, 2.0], Numbers(trace["y"]));
        Assert.Equal("#636efa", trace["marker"]!["color"]!.GetValue<string>());
        Assert.Equal("shuttle_type=%{x}<br>passenger_capacity=%{y}<extra></extra>", trace["hovertemplate"]!.GetValue<string>());
        Assert.False(trace["showlegend"]!.GetValue<bool>());
        Assert.Equal("x", trace["xaxis"]!.GetValue<string>());
        Assert.Equal("y", trace["yaxis"]!.GetValue<string>());
        var layout = json["layout"]!.AsObject();
        Assert.Equal("Shuttles", layout["xaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("Average passenger capacity", layout["yaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("Shuttle Passenger capacity", layout["title"]!["text"]!.GetValue<string>());
        Assert.Equal("y", layout["xaxis"]!["anchor"]!.GetValue<string>());
        Assert.Equal("relative", layout["barmode"]!.GetValue<string>());
    }

    [Fact]
    public void Load_SavedFigure_GivesTheFigureOrAChart()
    {
        var dataset = Spaceflights();
        dataset.Save(SampleTables.ShuttleCapacity());
        var reader = (ITypedLoadDataset)_registry.Create("plot", Map(
            ("type", "plotly.PlotlyDataset"),
            ("filepath", _dir.PathOf("08_reporting", "shuttle_passenger_capacity_plot_exp.json")),
            ("versioned", true),
            ("plotly_args", Map(("type", "bar")))));

        var figure = Assert.IsType<PlotlyFigure>(reader.Load(typeof(object)));
        var chart = Assert.IsAssignableFrom<GenericChart>(reader.Load(typeof(GenericChart)));

        Assert.Equal("Shuttle Passenger capacity", figure.Layout["title"]!["text"]!.GetValue<string>());
        var traces = JsonNode.Parse(GenericChart.toFigureJson(chart))!["data"]!.AsArray();
        Assert.Equal(["Type V5", "Type F5", "Type A1"], Strings(Assert.Single(traces)!["x"]));
    }

    [Fact]
    public async Task SaveAsyncAndLoadAsync_RoundTrip()
    {
        var dataset = Dataset("bar", Map(("x", "shuttle_type"), ("y", "passenger_capacity")));

        await dataset.SaveAsync(SampleTables.ShuttleCapacity());
        var figure = Assert.IsType<PlotlyFigure>(await dataset.LoadAsync(typeof(PlotlyFigure)));

        Assert.Equal("v", figure.Data[0]!["orientation"]!.GetValue<string>());
        Assert.Equal("shuttle_type", figure.Layout["xaxis"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Save_BarWithNumbersAlongX_IsHorizontalAsPlotlyExpressInfers()
    {
        var dataset = Dataset("bar", Map(("x", "passenger_capacity"), ("y", "shuttle_type")));

        var figure = dataset.Draw(SampleTables.ShuttleCapacity());

        Assert.Equal("h", figure.Data[0]!["orientation"]!.GetValue<string>());
    }

    [Fact]
    public void Save_Line_WritesScatterTraceInLinesMode()
    {
        var figure = Dataset("line", Map(("x", "day"), ("y", "value"), ("markers", true))).Draw(SampleTables.Measurements());

        var trace = Assert.Single(figure.Data)!;
        Assert.Equal("scatter", trace["type"]!.GetValue<string>());
        Assert.Equal("lines+markers", trace["mode"]!.GetValue<string>());
        Assert.Equal([1.0, 2.0, 3.0, 4.0], Numbers(trace["x"]));
        Assert.Equal([10.0, 12.5, 9.0, null], Numbers(trace["y"]));
        Assert.Equal("#636efa", trace["line"]!["color"]!.GetValue<string>());
    }

    [Fact]
    public void Save_ScatterWithColor_WritesOneTracePerGroupWithTheDefaultColours()
    {
        var figure = Dataset("scatter", Map(("x", "day"), ("y", "value"), ("color", "group"))).Draw(SampleTables.Measurements());

        Assert.Equal(2, figure.Data.Count);
        var (a, b) = (figure.Data[0]!, figure.Data[1]!);
        Assert.Equal(("a", "b"), (a["name"]!.GetValue<string>(), b["name"]!.GetValue<string>()));
        Assert.Equal([1.0, 3.0], Numbers(a["x"]));
        Assert.Equal([2.0, 4.0], Numbers(b["x"]));
        Assert.Equal("markers", a["mode"]!.GetValue<string>());
        Assert.Equal(("#636efa", "#EF553B"), (a["marker"]!["color"]!.GetValue<string>(), b["marker"]!["color"]!.GetValue<string>()));
        Assert.True(a["showlegend"]!.GetValue<bool>());
        Assert.Equal("group=a<br>day=%{x}<br>value=%{y}<extra></extra>", a["hovertemplate"]!.GetValue<string>());
        Assert.Equal("group", figure.Layout["legend"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Save_BarWithNumericColor_ColoursOneTraceOnAContinuousScale()
    {
        var figure = Dataset("bar", Map(("x", "day"), ("y", "value"), ("color", "size"))).Draw(SampleTables.Measurements());

        var trace = Assert.Single(figure.Data)!;
        Assert.Equal("bar", trace["type"]!.GetValue<string>());
        Assert.Equal("[4,8,2,6]", trace["marker"]!["color"]!.ToJsonString());
        Assert.Equal("coloraxis", trace["marker"]!["coloraxis"]!.GetValue<string>());
        Assert.False(trace["showlegend"]!.GetValue<bool>());
        Assert.Equal("day=%{x}<br>value=%{y}<br>size=%{marker.color}<extra></extra>", trace["hovertemplate"]!.GetValue<string>());
        Assert.Equal("size", figure.Layout["coloraxis"]!["colorbar"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Save_ColorGroups_KeepMissingApartFromNoneTextAndNumbersApartFromText()
    {
        var table = new DataTable();
        table.Columns.Add("day", typeof(int));
        table.Columns.Add("kind", typeof(object));
        table.Rows.Add(1, DBNull.Value);
        table.Rows.Add(2, "None");
        table.Rows.Add(3, 1L);
        table.Rows.Add(4, "1");
        table.Rows.Add(5, 1.0);

        var figure = Dataset("scatter", Map(("x", "day"), ("y", "day"), ("color", "kind"))).Draw(table);

        Assert.Equal(4, figure.Data.Count);
        Assert.Equal(["[1]", "[2]", "[3,5]", "[4]"], figure.Data.Select(t => t!["x"]!.ToJsonString()));
        Assert.Equal(["None", "None", "1", "1"], figure.Data.Select(t => t!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Save_ScatterWithSize_WritesAreaSizedMarkers()
    {
        var trace = Dataset("scatter", Map(("x", "day"), ("y", "value"), ("size", "size"))).Draw(SampleTables.Measurements()).Data[0]!;

        Assert.Equal([4.0, 8.0, 2.0, 6.0], Numbers(trace["marker"]!["size"]));
        Assert.Equal("area", trace["marker"]!["sizemode"]!.GetValue<string>());
        Assert.Equal(2.0 * 8 / (20 * 20), trace["marker"]!["sizeref"]!.GetValue<double>(), 12);
    }

    [Fact]
    public void Save_Histogram_CountsAlongYAndBinsAsAsked()
    {
        var figure = Dataset("histogram", Map(("x", "value"), ("nbins", 5))).Draw(SampleTables.Measurements());

        var trace = Assert.Single(figure.Data)!;
        Assert.Equal("histogram", trace["type"]!.GetValue<string>());
        Assert.Equal(5, trace["nbinsx"]!.GetValue<int>());
        Assert.Equal("v", trace["orientation"]!.GetValue<string>());
        Assert.Null(trace["y"]);
        Assert.Equal("count", figure.Layout["yaxis"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Save_HistogramWithXAndY_SumsY()
    {
        var figure = Dataset("histogram", Map(("x", "group"), ("y", "value"))).Draw(SampleTables.Measurements());

        Assert.Equal("sum", figure.Data[0]!["histfunc"]!.GetValue<string>());
        Assert.Equal("sum of value", figure.Layout["yaxis"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Save_Pie_WritesLabelsAndValues()
    {
        var figure = Dataset("pie", Map(("names", "shuttle_type"), ("values", "passenger_capacity"), ("hole", 0.4), ("title", "Share")))
            .Draw(SampleTables.ShuttleCapacity());

        var trace = Assert.Single(figure.Data)!;
        Assert.Equal("pie", trace["type"]!.GetValue<string>());
        Assert.Equal(["Type V5", "Type F5", "Type A1"], Strings(trace["labels"]));
        Assert.Equal([3.5, 4.25, 2.0], Numbers(trace["values"]));
        Assert.Equal(0.4, trace["hole"]!.GetValue<double>());
        Assert.Null(figure.Layout["xaxis"]);
        Assert.Equal("Share", figure.Layout["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Save_Box_WritesBoxTraceWithPoints()
    {
        var figure = Dataset("box", Map(("x", "group"), ("y", "value"), ("points", "all"))).Draw(SampleTables.Measurements());

        var trace = Assert.Single(figure.Data)!;
        Assert.Equal("box", trace["type"]!.GetValue<string>());
        Assert.Equal("all", trace["boxpoints"]!.GetValue<string>());
        Assert.Equal("v", trace["orientation"]!.GetValue<string>());
        Assert.Equal(["a", "b", "a", "b"], Strings(trace["x"]));
        Assert.Equal("group", figure.Layout["boxmode"]!.GetValue<string>());
    }

    [Fact]
    public void Save_LayoutPathsAndLabels_FollowPlotlyPy()
    {
        var figure = Dataset("bar", Map(("x", "shuttle_type"), ("y", "passenger_capacity"), ("labels", Map(("shuttle_type", "Shuttle")))),
                Map(("paper_bgcolor", "white"), ("xaxis_title_font_size", 18), ("legend", Map(("orientation", "h"))), ("height", 400)))
            .Draw(SampleTables.ShuttleCapacity());

        Assert.Equal("white", figure.Layout["paper_bgcolor"]!.GetValue<string>());
        Assert.Equal("Shuttle", figure.Layout["xaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal(18, figure.Layout["xaxis"]!["title"]!["font"]!["size"]!.GetValue<long>());
        Assert.Equal("h", figure.Layout["legend"]!["orientation"]!.GetValue<string>());
        Assert.Equal(0, figure.Layout["legend"]!["tracegroupgap"]!.GetValue<int>());
        Assert.Equal(400, figure.Layout["height"]!.GetValue<long>());
        Assert.Equal("Shuttle=%{x}<br>passenger_capacity=%{y}<extra></extra>", figure.Data[0]!["hovertemplate"]!.GetValue<string>());
    }

    [Fact]
    public void Create_UnknownType_NamesTheDatasetTheArgumentAndTheSupportedTypes()
    {
        var error = Assert.Throws<DatasetException>(() => _registry.Create("capacity_plot", Map(
            ("type", "plotly.PlotlyDataset"), ("filepath", _dir.PathOf("p.json")), ("plotly_args", Map(("type", "sunburst"))))));

        Assert.Contains("capacity_plot", error.Message, StringComparison.Ordinal);
        Assert.Contains("plotly_args 'type' of 'PlotlyDataset' is 'sunburst'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'bar', 'line', 'scatter', 'histogram', 'pie', 'box'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MissingPlotlyArgs_SaysWhatToWrite()
    {
        var error = Assert.Throws<DatasetException>(() => _registry.Create("capacity_plot", Map(
            ("type", "plotly.PlotlyDataset"), ("filepath", _dir.PathOf("p.json")))));

        Assert.Contains("'PlotlyDataset' needs 'plotly_args'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownFigArgument_NamesTheSupportedOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => Dataset("bar", Map(("x", "a"), ("facet_col", "b"))));

        Assert.Contains("'fig' of 'PlotlyDataset' has 'facet_col'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'orientation'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BadOrientation_SaysWhatIsExpected()
    {
        var error = Assert.Throws<ArgumentException>(() => Dataset("bar", Map(("x", "a"), ("orientation", "sideways"))));

        Assert.Equal("plotly_args 'fig' 'orientation' of 'PlotlyDataset' must be 'v' or 'h', not 'sideways'.", error.Message);
    }

    [Fact]
    public void Create_ThemeOtherThanPlotly_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new PlotlyDataset(_dir.PathOf("p.json"), Map(("type", "bar"), ("theme", "ggplot2"))));

        Assert.Contains("'theme' of 'PlotlyDataset' is 'ggplot2'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_ColumnTheTableLacks_NamesTheArgumentTheColumnAndTheColumnsFound()
    {
        var dataset = Dataset("bar", Map(("x", "shuttle"), ("y", "passenger_capacity")));

        var error = Assert.Throws<DatasetException>(() => dataset.Save(SampleTables.ShuttleCapacity()));

        Assert.Contains("Failed while saving data to dataset Kedro.Datasets.Plots.PlotlyDataset(filepath=", error.Message, StringComparison.Ordinal);
        Assert.Contains("plotly_args 'fig' 'x' of 'PlotlyDataset' names the column 'shuttle', which the table does not have "
            + "(columns: 'shuttle_type', 'passenger_capacity')", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.PathOf("bar.json")));
    }

    [Fact]
    public void Save_NotATable_IsRefused()
    {
        var dataset = Dataset("bar", Map(("x", "a")));

        var error = Assert.Throws<DatasetException>(() => dataset.Save(42));

        Assert.Contains("'PlotlyDataset' draws a table, not a 'int'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_Versioned_KeepsEachVersion()
    {
        Spaceflights("2024-01-01T00.00.00.000Z").Save(SampleTables.ShuttleCapacity());
        Spaceflights("2024-01-02T00.00.00.000Z").Save(SampleTables.ShuttleCapacity());

        Assert.Equal(
            ["08_reporting/shuttle_passenger_capacity_plot_exp.json/2024-01-01T00.00.00.000Z/shuttle_passenger_capacity_plot_exp.json",
                "08_reporting/shuttle_passenger_capacity_plot_exp.json/2024-01-02T00.00.00.000Z/shuttle_passenger_capacity_plot_exp.json"],
            _dir.Files().Select(f => f.Replace('\\', '/')));
    }

    [Fact]
    public void Save_LogAxisRange_IsWrittenInPowersOfTenAsPlotlyExpressDoes()
    {
        var figure = Dataset("scatter", Map(("x", "day"), ("y", "value"), ("log_y", true), ("range_y", new List<object?> { 1, 100 }),
            ("range_x", new List<object?> { 0, 5 }))).Draw(SampleTables.Measurements());

        Assert.Equal("[0,2]", figure.Layout["yaxis"]!["range"]!.ToJsonString());
        Assert.Equal("[0,5]", figure.Layout["xaxis"]!["range"]!.ToJsonString());
    }

    [Fact]
    public void Create_LogAxisRangeWithZero_IsRefusedSayingWhy()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Dataset("scatter", Map(("x", "day"), ("log_x", true), ("range_x", new List<object?> { 0, 5 }))));

        Assert.Equal(
            "plotly_args 'fig' 'range_x' of 'PlotlyDataset' is [0, 5], but 'log_x' is true and a log axis has no zero or negative values. "
                + "Give 'range_x' two positive numbers, or set 'log_x' to false.",
            error.Message);
    }

    [Fact]
    public void Save_LayoutWithUnsignedLongAndDecimal_WritesTheExactNumbers()
    {
        var path = _dir.PathOf("bar.json");
        Dataset("bar", Map(("x", "day"), ("y", "value")), Map(("meta", ulong.MaxValue), ("yaxis_dtick", 0.12345678901234567890123m)))
            .Save(SampleTables.Measurements());

        var layout = Saved(path)["layout"]!;
        Assert.Equal("18446744073709551615", layout["meta"]!.ToJsonString());
        Assert.Equal("0.12345678901234567890123", layout["yaxis"]!["dtick"]!.ToJsonString());
    }

    [Fact]
    public void Save_HoverNameRangesLogAxesAndColours_AreWritten()
    {
        var figure = Dataset("scatter", Map(("x", "day"), ("y", "value"), ("hover_name", "group"), ("range_x", new List<object?> { 0, 5 }),
            ("log_y", true), ("color_discrete_sequence", new List<object?> { "red" }), ("width", 500))).Draw(SampleTables.Measurements());

        var trace = figure.Data[0]!;
        Assert.Equal("[\"a\",\"b\",\"a\",\"b\"]", trace["hovertext"]!.ToJsonString());
        Assert.StartsWith("<b>%{hovertext}</b><br><br>day=%{x}", trace["hovertemplate"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("red", trace["marker"]!["color"]!.GetValue<string>());
        Assert.Equal("[0,5]", figure.Layout["xaxis"]!["range"]!.ToJsonString());
        Assert.Equal("log", figure.Layout["yaxis"]!["type"]!.GetValue<string>());
        Assert.Equal(500, figure.Layout["width"]!.GetValue<double>());
    }

    [Fact]
    public void Save_HistogramOfYAlone_LiesAlongY()
    {
        var figure = Dataset("histogram", Map(("y", "value"), ("nbins", 3))).Draw(SampleTables.Measurements());

        Assert.Equal("h", figure.Data[0]!["orientation"]!.GetValue<string>());
        Assert.Equal(3, figure.Data[0]!["nbinsy"]!.GetValue<int>());
        Assert.Equal("count", figure.Layout["xaxis"]!["title"]!["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("box", "y", "v")]
    [InlineData("box", "x", "h")]
    [InlineData("bar", "x", "h")]
    [InlineData("bar", "y", "v")]
    [InlineData("histogram", "x", "v")]
    [InlineData("histogram", "y", "h")]
    public void Save_OneColumnAlone_TakesPlotlyExpressOrientation(string kind, string axis, string orientation)
    {
        var figure = Dataset(kind, Map((axis, "value"))).Draw(SampleTables.Measurements());

        var trace = figure.Data[0]!;
        Assert.Equal(orientation, trace["orientation"]!.GetValue<string>());
        Assert.Equal("[10,12.5,9,null]", trace[axis]!.ToJsonString());
    }

    [Fact]
    public void Save_HistogramWithNumbersAlongXAndTextAlongY_IsHorizontal()
    {
        var figure = Dataset("histogram", Map(("x", "value"), ("y", "group"))).Draw(SampleTables.Measurements());

        Assert.Equal("h", figure.Data[0]!["orientation"]!.GetValue<string>());
    }

    [Fact]
    public void Save_BarWithoutX_PlotsAgainstTheRowNumber()
    {
        var trace = Dataset("bar", Map(("y", "value"))).Draw(SampleTables.Measurements()).Data[0]!;

        Assert.Equal("[0,1,2,3]", trace["x"]!.ToJsonString());
    }

    [Fact]
    public void Create_ColumnArgumentThatIsNotAName_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => Dataset("line", Map(("x", "day"), ("y", new List<object?> { "a", "b" }))));

        Assert.StartsWith("plotly_args 'fig' 'y' of 'PlotlyDataset' must be one column name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_CellWithNoJsonForm_NamesTheColumnAndRow()
    {
        var table = new System.Data.DataTable();
        table.Columns.Add("x", typeof(object));
        table.Rows.Add(new object());
        var dataset = Dataset("bar", Map(("x", "x")));

        var error = Assert.Throws<DatasetException>(() => dataset.Save(table));

        Assert.Contains("column 'x', row 0 holds a 'object', which has no Plotly JSON form", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bar", "'x' or 'y'")]
    [InlineData("pie", "'names' or 'values'")]
    public void Save_NoColumnToDraw_SaysWhichArgumentsAreNeeded(string type, string needed)
    {
        var dataset = Dataset(type, Map(("title", "Empty")));

        var error = Assert.Throws<InvalidDataException>(() => dataset.Draw(SampleTables.ShuttleCapacity()));

        Assert.Equal($"plotly_args 'fig' of 'PlotlyDataset' gives '{type}' no column to draw: it needs {needed} (column names of the table).", error.Message);
    }
}
