using System.Buffers.Binary;
using Kedro.Datasets.Plots.Internal;
using Kedro.Datasets.Plots.Tests.Support;
using Kedro.IO;
using ScottPlot;
using static Kedro.Datasets.Plots.Tests.Support.Config;

namespace Kedro.Datasets.Plots.Tests;

public sealed class MatplotlibDatasetTests : IDisposable
{
    private const string Version = "2024-01-01T00.00.00.000Z";
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly TempFolder _dir = new("kedro-plots-tests");

    public void Dispose() => _dir.Dispose();

    private static Plot Chart(string title = "Capacity")
    {
        var plot = new Plot();
        plot.Add.Scatter(new double[] { 1, 2, 3 }, new double[] { 3.5, 4.25, 2 });
        plot.Title(title);
        return plot;
    }

    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Fact]
    public void Save_Plot_WritesAPngOfTheDefaultSize()
    {
        new MatplotlibDataset(_dir.PathOf("08_reporting", "capacity.png")).Save(Chart());

        Assert.Equal((640, 480), PngSize(File.ReadAllBytes(_dir.PathOf("08_reporting", "capacity.png"))));
    }

    [Fact]
    public void Save_WidthHeightAndDpi_SetThePixelsAndTheDrawing()
    {
        new MatplotlibDataset(_dir.PathOf("a.png"), Map(("width", 300), ("height", 200))).Save(Chart());
        new MatplotlibDataset(_dir.PathOf("b.png"), Map(("width", 300), ("height", 200), ("dpi", 200))).Save(Chart());

        var (normal, large) = (File.ReadAllBytes(_dir.PathOf("a.png")), File.ReadAllBytes(_dir.PathOf("b.png")));
        Assert.Equal((300, 200), PngSize(normal));
        Assert.Equal((300, 200), PngSize(large));
        Assert.NotEqual(normal, large);
    }

    [Fact]
    public void Save_SvgByExtensionOrFormat_WritesSvg()
    {
        var plot = Chart();
        new MatplotlibDataset(_dir.PathOf("capacity.svg"), Map(("width", 400), ("height", 300))).Save(plot);
        new MatplotlibDataset(_dir.PathOf("capacity.img"), Map(("format", "svg"))).Save(plot);

        var svg = File.ReadAllText(_dir.PathOf("capacity.svg"));
        Assert.StartsWith("<?xml", svg, StringComparison.Ordinal);
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg, StringComparison.Ordinal);
        Assert.Contains("width=\"400\" height=\"300\"", svg, StringComparison.Ordinal);
        Assert.Contains("<svg", File.ReadAllText(_dir.PathOf("capacity.img")), StringComparison.Ordinal);
        Assert.Equal(1, plot.ScaleFactor);
    }

    [Fact]
    public void Save_FormatOverridesTheExtension()
    {
        new MatplotlibDataset(_dir.PathOf("capacity.svg"), Map(("format", "png"))).Save(Chart());

        _ = PngSize(File.ReadAllBytes(_dir.PathOf("capacity.svg")));
    }

    [Fact]
    public void Save_List_WritesNumberedImagesInTheFolder()
    {
        new MatplotlibDataset(_dir.PathOf("plots")).Save(new List<Plot> { Chart("a"), Chart("b"), Chart("c") });

        Assert.Equal(["plots/0.png", "plots/1.png", "plots/2.png"], _dir.Files().Select(f => f.Replace('\\', '/')));
        _ = PngSize(File.ReadAllBytes(_dir.PathOf("plots", "2.png")));
    }

    [Fact]
    public void Save_Dictionary_WritesOneImagePerName()
    {
        new MatplotlibDataset(_dir.PathOf("plots"), Map(("format", "svg"))).Save(new Dictionary<string, Plot> { ["loss"] = Chart(), ["accuracy.svg"] = Chart() });

        Assert.Equal(["plots/accuracy.svg", "plots/loss.svg"], _dir.Files().Select(f => f.Replace('\\', '/')));
        Assert.Contains("<svg", File.ReadAllText(_dir.PathOf("plots", "loss.svg")), StringComparison.Ordinal);
    }

    [Fact]
    public void Save_ListAgain_KeepsOtherFilesUnlessOverwrite()
    {
        new MatplotlibDataset(_dir.PathOf("plots")).Save(new[] { Chart(), Chart(), Chart() });
        new MatplotlibDataset(_dir.PathOf("plots")).Save(new[] { Chart() });
        Assert.Equal(3, _dir.Files().Count);

        new MatplotlibDataset(_dir.PathOf("plots"), overwrite: true).Save(new[] { Chart() });

        Assert.Equal(["plots/0.png"], _dir.Files().Select(f => f.Replace('\\', '/')));
    }

    [Fact]
    public void Save_Versioned_WritesUnderTheVersionFolder()
    {
        new MatplotlibDataset(_dir.PathOf("capacity.png"), version: new DatasetVersion(null, Version)).Save(Chart());
        new MatplotlibDataset(_dir.PathOf("plots"), version: new DatasetVersion(null, Version)).Save(new[] { Chart(), Chart() });

        Assert.Equal(
            [$"capacity.png/{Version}/capacity.png", $"plots/{Version}/plots/0.png", $"plots/{Version}/plots/1.png"],
            _dir.Files().Select(f => f.Replace('\\', '/')));
    }

    [Fact]
    public void Save_VersionThatExists_IsRefused()
    {
        new MatplotlibDataset(_dir.PathOf("plots"), version: new DatasetVersion(null, Version)).Save(new[] { Chart() });

        var error = Assert.Throws<DatasetException>(() =>
            new MatplotlibDataset(_dir.PathOf("plots"), version: new DatasetVersion(null, Version)).Save(new[] { Chart() }));

        Assert.Contains("must not exist if versioning is enabled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_PlotThatThrowsWhileRendering_LeavesTheEarlierVersionIntact()
    {
        var path = _dir.PathOf("capacity.png");
        new MatplotlibDataset(path, version: new DatasetVersion(null, Version)).Save(Chart());
        var before = File.ReadAllBytes(_dir.PathOf("capacity.png", Version, "capacity.png"));
        var broken = Chart();
        broken.Add.Plottable(new ThrowingPlottable());

        var error = Assert.Throws<DatasetException>(() =>
            new MatplotlibDataset(path, version: new DatasetVersion(null, "2024-01-02T00.00.00.000Z")).Save(broken));

        Assert.Contains("the series cannot be drawn", error.ToString(), StringComparison.Ordinal);
        Assert.Equal([$"capacity.png/{Version}/capacity.png"], _dir.Files().Select(f => f.Replace('\\', '/')));
        Assert.Equal(before, File.ReadAllBytes(_dir.PathOf("capacity.png", Version, "capacity.png")));
        Assert.Equal([Version], Directory.GetDirectories(path).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_ListWithAPlotThatThrows_LeavesTheEarlierFolderIntact()
    {
        new MatplotlibDataset(_dir.PathOf("plots")).Save(new[] { Chart(), Chart() });
        var before = File.ReadAllBytes(_dir.PathOf("plots", "0.png"));
        var broken = Chart();
        broken.Add.Plottable(new ThrowingPlottable());

        _ = Assert.Throws<DatasetException>(() => new MatplotlibDataset(_dir.PathOf("plots"), overwrite: true).Save(new[] { Chart("new"), broken }));

        Assert.Equal(["plots/0.png", "plots/1.png"], _dir.Files().Select(f => f.Replace('\\', '/')));
        Assert.Equal(before, File.ReadAllBytes(_dir.PathOf("plots", "0.png")));
        Assert.Equal(["plots"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_OverwriteWhoseNewFolderCannotBeMovedIn_PutsTheEarlierImagesBack()
    {
        var path = _dir.PathOf("plots");
        new MatplotlibDataset(path).Save(new[] { Chart(), Chart() });
        var before = File.ReadAllBytes(_dir.PathOf("plots", "0.png"));

        var error = Assert.Throws<IOException>(() => ImageFolder.Write(
            new MatplotlibDataset(path), path, [("0.png", [1, 2, 3])], versioned: false, overwrite: true,
            moveIntoPlace: static (_, _) => throw new IOException("the disk refused the rename")));

        Assert.Equal("the disk refused the rename", error.Message);
        Assert.Equal(["plots/0.png", "plots/1.png"], _dir.Files().Select(f => f.Replace('\\', '/')));
        Assert.Equal(before, File.ReadAllBytes(_dir.PathOf("plots", "0.png")));
        Assert.Equal(["plots"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Save_ListWhereAFileIs_IsRefusedNamingThePath(bool overwrite)
    {
        var path = _dir.PathOf("plots");
        File.WriteAllText(path, "notes");

        var error = Assert.Throws<DatasetException>(() => new MatplotlibDataset(path, overwrite: overwrite).Save(new[] { Chart() }));

        Assert.Contains($"at '{path}', but a file is there", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("notes", File.ReadAllText(path));
        Assert.Equal(["plots"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Load_IsNotSupportedAsInKedro()
    {
        var dataset = new MatplotlibDataset(_dir.PathOf("capacity.png"));
        dataset.Save(Chart());

        var error = Assert.Throws<DatasetException>(() => dataset.Load());

        Assert.Contains("Loading not supported for 'MatplotlibDataset'", error.Message, StringComparison.Ordinal);
        Assert.True(dataset.Exists());
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Save_DictionaryNameThatIsNotAFileName_IsRefused(string name)
    {
        var error = Assert.Throws<DatasetException>(() => new MatplotlibDataset(_dir.PathOf("plots")).Save(new Dictionary<string, Plot> { [name] = Chart() }));

        Assert.Contains($"cannot save the plot named '{name}'", error.Message, StringComparison.Ordinal);
        Assert.Empty(_dir.Files());
    }

    [Fact]
    public void Save_TwoNamesForOneFile_IsRefused()
    {
        var error = Assert.Throws<DatasetException>(() =>
            new MatplotlibDataset(_dir.PathOf("plots")).Save(new Dictionary<string, Plot> { ["loss"] = Chart(), ["loss.png"] = Chart() }));

        Assert.Contains("cannot save the plot named 'loss.png': another plot is already saved as 'loss.png'", error.Message, StringComparison.Ordinal);
        Assert.Empty(_dir.Files());
    }

    [Fact]
    public void Save_NotAPlot_IsRefused()
    {
        var error = Assert.Throws<DatasetException>(() => new MatplotlibDataset(_dir.PathOf("p.png")).Save(new[] { "chart" }));

        Assert.Contains("'MatplotlibDataset' saves a ScottPlot 'Plot', a list of them or a dictionary of them by file name, not a 'string'",
            error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("format", "pdf", "save_args 'format' of 'MatplotlibDataset' must be one of 'png', 'svg', 'jpeg', 'jpg', 'webp' or 'bmp', not 'pdf'.")]
    [InlineData("width", -5, "save_args 'width' of 'MatplotlibDataset' must be a positive number of pixels, not '-5'.")]
    [InlineData("dpi", "high", "save_args 'dpi' of 'MatplotlibDataset' must be a positive number, not 'high'.")]
    [InlineData("bbox_inches", "tight", "'MatplotlibDataset' does not support save_args 'bbox_inches'. Supported save_args: 'format', 'width', 'height', 'dpi'.")]
    public void Create_BadSaveArguments_AreRefusedClearly(string key, object value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new MatplotlibDataset(_dir.PathOf("p.png"), Map((key, value))));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
