using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plotly.NET;

namespace Kedro.Datasets.Plots.Internal;

/// <summary>
/// Reads and writes Plotly figure JSON for the Plotly datasets with Kedro's <c>load_args</c> (plotly.io's <c>from_json</c>) and
/// <c>save_args</c> (plotly.py's <c>write_json</c>), and turns the values a node returns into figures.
/// </summary>
internal sealed class FigureJson
{
    public static readonly string[] SaveKeys = ["pretty", "remove_uids", "engine", "validate"];
    public static readonly string[] LoadKeys = ["output_type", "skip_invalid", "engine"];

    private readonly bool _pretty;
    private readonly bool _removeUids;

    public FigureJson(string typeName, IReadOnlyDictionary<string, object?>? loadArgs, IReadOnlyDictionary<string, object?>? saveArgs)
    {
        DatasetArguments.EnsureKeys(loadArgs, typeName, "load_args", LoadKeys);
        DatasetArguments.EnsureKeys(saveArgs, typeName, "save_args", SaveKeys);
        _pretty = DatasetArguments.Bool(saveArgs, "pretty", false, typeName, "save_args");
        _removeUids = DatasetArguments.Bool(saveArgs, "remove_uids", true, typeName, "save_args");
        if (DatasetArguments.Bool(saveArgs, "validate", false, typeName, "save_args"))
        {
            throw PlotErrors.BadArgument(typeName, "save_args", "validate", true,
                "false (Kedro.NET does not check figures against the plotly.js schema; remove 'validate' or set it to false)");
        }

        _ = DatasetArguments.Bool(loadArgs, "skip_invalid", false, typeName, "load_args");
        Engine(loadArgs, typeName, "load_args");
        Engine(saveArgs, typeName, "save_args");
        if (DatasetArguments.String(loadArgs, "output_type") is { } output && output != "Figure" && output != "go.Figure")
        {
            throw PlotErrors.BadArgument(typeName, "load_args", "output_type", output,
                "'Figure' (a load gives a PlotlyFigure, or a Plotly.NET GenericChart when the node asks for one)");
        }
    }

    /// <summary>The figure of a value a node returned: a <see cref="PlotlyFigure"/> or a Plotly.NET <see cref="GenericChart"/>.</summary>
    public static PlotlyFigure ToFigure(object data, string typeName) => data switch
    {
        PlotlyFigure figure => figure,
        GenericChart chart => PlotlyFigure.FromChart(chart),
        _ => throw PlotErrors.NotAFigure(typeName, data),
    };

    /// <summary>The loaded figure as the type a node asks for: a <see cref="GenericChart"/> when asked, else the figure.</summary>
    public static object As(PlotlyFigure figure, Type requestedType) =>
        requestedType == typeof(GenericChart) ? figure.ToChart() : figure;

    public static PlotlyFigure Read(Stream stream, string path)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(stream);
        }
        catch (JsonException e)
        {
            throw PlotErrors.NotFigureJson(path, $"it is not valid JSON ({e.Message}).");
        }

        try
        {
            return PlotlyFigure.FromNode(node, "The JSON");
        }
        catch (InvalidDataException e)
        {
            throw PlotErrors.NotFigureJson(path, e.Message);
        }
    }

    public Action<Stream> Writer(PlotlyFigure figure)
    {
        var root = figure.ToNode();
        if (_removeUids)
        {
            foreach (var trace in root["data"]!.AsArray())
            {
                _ = trace!.AsObject().Remove("uid");
            }
        }

        var bytes = Encoding.UTF8.GetBytes(root.ToJsonString(new JsonSerializerOptions { WriteIndented = _pretty, IndentSize = 2 }));
        return stream => stream.Write(bytes);
    }

    public static Dictionary<string, object?> Describe(IReadOnlyDictionary<string, object?>? args) =>
        new(args ?? new Dictionary<string, object?>(), StringComparer.Ordinal);

    private static void Engine(IReadOnlyDictionary<string, object?>? args, string typeName, string argName)
    {
        // plotly.py's JSON engines differ in speed only; Kedro.NET writes and reads with System.Text.Json whichever is named.
        if (DatasetArguments.String(args, "engine") is { } engine && engine is not ("json" or "orjson" or "auto"))
        {
            throw PlotErrors.BadArgument(typeName, argName, "engine", engine, "'json', 'orjson' or 'auto'");
        }
    }
}
