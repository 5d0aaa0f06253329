using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Kedro.Datasets.Plots.Internal;

/// <summary>
/// Draws a table as the Plotly Express functions do (<c>px.bar(df, x=..., y=..., color=...)</c>), writing the traces and layout
/// plotly.py would write: one trace per value of <c>color</c>, the default qualitative colours, axis titles from the column names
/// (or <c>labels</c>), hover templates, and the trace and layout properties plotly.js and Kedro-Viz read.
/// </summary>
internal sealed class PlotlyExpress
{
    /// <summary>Plotly's default qualitative colour sequence, which Plotly Express uses for its traces.</summary>
    private static readonly string[] DefaultColors =
        ["#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A", "#19d3f3", "#FF6692", "#B6E880", "#FF97FF", "#FECB52"];

    private static readonly string[] Common =
        ["x", "y", "color", "title", "labels", "hover_name", "text", "width", "height", "opacity", "log_x", "log_y", "range_x", "range_y",
            "color_discrete_sequence"];

    /// <summary>The supported functions and the arguments each takes besides <see cref="Common"/>.</summary>
    private static readonly Dictionary<string, string[]> Functions = new(StringComparer.Ordinal)
    {
        ["bar"] = ["orientation", "barmode"],
        ["line"] = ["markers", "line_shape"],
        ["scatter"] = ["size", "size_max"],
        ["histogram"] = ["orientation", "nbins", "histfunc", "histnorm", "barmode"],
        ["pie"] = ["names", "values", "hole"],
        ["box"] = ["orientation", "points", "notched", "boxmode"],
    };

    private static readonly string[] ColumnArguments = ["x", "y", "color", "hover_name", "text", "names", "values", "size"];

    private readonly string _typeName;
    private readonly string _kind;
    private readonly Dictionary<string, object?> _args;

    private PlotlyExpress(string typeName, string kind, Dictionary<string, object?> args)
    {
        _typeName = typeName;
        _kind = kind;
        _args = args;
    }

