using Kedro.Datasets.Plots.Internal;
using Kedro.IO;
using Plotly.NET;

namespace Kedro.Datasets.Plots;

/// <summary>
/// A Plotly figure as a JSON file (Kedro's <c>plotly.JSONDataset</c>), the JSON plotly.py's <c>write_json</c> writes and
/// plotly.js and Kedro-Viz read: <c>{"data": [...], "layout": {...}}</c>. A node returns a Plotly.NET
/// <see cref="GenericChart"/> or a <see cref="PlotlyFigure"/>; a load gives a <see cref="PlotlyFigure"/>, or a
/// <see cref="GenericChart"/> when the consuming node asks for one. Saves are atomic.
/// </summary>
public sealed class PlotlyJsonDataset : AbstractVersionedDataset<object>, ITypedLoadDataset
{
    private readonly FigureJson _json;

    /// <summary>Creates the dataset.</summary>
    /// <param name="filepath">The file's path (a <c>file://</c> prefix is dropped; other protocols are refused).</param>
    /// <param name="loadArgs">
    /// Kedro's <c>load_args</c> (plotly.io's <c>from_json</c>): <c>output_type</c> (<c>Figure</c> only), <c>skip_invalid</c>
    /// and <c>engine</c> (<c>json</c>, <c>orjson</c> or <c>auto</c>; all read the same).
    /// </param>
    /// <param name="saveArgs">
    /// Kedro's <c>save_args</c> (plotly.py's <c>write_json</c>): <c>pretty</c> (indent the JSON; default
    /// <see langword="false"/>), <c>remove_uids</c> (drop the traces' <c>uid</c>; default <see langword="true"/>),
    /// <c>engine</c> as for loads, and <c>validate</c> (<see langword="false"/> only: figures are not checked against the
    /// plotly.js schema).
    /// </param>
    /// <param name="version">The versions to load and save; <see langword="null"/> turns versioning off.</param>
    /// <param name="metadata">Free-form information about the dataset; not used to load or save.</param>
    /// <param name="timeProvider">The clock for save version timestamps; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The path is not local, or an argument is unknown or invalid.</exception>
    public PlotlyJsonDataset(string filepath, IReadOnlyDictionary<string, object?>? loadArgs = null,
        IReadOnlyDictionary<string, object?>? saveArgs = null, DatasetVersion? version = null,
        IReadOnlyDictionary<string, object?>? metadata = null, TimeProvider? timeProvider = null)
        : base(DatasetArguments.LocalPath(filepath, nameof(PlotlyJsonDataset)), version, timeProvider)
    {
        _json = new FigureJson(nameof(PlotlyJsonDataset), loadArgs, saveArgs);
        LoadArgs = FigureJson.Describe(loadArgs);
        SaveArgs = FigureJson.Describe(saveArgs);
        Metadata = metadata;
    }

    /// <summary>The load arguments as given.</summary>
    public IReadOnlyDictionary<string, object?> LoadArgs { get; }

    /// <summary>The save arguments as given.</summary>
    public IReadOnlyDictionary<string, object?> SaveArgs { get; }

    /// <summary>Free-form information about the dataset (Kedro's <c>metadata</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Metadata { get; }

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

    internal static PlotlyJsonDataset Create(DatasetFactoryContext context)
    {
        context.EnsureOnlyArguments([.. DatasetArguments.Common, "load_args", "save_args"]);
        return new PlotlyJsonDataset(DatasetArguments.FilePath(context), DatasetArguments.Mapping(context, "load_args"),
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
        var write = _json.Writer(FigureJson.ToFigure(data, nameof(PlotlyJsonDataset)));
        FileIO.Write(SaveTarget.Of(this, GetSavePath()), write);
    }

    /// <inheritdoc/>
    protected override ValueTask SaveCoreAsync(object data, CancellationToken cancellationToken)
    {
        var write = _json.Writer(FigureJson.ToFigure(data, nameof(PlotlyJsonDataset)));
        return FileIO.WriteAsync(SaveTarget.Of(this, GetSavePath()), write, cancellationToken);
    }

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?>
    {
        ["filepath"] = FilePath,
        ["protocol"] = "file",
        ["load_args"] = LoadArgs,
        ["save_args"] = SaveArgs,
        ["version"] = Version,
    };
}
