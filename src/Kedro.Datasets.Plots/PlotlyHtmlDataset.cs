using System.Text;
using Kedro.Datasets.Plots.Internal;
using Kedro.IO;
using Plotly.NET;

namespace Kedro.Datasets.Plots;

/// <summary>
/// A Plotly figure as a standalone HTML page (Kedro's <c>plotly.HTMLDataset</c>), written with Plotly.NET's HTML export. A node
/// returns a Plotly.NET <see cref="GenericChart"/> or a <see cref="PlotlyFigure"/>; a load gives the page's HTML text (Kedro
/// itself does not load this dataset). Saves are atomic.
/// </summary>
public sealed class PlotlyHtmlDataset : AbstractVersionedDataset<object>
{
    private readonly PlotlyJSReference _plotlyJs;

    /// <summary>Creates the dataset.</summary>
    /// <param name="filepath">The file's path (a <c>file://</c> prefix is dropped; other protocols are refused).</param>
    /// <param name="saveArgs">
    /// Kedro's <c>save_args</c> (plotly.py's <c>write_html</c>): <c>include_plotlyjs</c> (<see langword="true"/>, the
    /// default: plotly.js is inside the page, which then works offline; <c>cdn</c>: the page loads plotly.js from its CDN;
    /// <see langword="false"/>: no plotly.js), <c>full_html</c> (<see langword="true"/> only) and <c>auto_open</c>
    /// (<see langword="false"/> only).
    /// </param>
    /// <param name="version">The versions to load and save; <see langword="null"/> turns versioning off.</param>
    /// <param name="metadata">Free-form information about the dataset; not used to load or save.</param>
    /// <param name="timeProvider">The clock for save version timestamps; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The path is not local, or a save argument is unknown or invalid.</exception>
    public PlotlyHtmlDataset(string filepath, IReadOnlyDictionary<string, object?>? saveArgs = null, DatasetVersion? version = null,
        IReadOnlyDictionary<string, object?>? metadata = null, TimeProvider? timeProvider = null)
        : base(DatasetArguments.LocalPath(filepath, nameof(PlotlyHtmlDataset)), version, timeProvider)
    {
        const string Type = nameof(PlotlyHtmlDataset);
        DatasetArguments.EnsureKeys(saveArgs, Type, "save_args", "include_plotlyjs", "full_html", "auto_open");
        _plotlyJs = saveArgs?.GetValueOrDefault("include_plotlyjs") switch
        {
            null or true or "True" or "true" => PlotlyJSReference.Full,
            false or "False" or "false" => PlotlyJSReference.NoReference,
            "cdn" => PlotlyJSReference.NewCDN(CdnUrl),
            var other => throw PlotErrors.BadArgument(Type, "save_args", "include_plotlyjs", other, "true, false or 'cdn'"),
        };
        if (!DatasetArguments.Bool(saveArgs, "full_html", true, Type, "save_args"))
        {
            throw PlotErrors.BadArgument(Type, "save_args", "full_html", false, "true (Kedro.NET writes whole HTML pages)");
        }

        if (DatasetArguments.Bool(saveArgs, "auto_open", false, Type, "save_args"))
        {
            throw PlotErrors.BadArgument(Type, "save_args", "auto_open", true, "false (a pipeline does not open browsers)");
        }

        SaveArgs = new Dictionary<string, object?>(saveArgs ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        Metadata = metadata;
    }

    /// <summary>The plotly.js the page loads with <c>include_plotlyjs: cdn</c>: the version Plotly.NET embeds otherwise.</summary>
    private static string CdnUrl => "https://cdn.plot.ly/plotly-2.28.0.min.js";

    /// <summary>The save arguments as given.</summary>
    public IReadOnlyDictionary<string, object?> SaveArgs { get; }

    /// <summary>Free-form information about the dataset (Kedro's <c>metadata</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Metadata { get; }

    /// <summary>The standalone HTML page of a figure, as this dataset writes it.</summary>
    /// <param name="figure">A Plotly.NET <see cref="GenericChart"/> or a <see cref="PlotlyFigure"/>.</param>
    /// <returns>The HTML text.</returns>
    /// <exception cref="InvalidDataException">The value is not a figure.</exception>
    public string ToHtml(object figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var chart = figure switch
        {
            GenericChart given => given,
            PlotlyFigure plain => plain.ToChart(),
            _ => throw PlotErrors.NotAFigure(nameof(PlotlyHtmlDataset), figure),
        };
        // A new chart with the same traces, layout and configuration, and a copy of the display options (page title, ...) with
        // this dataset's plotly.js reference: Plotly.NET's own setters would change the node's chart in place.
        var options = DisplayOptions.combine(new DisplayOptions(), GenericChart.getDisplayOptions(chart));
        options = DisplayOptions.setPlotlyReference(_plotlyJs).Invoke(options);
        var copy = GenericChart.NewMultiChart(GenericChart.getTraces(chart), GenericChart.getLayout(chart), GenericChart.getConfig(chart), options);
        return GenericChart.toEmbeddedHTML(copy);
    }

    internal static PlotlyHtmlDataset Create(DatasetFactoryContext context)
    {
        context.EnsureOnlyArguments([.. DatasetArguments.Common, "save_args"]);
        return new PlotlyHtmlDataset(DatasetArguments.FilePath(context), DatasetArguments.Mapping(context, "save_args"), context.Version,
            DatasetArguments.Mapping(context, "metadata"));
    }

    /// <inheritdoc/>
    protected override object LoadCore() => File.ReadAllText(GetLoadPath(), Encoding.UTF8);

    /// <inheritdoc/>
    protected override async ValueTask<object> LoadCoreAsync(CancellationToken cancellationToken) =>
        await File.ReadAllTextAsync(GetLoadPath(), Encoding.UTF8, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    protected override void SaveCore(object data)
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(ToHtml(data));
        FileIO.Write(SaveTarget.Of(this, GetSavePath()), stream => stream.Write(bytes));
    }

    /// <inheritdoc/>
    protected override ValueTask SaveCoreAsync(object data, CancellationToken cancellationToken)
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(ToHtml(data));
        return FileIO.WriteAsync(SaveTarget.Of(this, GetSavePath()), stream => stream.Write(bytes), cancellationToken);
    }

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?>
    {
        ["filepath"] = FilePath,
        ["protocol"] = "file",
        ["save_args"] = SaveArgs,
        ["version"] = Version,
    };
}