    /// <summary>Checks the function name and its arguments (before any data is seen).</summary>
    /// <exception cref="ArgumentException">The function is unknown, or an argument is unknown or of the wrong shape.</exception>
    public static PlotlyExpress Create(string typeName, object? kind, IReadOnlyDictionary<string, object?>? fig)
    {
        if (kind is not string name || !Functions.TryGetValue(name, out var own))
        {
            throw PlotErrors.UnknownPlotType(typeName, kind, Functions.Keys);
        }

        var args = new Dictionary<string, object?>(fig ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        var allowed = name == "pie"
            ? [.. own, "title", "labels", "hover_name", "width", "height", "opacity", "color_discrete_sequence"]
            : Common.Concat(own).ToArray();
        foreach (var key in args.Keys)
        {
            if (Array.IndexOf(allowed, key) < 0)
            {
                throw PlotErrors.UnknownFigArgument(typeName, name, key, allowed);
            }
        }

        var express = new PlotlyExpress(typeName, name, args);
        foreach (var column in ColumnArguments)
        {
            _ = express.Column(column);
        }

        _ = express.Text("orientation", "'v' or 'h'", "v", "h");
        _ = express.Text("barmode", "'relative', 'group', 'overlay' or 'stack'", "relative", "group", "overlay", "stack");
        _ = express.Text("boxmode", "'group' or 'overlay'", "group", "overlay");
        _ = express.Text("histfunc", "'count', 'sum', 'avg', 'min' or 'max'", "count", "sum", "avg", "min", "max");
        _ = express.Text("histnorm", "'percent', 'probability', 'density' or 'probability density'",
            "percent", "probability", "density", "probability density");
        _ = express.Text("line_shape", "'linear', 'spline', 'hv', 'vh', 'hvh' or 'vhv'", "linear", "spline", "hv", "vh", "hvh", "vhv");
        _ = express.Text("title", "a text");
        foreach (var flag in new[] { "markers", "notched", "log_x", "log_y" })
        {
            _ = express.Flag(flag);
        }

        foreach (var number in new[] { "width", "height", "opacity", "nbins", "hole", "size_max" })
        {
            _ = express.Number(number);
        }

        _ = express.Labels();
        _ = express.Colors();
        _ = express.AxisRange("log_x", "range_x");
        _ = express.AxisRange("log_y", "range_y");
        _ = express.Points();
        return express;
    }

    /// <summary>Draws <paramref name="table"/>: the figure's traces and layout.</summary>
    /// <exception cref="InvalidDataException">No column to draw is named, or a column named in the arguments is not in the table.</exception>
    public (JsonArray Data, JsonObject Layout) Draw(PlotTable table)
    {
        if (_kind == "pie" ? Column("names") is null && Column("values") is null : Column("x") is null && Column("y") is null)
        {
            throw PlotErrors.NothingToDraw(_typeName, _kind, _kind == "pie" ? "'names' or 'values'" : "'x' or 'y'");
        }

        foreach (var argument in ColumnArguments)
        {
            if (Column(argument) is { } column && !table.Has(column))
            {
                throw PlotErrors.MissingColumn(_typeName, argument, column, table.ColumnNames);
            }
        }

        var layout = new JsonObject();
        var data = _kind == "pie" ? DrawPie(table, layout) : DrawCartesian(table, layout);
        if (Text("title", "a text") is { } title)
        {
            layout["title"] = new JsonObject { ["text"] = title };
        }

        if (Number("width") is { } width)
        {
            layout["width"] = JsonValue.Create(width);
        }

        if (Number("height") is { } height)
        {
            layout["height"] = JsonValue.Create(height);
        }

        return (data, layout);
    }

    private JsonArray DrawPie(PlotTable table, JsonObject layout)
    {
        var names = Column("names");
        var values = Column("values");
        var trace = new JsonObject
        {
            ["domain"] = new JsonObject { ["x"] = new JsonArray(0, 1), ["y"] = new JsonArray(0, 1) },
            ["hovertemplate"] = Hover([(names is null ? null : LabelOf(names), "%{label}"), (values is null ? null : LabelOf(values), "%{value}")]),
            ["legendgroup"] = string.Empty,
            ["name"] = string.Empty,
            ["showlegend"] = true,
            ["type"] = "pie",
        };
        if (names is not null)
        {
            trace["labels"] = new JsonArray([.. table.Values(names)]);
        }

        if (values is not null)
        {
            trace["values"] = new JsonArray([.. table.Values(values)]);
        }

        if (Number("hole") is { } hole)
        {
            trace["hole"] = JsonValue.Create(hole);
        }

        if (Number("opacity") is { } opacity)
        {
            trace["opacity"] = JsonValue.Create(opacity);
        }

        if (_args.ContainsKey("color_discrete_sequence"))
        {
            trace["marker"] = new JsonObject { ["colors"] = new JsonArray([.. Colors().Select(static c => (JsonNode)JsonValue.Create(c))]) };
        }

        if (Column("hover_name") is { } hoverName)
        {
            trace["hovertext"] = new JsonArray([.. table.Values(hoverName)]);
        }

        layout["legend"] = new JsonObject { ["tracegroupgap"] = 0 };
        layout["margin"] = new JsonObject { ["t"] = 60 };
        return [trace];
    }

    private JsonArray DrawCartesian(PlotTable table, JsonObject layout)
    {
        var x = Column("x");
        var y = Column("y");

        var orientation = Orientation(table, x, y);
        var (xTitle, yTitle) = AxisTitles(x, y, orientation);
        var color = Column("color");
        var continuous = color is not null && table.IsNumeric(color) && _kind is "scatter" or "bar";
        var groups = color is null || continuous
            ? [(Key: (JsonNode?)null, Label: string.Empty, Rows: (List<int>?)null)]
            : table.GroupBy(color).Select(static g => (g.Key, g.Label, Rows: (List<int>?)g.Rows)).ToList();
        var palette = Colors();
        var data = new JsonArray();
        for (var i = 0; i < groups.Count; i++)
        {
            var (_, label, rows) = groups[i];
            var trace = Trace(table, x, y, orientation, rows);
            var hover = new List<(string?, string)>();
            if (color is not null && !continuous)
            {
                hover.Add((LabelOf(color), label));
            }

            if (Column("hover_name") is { } hoverName)
            {
                trace["hovertext"] = new JsonArray([.. table.Values(hoverName, rows)]);
            }

            hover.AddRange(HoverAxes(x, y, xTitle, yTitle));
            if (continuous)
            {
                hover.Add((LabelOf(color!), "%{marker.color}"));
            }

            var grouped = color is not null && !continuous;
            var colour = palette[i % palette.Count];
            trace["hovertemplate"] = (Column("hover_name") is null ? string.Empty : "<b>%{hovertext}</b><br><br>") + Hover(hover);
            trace["legendgroup"] = grouped ? label : string.Empty;
            trace["name"] = grouped ? label : string.Empty;
            trace["showlegend"] = grouped;
            Style(trace, colour, grouped ? label : string.Empty, table, rows, continuous ? color : null);
            if (Column("text") is { } text)
            {
                trace["text"] = new JsonArray([.. table.Values(text, rows)]);
            }

            if (Number("opacity") is { } opacity)
            {
                trace["opacity"] = JsonValue.Create(opacity);
            }

            data.Add(trace);
        }

        layout["xaxis"] = Axis("y", xTitle, "log_x", "range_x");
        layout["yaxis"] = Axis("x", yTitle, "log_y", "range_y");
        if (continuous)
        {
            layout["coloraxis"] = new JsonObject { ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = LabelOf(color!) } } };
        }

