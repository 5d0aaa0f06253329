using System.Text.Json;
using System.Text.Json.Nodes;
using Kedro.Datasets.Plots.Internal;
using Plotly.NET;

namespace Kedro.Datasets.Plots;

/// <summary>
/// A Plotly figure as plotly.js, plotly.py and Kedro-Viz read it: the <c>data</c> list of traces and the <c>layout</c>
/// object of the figure JSON (<c>{"data": [{"type": "bar", "x": [...], ...}], "layout": {...}}</c>). The Plotly datasets
/// load figures as this type; it converts to and from a Plotly.NET <see cref="GenericChart"/> without losing any property,
/// since both are the same JSON.
/// </summary>
public sealed class PlotlyFigure
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2 };

    /// <summary>Creates a figure from its traces and layout.</summary>
    /// <param name="data">The traces (each a JSON object with a <c>type</c>); an empty list when <see langword="null"/>.</param>
    /// <param name="layout">The layout; an empty object when <see langword="null"/>.</param>
    /// <param name="frames">Animation frames, kept as they are; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An element of <paramref name="data"/> is not a JSON object.</exception>
    public PlotlyFigure(JsonArray? data = null, JsonObject? layout = null, JsonArray? frames = null)
    {
        Data = data ?? [];
        Layout = layout ?? [];
        Frames = frames ?? [];
        for (var i = 0; i < Data.Count; i++)
        {
            if (Data[i] is not JsonObject)
            {
                throw new ArgumentException($"Trace {i} of the figure's data is not a JSON object.", nameof(data));
            }
        }
    }

    /// <summary>The traces: one JSON object per trace, with its <c>type</c> (<c>bar</c>, <c>scatter</c>, ...) and data.</summary>
    public JsonArray Data { get; }

    /// <summary>The layout: titles, axes, legend, size and so on.</summary>
    public JsonObject Layout { get; }

    /// <summary>Animation frames (plotly.py's <c>frames</c>); empty for a still figure, and then not written.</summary>
    public JsonArray Frames { get; }

    /// <summary>Reads a figure from Plotly figure JSON, as plotly.py's <c>write_json</c> and Plotly.NET write it.</summary>
    /// <param name="json">The JSON text: an object with a <c>data</c> list and, optionally, <c>layout</c> and <c>frames</c>.</param>
    /// <returns>The figure.</returns>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    /// <exception cref="InvalidDataException">The JSON is not a figure (the message says what is missing).</exception>
    public static PlotlyFigure Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromNode(JsonNode.Parse(json), "The JSON");
    }

    /// <summary>The figure of a Plotly.NET chart: its traces and layout as Plotly.NET writes them.</summary>
    /// <param name="chart">The chart.</param>
    /// <returns>The figure.</returns>
    public static PlotlyFigure FromChart(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return FromNode(JsonNode.Parse(GenericChart.toFigureJson(chart)), "The chart");
    }

    /// <summary>
    /// A Plotly.NET chart with exactly these traces and layout (Plotly.NET's defaults, such as its template, are not added),
    /// so <c>PlotlyFigure.FromChart(figure.ToChart())</c> gives the same JSON back.
    /// </summary>
    /// <returns>The chart.</returns>
    /// <exception cref="InvalidOperationException">The figure has animation frames, which a <see cref="GenericChart"/> cannot hold.</exception>
    public GenericChart ToChart()
    {
        if (Frames.Count > 0)
        {
            throw PlotErrors.HasFrames();
        }

        var traces = new List<Trace>(Data.Count);
        foreach (var node in Data)
        {
            var item = (JsonObject)node!;
            var type = item["type"] is JsonValue value && value.TryGetValue<string>(out var name) ? name : "scatter";
            var trace = new Trace(type);
            foreach (var (key, property) in item)
            {
                if (key != "type")
                {
                    trace.SetProperty(key, PlainValues.Of(property));
                }
            }

            traces.Add(trace);
        }

        var layout = new Layout();
        foreach (var (key, property) in Layout)
        {
            layout.SetProperty(key, PlainValues.Of(property));
        }

        var chart = traces.Count == 1 ? GenericChart.ofTraceObject(false, traces[0]) : GenericChart.ofTraceObjects(false, traces);
        return GenericChart.setLayout(layout, chart);
    }

    /// <summary>The figure as Plotly figure JSON: <c>{"data": [...], "layout": {...}}</c>, with <c>frames</c> when there are any.</summary>
    /// <param name="indented">Whether to indent the JSON (plotly.py's <c>pretty</c>); one line when <see langword="false"/>.</param>
    /// <returns>The JSON text.</returns>
    public string ToJson(bool indented = false) => ToNode().ToJsonString(indented ? Indented : Compact);

    /// <inheritdoc/>
    public override string ToString() => ToJson();

    internal JsonObject ToNode()
    {
        var root = new JsonObject
        {
            ["data"] = Data.DeepClone(),
            ["layout"] = Layout.DeepClone(),
        };
        if (Frames.Count > 0)
        {
            root["frames"] = Frames.DeepClone();
        }

        return root;
    }

    internal static PlotlyFigure FromNode(JsonNode? node, string what)
    {
        if (node is not JsonObject root)
        {
            throw new InvalidDataException($"{what} is not a JSON object.");
        }

        var data = root["data"] switch
        {
            null => [],
            JsonArray array => (JsonArray)array.DeepClone(),
            _ => throw new InvalidDataException($"{what}'s 'data' is not a list of traces."),
        };
        for (var i = 0; i < data.Count; i++)
        {
            if (data[i] is not JsonObject)
            {
                throw new InvalidDataException($"{what}'s trace {i} is not a JSON object.");
            }
        }

        var layout = root["layout"] switch
        {
            null => [],
            JsonObject value => (JsonObject)value.DeepClone(),
            _ => throw new InvalidDataException($"{what}'s 'layout' is not a JSON object."),
        };
        var frames = root["frames"] switch
        {
            null => [],
            JsonArray value => (JsonArray)value.DeepClone(),
            _ => throw new InvalidDataException($"{what}'s 'frames' is not a list."),
        };
        return new PlotlyFigure(data, layout, frames);
    }
}
