using Kedro.Datasets.Plots.Internal;
using Kedro.IO;
using Plotly.NET;

namespace Kedro.Datasets.Plots;

/// <summary>
/// A table drawn as a Plotly figure and saved as Plotly figure JSON (Kedro's <c>plotly.PlotlyDataset</c>). The node returns a
/// table (a DataFrame, an Arrow RecordBatch or Table, a <c>DataTable</c>, or a list of records or dictionaries);
/// <c>plotly_args</c> say how to draw it, as Plotly Express would: <c>type</c> (<c>bar</c>, <c>line</c>, <c>scatter</c>,
/// <c>histogram</c>, <c>pie</c> or <c>box</c>), <c>fig</c> (its arguments: <c>x</c>, <c>y</c>, <c>color</c>,
/// <c>orientation</c>, <c>title</c>, ...) and <c>layout</c> (layout properties with plotly.py's underscore paths, such as
/// <c>xaxis_title</c>). The file is the JSON plotly.py writes, which plotly.js and Kedro-Viz read. A load gives a
/// <see cref="PlotlyFigure"/>, or a Plotly.NET <see cref="GenericChart"/> when the consuming node asks for one. Saves are atomic.
/// </summary>
public sealed class PlotlyDataset : AbstractVersionedDataset<object>, ITypedLoadDataset
{
    private readonly FigureJson _json;
    private readonly PlotlyExpress _express;
    private readonly Dictionary<string, object?> _layout;

    /// <summary>Creates the dataset.</summary>
    /// <param name="filepath">The file's path (a <c>file://</c> prefix is dropped; other protocols are refused).</param>
    /// <param name="plotlyArgs">
    /// Kedro's <c>plotly_args</c>: <c>type</c> (required), <c>fig</c>, <c>layout</c> and <c>theme</c> (<c>plotly</c>, the
    /// default, or <c>none</c>: no Plotly template is written either way, so plotly.js draws with its own defaults).
    /// </param>
    /// <param name="loadArgs">Kedro's <c>load_args</c>, as for <see cref="PlotlyJsonDataset"/>.</param>
    /// <param name="saveArgs">Kedro's <c>save_args</c>, as for <see cref="PlotlyJsonDataset"/>.</param>
    /// <param name="version">The versions to load and save; <see langword="null"/> turns versioning off.</param>
    /// <param name="metadata">Free-form information about the dataset; not used to load or save.</param>
    /// <param name="timeProvider">The clock for save version timestamps; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">
    /// The path is not local, <c>plotly_args</c> is missing, its <c>type</c> is not a supported Plotly Express function, or an
    /// argument is unknown or invalid.
    /// </exception>
    public PlotlyDataset(string filepath, IReadOnlyDictionary<string, object?> plotlyArgs, IReadOnlyDictionary<string, object?>? loadArgs = null,
        IReadOnlyDictionary<string, object?>? saveArgs = null, DatasetVersion? version = null,
        IReadOnlyDictionary<string, object?>? metadata = null, TimeProvider? timeProvider = null)
        : base(DatasetArguments.LocalPath(filepath, nameof(PlotlyDataset)), version, timeProvider)
    {
        if (plotlyArgs is null)
        {
            throw PlotErrors.PlotlyArgsMissing(nameof(PlotlyDataset));
        }

        DatasetArguments.EnsureKeys(plotlyArgs, nameof(PlotlyDataset), "plotly_args", "type", "fig", "layout", "theme");
        if (!plotlyArgs.TryGetValue("type", out var type) || type is null)
        {
            throw PlotErrors.PlotlyArgsMissing(nameof(PlotlyDataset));
        }

        if (DatasetArguments.String(plotlyArgs, "theme") is { } theme && theme is not ("plotly" or "none"))
        {
            throw PlotErrors.UnknownTheme(nameof(PlotlyDataset), theme);
        }

        _express = PlotlyExpress.Create(nameof(PlotlyDataset), type,
            DatasetArguments.Mapping(plotlyArgs.GetValueOrDefault("fig"), nameof(PlotlyDataset), "plotly_args 'fig'"));
        _layout = DatasetArguments.Mapping(plotlyArgs.GetValueOrDefault("layout"), nameof(PlotlyDataset), "plotly_args 'layout'")
            ?? new Dictionary<string, object?>(StringComparer.Ordinal);
        _json = new FigureJson(nameof(PlotlyDataset), loadArgs, saveArgs);
        PlotlyArgs = new Dictionary<string, object?>(plotlyArgs, StringComparer.Ordinal);
        LoadArgs = FigureJson.Describe(loadArgs);
        SaveArgs = FigureJson.Describe(saveArgs);
        Metadata = metadata;
    }

