using Kedro.IO;
using Microsoft.Extensions.Logging;

namespace Kedro.Core.Tests.IO;

public class AbstractDatasetTests
{
    private const string MyDatasetName = "Kedro.Core.Tests.IO.AbstractDatasetTests.MyDataset";

    public static TheoryData<object?, string> DescribeValues => new()
    {
        { 1, "var=1" },
        { true, "var=True" },
        { false, "var=False" },
        { 0, "var=0" },
        { 0.0, "var=0.0" },
        { 2.5, "var=2.5" },
        { "", "var=''" },
        { "text", "var='text'" },
        { new List<int>(), "var=[]" },
        { new List<object?> { 1, "a", null }, "var=[1, 'a', None]" },
        { new Dictionary<string, object?>(), "var={}" },
        { new Dictionary<string, object?> { ["k"] = 1 }, "var={'k': 1}" },
    };

    [Theory]
    [MemberData(nameof(DescribeValues))]
    public void ToString_PrintsDescriptionInKedroFormat(object? value, string expected)
    {
        var dataset = new MyDataset(value);

        Assert.Equal($"{MyDatasetName}(filepath='.', {expected})", dataset.ToString());
    }

    [Fact]
    public void ToString_OmitsNullValues()
    {
        Assert.Equal($"{MyDatasetName}(filepath='.')", new MyDataset(null).ToString());
    }

