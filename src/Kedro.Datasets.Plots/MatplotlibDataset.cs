using System.Collections;
using System.Globalization;
using System.Text;
using Kedro.Datasets.Plots.Internal;
using Kedro.IO;
using ScottPlot;

namespace Kedro.Datasets.Plots;

/// <summary>
/// Charts saved as image files (Kedro's <c>matplotlib.MatplotlibDataset</c>); in .NET a chart is a ScottPlot
/// <see cref="Plot"/>, rendered headless (SkiaSharp). A node returns one <see cref="Plot"/> (saved at <c>filepath</c>), a list
/// of plots (saved in the folder <c>filepath</c> as <c>0.png</c>, <c>1.png</c>, ...) or a dictionary of plots by name (saved
/// in that folder as <c>{name}.png</c>, or under the name as given when it has an image extension). The format comes from
/// <c>save_args</c> <c>format</c>, else from the file's extension, else PNG. Every image is rendered before anything is
/// written, so a plot that fails to draw leaves the previous files intact; saves are atomic. Like Kedro, the dataset does not
/// load.
/// </summary>
public sealed class MatplotlibDataset : AbstractVersionedDataset<object>
{
    /// <summary>The width and height of an image when <c>save_args</c> do not give them: matplotlib's default figure at 100 dpi.</summary>
    private const int DefaultWidth = 640;
    private const int DefaultHeight = 480;
    private const double DefaultDpi = 100;