    /// <summary>The plotting arguments as given.</summary>
    public IReadOnlyDictionary<string, object?> PlotlyArgs { get; }

    /// <summary>The load arguments as given.</summary>
    public IReadOnlyDictionary<string, object?> LoadArgs { get; }

    /// <summary>The save arguments as given.</summary>
    public IReadOnlyDictionary<string, object?> SaveArgs { get; }

    /// <summary>Free-form information about the dataset (Kedro's <c>metadata</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Metadata { get; }

    /// <summary>Draws a table as this dataset's <c>plotly_args</c> say, without saving it.</summary>
    /// <param name="table">The table (any kind the dataset saves).</param>
    /// <returns>The figure.</returns>
    /// <exception cref="InvalidDataException">The value is not a table, or a column named in <c>fig</c> is not in it.</exception>
    public PlotlyFigure Draw(object table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var (data, layout) = _express.Draw(PlotTable.Of(table, nameof(PlotlyDataset)));
        LayoutUpdate.Apply(layout, _layout);
        return new PlotlyFigure(data, layout);
    }

    /// <inheritdoc/>
    /// <remarks>Gives a <see cref="GenericChart"/> when <paramref name="requestedType"/> is one, else a <see cref="PlotlyFigure"/>.</remarks>
    public object? Load(Type requestedType)
    {
        ArgumentNullException.ThrowIfNull(requestedType);
        return FigureJson.As((PlotlyFigure)Load()!, requestedType);
    }

    /// <inheritdoc/>
    public async ValueTask<object?> LoadAsync(Type requestedType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestedType);
        return FigureJson.As((PlotlyFigure)(await LoadAsync(cancellationToken).ConfigureAwait(false))!, requestedType);
    }

    internal static PlotlyDataset Create(DatasetFactoryContext context)
    {
        context.EnsureOnlyArguments([.. DatasetArguments.Common, "plotly_args", "load_args", "save_args"]);
        var plotlyArgs = DatasetArguments.Mapping(context, "plotly_args") ?? throw PlotErrors.PlotlyArgsMissing(nameof(PlotlyDataset));
        return new PlotlyDataset(DatasetArguments.FilePath(context), plotlyArgs, DatasetArguments.Mapping(context, "load_args"),
            DatasetArguments.Mapping(context, "save_args"), context.Version, DatasetArguments.Mapping(context, "metadata"));
    }

    /// <inheritdoc/>
    protected override object LoadCore()
    {
        var path = GetLoadPath();
        return FileIO.Read(path, stream => FigureJson.Read(stream, path));
    }

    /// <inheritdoc/>
    protected override async ValueTask<object> LoadCoreAsync(CancellationToken cancellationToken)
    {
        var path = GetLoadPath();
        return await FileIO.ReadAsync(path, stream => FigureJson.Read(stream, path), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override void SaveCore(object data)
    {
        var write = _json.Writer(Draw(data));
        FileIO.Write(SaveTarget.Of(this, GetSavePath()), write);
    }

    /// <inheritdoc/>
    protected override ValueTask SaveCoreAsync(object data, CancellationToken cancellationToken)
    {
        var write = _json.Writer(Draw(data));
        return FileIO.WriteAsync(SaveTarget.Of(this, GetSavePath()), write, cancellationToken);
    }

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?>
    {
        ["filepath"] = FilePath,
        ["protocol"] = "file",
        ["plotly_args"] = PlotlyArgs,
        ["load_args"] = LoadArgs,
        ["save_args"] = SaveArgs,
        ["version"] = Version,
    };
}