        var legend = new JsonObject { ["tracegroupgap"] = 0 };
        if (color is not null && !continuous)
        {
            legend["title"] = new JsonObject { ["text"] = LabelOf(color) };
        }

        layout["legend"] = legend;
        layout["margin"] = new JsonObject { ["t"] = 60 };
        switch (_kind)
        {
            case "bar" or "histogram":
                layout["barmode"] = Text("barmode", string.Empty) ?? "relative";
                break;
            case "box":
                layout["boxmode"] = Text("boxmode", string.Empty) ?? "group";
                break;
            default:
                break;
        }

        return data;
    }

    private JsonObject Trace(PlotTable table, string? x, string? y, string orientation, List<int>? rows)
    {
        var trace = new JsonObject();
        if (_kind is "bar" or "histogram" or "box")
        {
            trace["alignmentgroup"] = "True";
        }

        // Without x (or y), Plotly Express plots against the row index, except for the one-sided kinds (histogram, box).
        var index = new JsonArray([.. Enumerable.Range(0, rows?.Count ?? table.RowCount).Select(i => (JsonNode)JsonValue.Create(rows is null ? i : rows[i]))]);
        if (x is not null)
        {
            trace["x"] = new JsonArray([.. table.Values(x, rows)]);
        }
        else if (_kind is "bar" or "line" or "scatter")
        {
            trace["x"] = index;
        }

        if (y is not null)
        {
            trace["y"] = new JsonArray([.. table.Values(y, rows)]);
        }
        else if (_kind is "bar" or "line" or "scatter")
        {
            trace["y"] = index.DeepClone();
        }

        if (_kind is "bar" or "histogram" or "box")
        {
            trace["orientation"] = orientation;
        }

        trace["xaxis"] = "x";
        trace["yaxis"] = "y";
        return trace;
    }

    private void Style(JsonObject trace, string colour, string group, PlotTable table, List<int>? rows, string? continuousColor)
    {
        switch (_kind)
        {
            case "bar":
                trace["marker"] = continuousColor is null
                    ? new JsonObject { ["color"] = colour, ["pattern"] = new JsonObject { ["shape"] = string.Empty } }
                    : new JsonObject
                    {
                        ["color"] = new JsonArray([.. table.Values(continuousColor, rows)]),
                        ["coloraxis"] = "coloraxis",
                        ["pattern"] = new JsonObject { ["shape"] = string.Empty },
                    };
                trace["offsetgroup"] = group;
                trace["textposition"] = "auto";
                trace["type"] = "bar";
                break;
            case "histogram":
                trace["bingroup"] = "x";
                trace["marker"] = new JsonObject { ["color"] = colour, ["pattern"] = new JsonObject { ["shape"] = string.Empty } };
                trace["offsetgroup"] = group;
                if (Text("histfunc", string.Empty) is { } histfunc)
                {
                    trace["histfunc"] = histfunc;
                }
                else if (Column("x") is not null && Column("y") is not null)
                {
                    trace["histfunc"] = "sum";
                }

                if (Text("histnorm", string.Empty) is { } histnorm)
                {
                    trace["histnorm"] = histnorm;
                }

                if (Number("nbins") is { } nbins)
                {
                    trace[trace["orientation"]?.GetValue<string>() == "h" ? "nbinsy" : "nbinsx"] = JsonValue.Create((int)nbins);
                }

                trace["type"] = "histogram";
                break;
            case "box":
                trace["marker"] = new JsonObject { ["color"] = colour };
                trace["notched"] = Flag("notched") ?? false;
                trace["offsetgroup"] = group;
                if (_args.ContainsKey("points"))
                {
                    trace["boxpoints"] = Points();
                }

                trace["type"] = "box";
                break;
            case "line":
                trace["line"] = new JsonObject { ["color"] = colour, ["dash"] = "solid" };
                if (Text("line_shape", string.Empty) is { } shape)
                {
                    trace["line"]!["shape"] = shape;
                }

                trace["marker"] = new JsonObject { ["symbol"] = "circle" };
                trace["mode"] = Flag("markers") == true ? "lines+markers" : "lines";
                trace["type"] = "scatter";
                break;
            default: // scatter
                var marker = new JsonObject { ["symbol"] = "circle" };
                if (continuousColor is not null)
                {
                    marker["color"] = new JsonArray([.. table.Values(continuousColor, rows)]);
                    marker["coloraxis"] = "coloraxis";
                }
                else
                {
                    marker["color"] = colour;
                }

                if (Column("size") is { } size)
                {
                    var sizes = table.Values(size, rows);
                    var largest = sizes.Select(static s => s is JsonValue v && v.TryGetValue<double>(out var d) ? d : s is JsonValue w && w.TryGetValue<long>(out var l) ? l : 0).DefaultIfEmpty(0).Max();
                    var sizeMax = Number("size_max") ?? 20;
                    marker["size"] = new JsonArray([.. sizes]);
                    marker["sizemode"] = "area";
                    marker["sizeref"] = largest > 0 ? 2.0 * largest / (sizeMax * sizeMax) : 1;
                }

                trace["marker"] = marker;
                trace["mode"] = "markers";
                trace["type"] = "scatter";
                break;
        }
    }

    private string Orientation(PlotTable table, string? x, string? y)
    {
        if (Text("orientation", string.Empty) is { } given)
        {
            return given;
        }

        // Plotly Express's rule: a histogram of y alone counts along y, and a bar or box of x alone measures x, so both lie
        // horizontally. With both columns given, numbers along x against non-numbers along y are horizontal; anything else is vertical.
        return _kind switch
        {
            "histogram" when x is null && y is not null => "h",
            "bar" or "box" when x is not null && y is null => "h",
            _ when x is not null && y is not null && table.IsNumeric(x) && !table.IsNumeric(y) => "h",
            _ => "v",
        };
    }

    private (string XTitle, string YTitle) AxisTitles(string? x, string? y, string orientation)
    {
        var xTitle = x is null ? "index" : LabelOf(x);
        var yTitle = y is null ? "index" : LabelOf(y);
        if (_kind == "histogram")
        {
            var func = Text("histfunc", string.Empty) ?? (x is not null && y is not null ? "sum" : "count");
            if (orientation == "v")
            {
                yTitle = y is null ? "count" : $"{func} of {yTitle}";
            }
            else
            {
                xTitle = x is null ? "count" : $"{func} of {xTitle}";
            }
        }

        if (_kind == "box" && x is null)
        {
            xTitle = string.Empty;
        }
        else if (_kind == "box" && y is null)
        {
            yTitle = string.Empty;
        }

        return (xTitle, yTitle);
    }

    private List<(string?, string)> HoverAxes(string? x, string? y, string xTitle, string yTitle)
    {
        if (_kind == "histogram")
        {
            return [(xTitle, "%{x}"), (yTitle, "%{y}")];
        }

        var axes = new List<(string?, string)>();
        if (x is not null || _kind is not "box")
        {
            axes.Add((x is null ? "index" : LabelOf(x), "%{x}"));
        }

        if (y is not null || _kind is not "box")
        {
            axes.Add((y is null ? "index" : LabelOf(y), "%{y}"));
        }

        if (Column("size") is { } size)
        {
            axes.Add((LabelOf(size), "%{marker.size}"));
        }

        if (Column("text") is { } text)
        {
            axes.Add((LabelOf(text), "%{text}"));
        }

        return axes;
    }

    private JsonObject Axis(string anchor, string title, string log, string range)
    {
        var axis = new JsonObject
        {
            ["anchor"] = anchor,
            ["domain"] = new JsonArray(0, 1),
            ["title"] = new JsonObject { ["text"] = title },
        };
        if (Flag(log) == true)
        {
            axis["type"] = "log";
        }

        if (AxisRange(log, range) is { } limits)
        {
            axis["range"] = new JsonArray(limits.Low, limits.High);
        }

        return axis;
    }

    /// <summary>The axis range as plotly.js reads it: on a log axis, Plotly Express writes the range in powers of ten
    /// (log10 of each limit), so a log axis needs positive limits.</summary>
    private (double Low, double High)? AxisRange(string log, string range)
    {
        if (Range(range) is not { } limits || Flag(log) != true)
        {
            return Range(range);
        }

        if (limits.Low <= 0 || limits.High <= 0)
        {
            throw PlotErrors.LogRangeNotPositive(_typeName, range, log, limits.Low, limits.High);
        }

        return (Math.Log10(limits.Low), Math.Log10(limits.High));
    }

    private static string Hover(IEnumerable<(string? Name, string Value)> parts) =>
        string.Join("<br>", parts.Where(static p => p.Name is not null).Select(static p => $"{p.Name}={p.Value}")) + "<extra></extra>";

    private string LabelOf(string column) =>
        Labels().TryGetValue(column, out var label) ? label : column;

    private string? Column(string argument)
    {
        if (!_args.TryGetValue(argument, out var value) || value is null)
        {
            return null;
        }

        return value as string ?? throw PlotErrors.BadArgument(_typeName, "plotly_args 'fig'", argument, value, "one column name");
    }

    private string? Text(string argument, string expected, params string[] allowed)
    {
        if (!_args.TryGetValue(argument, out var value) || value is null)
        {
            return null;
        }

        return value is string text && (allowed.Length == 0 || Array.IndexOf(allowed, text) >= 0)
            ? text
            : throw PlotErrors.BadArgument(_typeName, "plotly_args 'fig'", argument, value, expected);
    }

    private bool? Flag(string argument) =>
        !_args.TryGetValue(argument, out var value) || value is null
            ? null
            : value switch
            {
                bool flag => flag,
                string text when bool.TryParse(text, out var parsed) => parsed,
                _ => throw PlotErrors.BadArgument(_typeName, "plotly_args 'fig'", argument, value, "true or false"),
            };

    private double? Number(string argument)
    {
        if (!_args.TryGetValue(argument, out var value) || value is null)
        {
            return null;
        }

        return value switch
        {
            int or long or double or float or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw PlotErrors.BadArgument(_typeName, "plotly_args 'fig'", argument, value, "a number"),
        };
    }

    private (double Low, double High)? Range(string argument)
    {
        if (!_args.TryGetValue(argument, out var value) || value is null)
        {
            return null;
        }

        if (value is IEnumerable items and not string)
        {
            var numbers = new List<double>();
            foreach (var item in items)
            {
                if (item is int or long or double or float or decimal)
                {
                    numbers.Add(Convert.ToDouble(item, CultureInfo.InvariantCulture));
                }
                else if (item is string text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                {
                    numbers.Add(parsed);
                }
                else
                {
                    numbers.Clear();
                    break;
                }
            }

            if (numbers.Count == 2)
            {
                return (numbers[0], numbers[1]);
            }
        }

        throw PlotErrors.BadArgument(_typeName, "plotly_args 'fig'", argument, value, "a list of two numbers [low, high]");
    }

    private Dictionary<string, string> Labels()
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!_args.TryGetValue("labels", out var value) || value is null)
        {
            return labels;
        }

        if (value is not IDictionary map)
        {
            throw PlotErrors.BadArgument(_typeName, "plotly_args 'fig'", "labels", value, "a mapping of column names to axis and legend labels");
        }

        foreach (DictionaryEntry entry in map)
        {
            labels[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] =
                Convert.ToString(entry.Value, CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return labels;
    }

    private List<string> Colors()
    {
        if (!_args.TryGetValue("color_discrete_sequence", out var value) || value is null)
        {
            return [.. DefaultColors];
        }

        if (value is IEnumerable items and not string)
        {
            var colors = items.Cast<object?>().Select(static c => c as string).ToList();
            if (colors.Count > 0 && colors.All(static c => !string.IsNullOrEmpty(c)))
            {
                return colors!;
            }
        }

        throw PlotErrors.BadArgument(_typeName, "plotly_args 'fig'", "color_discrete_sequence", value, "a list of colours such as ['#636efa', 'red']");
    }

    private JsonValue? Points()
    {
        if (!_args.TryGetValue("points", out var value))
        {
            return null;
        }

        return value switch
        {
            false or "false" or "False" => JsonValue.Create(false),
            "outliers" or "suspectedoutliers" or "all" => JsonValue.Create((string)value),
            _ => throw PlotErrors.BadArgument(_typeName, "plotly_args 'fig'", "points", value, "'outliers', 'suspectedoutliers', 'all' or false"),
        };
    }
}