    private static readonly Dictionary<string, ImageFormat> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["png"] = ImageFormat.Png,
        ["svg"] = ImageFormat.Svg,
        ["jpg"] = ImageFormat.Jpeg,
        ["jpeg"] = ImageFormat.Jpeg,
        ["webp"] = ImageFormat.Webp,
        ["bmp"] = ImageFormat.Bmp,
    };

    private readonly string? _format;
    private readonly int _width;
    private readonly int _height;
    private readonly double _dpi;

    /// <summary>Creates the dataset.</summary>
    /// <param name="filepath">
    /// The image's path, or the folder's path for a list or dictionary of plots (a <c>file://</c> prefix is dropped; other
    /// protocols are refused).
    /// </param>
    /// <param name="saveArgs">
    /// Kedro's <c>save_args</c>: <c>format</c> (<c>png</c>, <c>svg</c>, <c>jpeg</c>/<c>jpg</c>, <c>webp</c> or <c>bmp</c>),
    /// <c>width</c> and <c>height</c> (the image's size in pixels; default 640 × 480) and <c>dpi</c> (default 100: lines and
    /// text are drawn <c>dpi / 100</c> times their normal size, as in a figure printed at that resolution).
    /// </param>
    /// <param name="version">The versions to save; <see langword="null"/> turns versioning off.</param>
    /// <param name="overwrite">
    /// For a list or dictionary of plots: <see langword="true"/> replaces the whole folder, removing images of an earlier save
    /// that this save does not write; <see langword="false"/> (the default) keeps them.
    /// </param>
    /// <param name="metadata">Free-form information about the dataset; not used to save.</param>
    /// <param name="timeProvider">The clock for save version timestamps; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The path is not local, or a save argument is unknown or invalid.</exception>
    public MatplotlibDataset(string filepath, IReadOnlyDictionary<string, object?>? saveArgs = null, DatasetVersion? version = null,
        bool overwrite = false, IReadOnlyDictionary<string, object?>? metadata = null, TimeProvider? timeProvider = null)
        : base(DatasetArguments.LocalPath(filepath, nameof(MatplotlibDataset)), version, timeProvider)
    {
        const string Type = nameof(MatplotlibDataset);
        DatasetArguments.EnsureKeys(saveArgs, Type, "save_args", "format", "width", "height", "dpi");
        _format = DatasetArguments.String(saveArgs, "format")?.TrimStart('.');
        if (_format is not null && !Formats.ContainsKey(_format))
        {
            throw PlotErrors.BadArgument(Type, "save_args", "format", _format, "one of 'png', 'svg', 'jpeg', 'jpg', 'webp' or 'bmp'");
        }

        _width = Positive(saveArgs, "width", DefaultWidth);
        _height = Positive(saveArgs, "height", DefaultHeight);
        _dpi = Dpi(saveArgs);
        Overwrite = overwrite;
        SaveArgs = new Dictionary<string, object?>(saveArgs ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        Metadata = metadata;
    }

    /// <summary>The save arguments as given.</summary>
    public IReadOnlyDictionary<string, object?> SaveArgs { get; }

    /// <summary>Whether a save of several plots replaces the whole folder.</summary>
    public bool Overwrite { get; }

    /// <summary>Free-form information about the dataset (Kedro's <c>metadata</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Metadata { get; }

    /// <summary>The image of one plot as this dataset writes it (PNG unless <c>save_args</c> or <paramref name="fileName"/> say otherwise).</summary>
    /// <param name="plot">The plot.</param>
    /// <param name="fileName">A file name whose extension picks the format when <c>save_args</c> give none.</param>
    /// <returns>The image file's bytes.</returns>
    public byte[] Render(Plot plot, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var format = Formats[FormatOf(fileName)];
        var scale = plot.ScaleFactor;
        plot.ScaleFactor = (float)(_dpi / DefaultDpi);
        try
        {
            return format == ImageFormat.Svg
                ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(plot.GetSvgXml(_width, _height))
                : plot.GetImageBytes(_width, _height, format);
        }
        finally
        {
            plot.ScaleFactor = scale;
        }
    }

    internal static MatplotlibDataset Create(DatasetFactoryContext context)
    {
        context.EnsureOnlyArguments([.. DatasetArguments.Common, "save_args", "overwrite"]);
        var overwrite = DatasetArguments.Bool(context.Arguments, "overwrite", false, context.TypeName, "arguments");
        return new MatplotlibDataset(DatasetArguments.FilePath(context), DatasetArguments.Mapping(context, "save_args"), context.Version,
            overwrite, DatasetArguments.Mapping(context, "metadata"));
    }

    /// <inheritdoc/>
    /// <exception cref="DatasetException">Always: like Kedro's, this dataset only saves.</exception>
    protected override object LoadCore() => throw PlotErrors.LoadNotSupported(this);

    /// <inheritdoc/>
    protected override void SaveCore(object data)
    {
        var path = GetSavePath();
        switch (data)
        {
            case Plot plot:
                var bytes = Render(plot, path);
                FileIO.Write(SaveTarget.Of(this, path), stream => stream.Write(bytes));
                break;
            case string:
                throw PlotErrors.NotAPlot(data);
            case IDictionary plots:
                ImageFolder.Write(this, path, RenderAll(plots), Version is not null, Overwrite);
                break;
            case IEnumerable plots:
                ImageFolder.Write(this, path, RenderAll(plots), Version is not null, Overwrite);
                break;
            default:
                throw PlotErrors.NotAPlot(data);
        }
    }

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?>
    {
        ["filepath"] = FilePath,
        ["protocol"] = "file",
        ["save_args"] = SaveArgs,
        ["version"] = Version,
    };

    private List<(string Name, byte[] Bytes)> RenderAll(IEnumerable plots)
    {
        var images = new List<(string, byte[])>();
        var index = 0;
        foreach (var item in plots)
        {
            var plot = item as Plot ?? throw (item is null ? PlotErrors.NullPlot(index.ToString(CultureInfo.InvariantCulture)) : PlotErrors.NotAPlot(item));
            var name = $"{index.ToString(CultureInfo.InvariantCulture)}.{Extension(FormatOf(null))}";
            images.Add((name, Render(plot, name)));
            index++;
        }

        return images;
    }

    private List<(string Name, byte[] Bytes)> RenderAll(IDictionary plots)
    {
        var images = new List<(string Name, byte[] Bytes)>();
        foreach (DictionaryEntry entry in plots)
        {
            var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
            if (key.Length == 0 || key is "." or ".." || key.IndexOfAny(['/', '\\']) >= 0 || key.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                throw PlotErrors.BadPlotName(key);
            }

            var plot = entry.Value as Plot ?? throw (entry.Value is null ? PlotErrors.NullPlot($"'{key}'") : PlotErrors.NotAPlot(entry.Value));
            var name = Formats.ContainsKey(Path.GetExtension(key).TrimStart('.')) ? key : $"{key}.{Extension(FormatOf(null))}";
            if (images.Any(image => string.Equals(image.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw PlotErrors.DuplicatePlotName(key, name);
            }

            images.Add((name, Render(plot, name)));
        }

        return images;
    }

    private string FormatOf(string? fileName)
    {
        if (_format is not null)
        {
            return _format;
        }

        var extension = fileName is null ? string.Empty : Path.GetExtension(fileName).TrimStart('.');
        return Formats.ContainsKey(extension) ? extension : "png";
    }

    private static string Extension(string format) =>
        string.Equals(format, "jpeg", StringComparison.OrdinalIgnoreCase) ? "jpg" : format.ToLowerInvariant();

    private static int Positive(IReadOnlyDictionary<string, object?>? args, string key, int defaultValue)
    {
        var value = DatasetArguments.Int(args, key, nameof(MatplotlibDataset), "save_args") ?? defaultValue;
        return value > 0 ? value : throw PlotErrors.BadArgument(nameof(MatplotlibDataset), "save_args", key, value, "a positive number of pixels");
    }

    private static double Dpi(IReadOnlyDictionary<string, object?>? args)
    {
        if (args is null || !args.TryGetValue("dpi", out var value) || value is null)
        {
            return DefaultDpi;
        }

        var dpi = value switch
        {
            int or long or double or float or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => double.NaN,
        };
        return dpi > 0 && double.IsFinite(dpi) ? dpi : throw PlotErrors.BadArgument(nameof(MatplotlibDataset), "save_args", "dpi", value, "a positive number");
    }
}