    [Fact]
    public void ToString_WhenDescribeCoreReturnsNull_PrintsTypeOnlyAndWarns()
    {
        var logger = new ListLogger();
        var dataset = new BadDescribeDataset { Logger = logger };

        Assert.Equal("Kedro.Core.Tests.IO.AbstractDatasetTests.BadDescribeDataset()", dataset.ToString());
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message ==
            "'Kedro.Core.Tests.IO.AbstractDatasetTests.BadDescribeDataset' is a subclass of AbstractDataset and it must implement the 'DescribeCore' method following the signature of AbstractDataset's 'DescribeCore'.");
        Assert.Empty(dataset.Describe());
    }

    [Fact]
    public void Describe_ReturnsDescribeCore()
    {
        var describe = new MyDataset(42).Describe();

        Assert.Equal(".", describe["filepath"]);
        Assert.Equal(42, describe["var"]);
    }

    [Fact]
    public void Load_WhenImplementationThrows_WrapsWithDatasetDescriptionAndCause()
    {
        var cause = new InvalidOperationException("boom");
        var dataset = new MyDataset(1) { OnLoad = () => throw cause };

        var error = Assert.Throws<DatasetException>(() => dataset.Load());

        Assert.Equal($"Failed while loading data from dataset {MyDatasetName}(filepath='.', var=1).\nboom", error.Message);
        Assert.Same(cause, error.InnerException);
    }

    [Fact]
    public void Load_WhenFileIsMissing_WrapsTheFileError()
    {
        var path = Path.Combine(Path.GetTempPath(), "kedro-missing-" + Guid.NewGuid().ToString("N"), "nothing.txt");
        var dataset = new TextFile(path);

        var error = Assert.Throws<DatasetException>(() => dataset.Load());

        Assert.StartsWith($"Failed while loading data from dataset {dataset}.\n", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
        Assert.EndsWith(error.InnerException!.Message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenImplementationThrowsDatasetException_PropagatesItUnchanged()
    {
        var original = new DatasetException("already a dataset error");
        var dataset = new MyDataset(1) { OnLoad = () => throw original };

        Assert.Same(original, Assert.Throws<DatasetException>(() => dataset.Load()));
    }

    [Fact]
    public void Save_WhenImplementationThrows_WrapsWithDatasetDescription()
    {
        var dataset = new MyDataset(1) { OnSave = _ => throw new InvalidOperationException("disk full") };

        var error = Assert.Throws<DatasetException>(() => dataset.Save("x"));

        Assert.Equal($"Failed while saving data to dataset {MyDatasetName}(filepath='.', var=1).\ndisk full", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public void Save_WhenDataIsNull_RefusesBeforeCallingTheImplementation()
    {
        var saved = false;
        var dataset = new MyDataset(1) { OnSave = _ => saved = true };

        var error = Assert.Throws<DatasetException>(() => dataset.Save(null));

        Assert.Equal("Saving 'null' to a 'Dataset' is not allowed", error.Message);
        Assert.False(saved);
    }

    [Fact]
    public async Task SaveAsync_WhenDataIsNull_Refuses()
    {
        var error = await Assert.ThrowsAsync<DatasetException>(() => new MyDataset(1).SaveAsync(null).AsTask());

        Assert.Equal("Saving 'null' to a 'Dataset' is not allowed", error.Message);
    }

    [Fact]
    public void Save_WhenDataHasAnotherType_NamesTheDatasetAndBothTypes()
    {
        var dataset = new MyDataset(1);

        var error = Assert.Throws<DatasetException>(() => dataset.Save(42));

        Assert.Equal(
            $"Failed while saving data to dataset {MyDatasetName}(filepath='.', var=1).\nThe dataset saves data of type 'string', but got 'int'.",
            error.Message);
    }

    [Fact]
    public void SaveThenLoad_CallsTheImplementation()
    {
        string? stored = null;
        var dataset = new MyDataset(1) { OnSave = d => stored = d, OnLoad = () => stored! };

        dataset.Save("hello");

        Assert.Equal("hello", dataset.Load());
    }

    [Fact]
    public void Exists_WhenNotImplemented_WarnsAndReturnsFalse()
    {
        var logger = new ListLogger();
        var dataset = new MyDataset(1) { Logger = logger };

        Assert.False(dataset.Exists());
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning
            && e.Message == "'exists()' not implemented for 'MyDataset'. Assuming output does not exist.");
    }

    [Fact]
    public void Exists_WhenImplementationThrows_WrapsIt()
    {
        var dataset = new ThrowingDataset();

        var error = Assert.Throws<DatasetException>(() => dataset.Exists());

        Assert.Contains("Failed during exists check for dataset", error.Message, StringComparison.Ordinal);
        Assert.Contains("Test exception", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Release_WhenImplementationThrows_WrapsIt()
    {
        var dataset = new ThrowingDataset();

        var error = Assert.Throws<DatasetException>(() => dataset.Release());

        Assert.Equal($"Failed during release for dataset {dataset}.\nTest exception", error.Message);
    }

    [Fact]
    public void Release_ByDefault_DoesNothing()
    {
        var dataset = new MyDataset(1) { OnLoad = () => "still here" };

        dataset.Release();

        Assert.Equal("still here", dataset.Load());
    }

    [Fact]
    public void Flags_ByDefault_ArePersistentAndMultiProcess()
    {
        IDataset dataset = new MyDataset(1);

        Assert.False(dataset.IsEphemeral);
        Assert.False(dataset.IsSingleProcess);
    }

    [Fact]
    public void Operations_LogAtDebugLevelWithKedroWording()
    {
        var logger = new ListLogger();
        var dataset = new MyDataset(1) { Logger = logger, OnLoad = () => "x", OnExists = () => true };
        var repr = $"{MyDatasetName}(filepath='.', var=1)";

        dataset.Save("x");
        dataset.Load();
        dataset.Exists();
        dataset.Release();

        Assert.Equal(
            [$"Saving {repr}", $"Loading {repr}", $"Checking whether target of {repr} exists", $"Releasing {repr}"],
            logger.Entries.Where(e => e.Level == LogLevel.Debug).Select(e => e.Message));
    }

    [Fact]
    public async Task LoadAsyncAndSaveAsync_ByDefault_UseTheSyncImplementation()
    {
        string? stored = null;
        var dataset = new MyDataset(1) { OnSave = d => stored = d, OnLoad = () => stored! };

        await dataset.SaveAsync("async");

        Assert.Equal("async", await dataset.LoadAsync());
    }

    [Fact]
    public async Task LoadAsync_WhenImplementationThrows_WrapsLikeLoad()
    {
        var dataset = new MyDataset(1) { OnLoad = () => throw new InvalidOperationException("boom") };

        var error = await Assert.ThrowsAsync<DatasetException>(() => dataset.LoadAsync().AsTask());

        Assert.Equal($"Failed while loading data from dataset {dataset}.\nboom", error.Message);
    }

    [Fact]
    public async Task LoadAsync_WhenCancelled_ThrowsOperationCanceledUnwrapped()
    {
        var dataset = new MyDataset(1) { OnLoad = () => "x" };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dataset.LoadAsync(new CancellationToken(canceled: true)).AsTask());
    }

    [Fact]
    public void TextFileFromTheContract_RoundTrips()
    {
        using var folder = new TempFolder("kedro-text");
        var path = folder.PathOf("text.txt");
        var dataset = new TextFile(path);
        Assert.False(dataset.Exists());

        dataset.Save("content");

        Assert.True(dataset.Exists());
        Assert.Equal("content", dataset.Load());
        Assert.Equal($"Kedro.Core.Tests.IO.AbstractDatasetTests.TextFile(filepath='{path}')", dataset.ToString());
    }

    private sealed class MyDataset(object? var) : AbstractDataset<string>
    {
        public Func<string> OnLoad { get; init; } = () => throw new InvalidOperationException("no data");

        public Action<string> OnSave { get; init; } = _ => { };

        public Func<bool>? OnExists { get; init; }

        protected override string LoadCore() => OnLoad();

        protected override void SaveCore(string data) => OnSave(data);

        protected override bool ExistsCore() => OnExists is null ? base.ExistsCore() : OnExists();

        protected override IReadOnlyDictionary<string, object?> DescribeCore() =>
            new Dictionary<string, object?> { ["filepath"] = ".", ["var"] = var };
    }

    private sealed class BadDescribeDataset : AbstractDataset<int>
    {
        protected override int LoadCore() => 1;

        protected override void SaveCore(int data)
        {
        }

        protected override IReadOnlyDictionary<string, object?> DescribeCore() => null!;
    }

    private sealed class ThrowingDataset : AbstractDataset<int>
    {
        protected override int LoadCore() => 1;

        protected override void SaveCore(int data)
        {
        }

        protected override bool ExistsCore() => throw new InvalidOperationException("Test exception");

        protected override void ReleaseCore() => throw new InvalidOperationException("Test exception");

        protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?>();
    }

    // The user-defined dataset of the contract.
    private sealed class TextFile(string filepath) : AbstractDataset<string>
    {
        protected override string LoadCore() => File.ReadAllText(filepath);

        protected override void SaveCore(string data) => File.WriteAllText(filepath, data);

        protected override bool ExistsCore() => File.Exists(filepath);

        protected override IReadOnlyDictionary<string, object?> DescribeCore() =>
            new Dictionary<string, object?> { ["filepath"] = filepath };
    }
}
