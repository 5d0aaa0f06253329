using System.Globalization;
using Kedro.IO;

namespace Kedro.Datasets.Plots.Internal;

/// <summary>
/// Creates the exceptions of the plot datasets with their messages, in one place so the wording stays consistent. A message
/// names the dataset type, the argument and what was expected, and says how to fix it.
/// </summary>
internal static class PlotErrors
{
    public static ArgumentException PlotlyArgsMissing(string typeName) =>
        new($"'{typeName}' needs 'plotly_args': a mapping with 'type' (the Plotly Express function, for example 'bar'), "
            + "'fig' (its arguments, for example x and y columns) and optionally 'layout'.");

    public static ArgumentException UnknownPlotType(string typeName, object? type, IEnumerable<string> supported) =>
        new($"plotly_args 'type' of '{typeName}' is '{type}', which is not a Plotly Express function Kedro.NET draws. "
            + $"Supported types: {Quoted(supported)}.");

    public static ArgumentException UnknownFigArgument(string typeName, string plotType, string argument, IEnumerable<string> supported) =>
        new($"plotly_args 'fig' of '{typeName}' has '{argument}', which Kedro.NET's '{plotType}' does not support. "
            + $"Supported arguments of '{plotType}': {Quoted(supported)}. Remove '{argument}' or set it through 'layout'.");

    public static InvalidDataException NothingToDraw(string typeName, string plotType, string needed) =>
        new($"plotly_args 'fig' of '{typeName}' gives '{plotType}' no column to draw: it needs {needed} (column names of the table).");

    public static ArgumentException BadArgument(string typeName, string argName, string key, object? value, string expected) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{argName} '{key}' of '{typeName}' must be {expected}, not '{Show(value)}'."));

    public static ArgumentException LogRangeNotPositive(string typeName, string range, string log, double low, double high) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"plotly_args 'fig' '{range}' of '{typeName}' is [{low}, {high}], but '{log}' is true and a log axis has no zero or negative values. "
            + $"Give '{range}' two positive numbers, or set '{log}' to false."));

    public static ArgumentException UnknownTheme(string typeName, object? theme) =>
        new($"plotly_args 'theme' of '{typeName}' is '{theme}'. Kedro.NET writes no Plotly template, so only 'plotly' (the default, "
            + "drawn with plotly.js's own defaults) and 'none' are accepted. Remove 'theme' or style the figure through 'layout'.");

    public static InvalidDataException MissingColumn(string typeName, string argument, string column, IEnumerable<string> columns) =>
        new($"plotly_args 'fig' '{argument}' of '{typeName}' names the column '{column}', which the table does not have "
            + $"(columns: {Quoted(columns)}). Name one of those columns, or return a table that has '{column}'.");

    public static InvalidDataException NotATable(string typeName, object data) =>
        new($"'{typeName}' draws a table, not a '{TypeNames.OfValue(data)}'. Return a DataFrame, an Arrow RecordBatch or Table, "
            + "a DataTable, or a list of records or dictionaries.");

    public static InvalidDataException NotAFigure(string typeName, object data) =>
        new($"'{typeName}' saves a Plotly figure: a Plotly.NET 'GenericChart' or a 'PlotlyFigure', not a '{TypeNames.OfValue(data)}'.");

    public static InvalidDataException NotAPlot(object data) =>
        new($"'MatplotlibDataset' saves a ScottPlot 'Plot', a list of them or a dictionary of them by file name, not a '{TypeNames.OfValue(data)}'.");

    public static InvalidDataException NullPlot(string where) =>
        new($"'MatplotlibDataset' cannot save the plot {where}: it is null.");

    public static InvalidDataException BadPlotName(string key) =>
        new($"'MatplotlibDataset' cannot save the plot named '{key}': a name must be a file name (no folder separators, not '.' or '..', "
            + "not empty). Name the plots with plain file names such as 'loss.png'.");

    public static IOException FileWhereFolderGoes(string path) =>
        new($"'MatplotlibDataset' saves several plots as a folder of images at '{path}', but a file is there. "
            + "Move or delete that file, or give the dataset another filepath.");

    public static InvalidDataException DuplicatePlotName(string key, string fileName) =>
        new($"'MatplotlibDataset' cannot save the plot named '{key}': another plot is already saved as '{fileName}'. Give each plot its own name.");

    public static InvalidDataException CellNotPlottable(string column, int row, object value) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"column '{column}', row {row} holds a '{TypeNames.OfValue(value)}', which has no Plotly JSON form. Plot numbers, text, booleans, dates or times."));

    public static InvalidDataException NotFigureJson(string path, string reason) =>
        new($"'{path}' is not a Plotly figure: {reason} A Plotly figure is a JSON object with a 'data' list of traces and a 'layout' object.");

    public static InvalidOperationException HasFrames() =>
        new("The figure has animation 'frames', which a Plotly.NET GenericChart cannot hold. Load it as a 'PlotlyFigure' instead.");

    public static DatasetException LoadNotSupported(object dataset) =>
        new(DatasetFailureText.LoadFailed(dataset, "Loading not supported for 'MatplotlibDataset': it writes image files for people and "
            + "reports to read. Keep the plot in a MemoryDataset (or save its data) to use it in another node."));

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static string Show(object? value) => value is null ? "null" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
}
