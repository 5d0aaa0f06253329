using Kedro.IO;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Kedro.Core.Tests.IO;

public sealed class AbstractVersionedDatasetTests : IDisposable
{
    private readonly TempFolder _folder = new("kedro-versioned");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 1, 15, 10, 30, 0, 123, TimeSpan.Zero));

    private string FilePath => _folder.PathOf("model.txt");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void SaveThenLoad_WritesToTheVersionFolderAndReadsItBack()
    {
        var dataset = Versioned(new DatasetVersion(null, null));

        dataset.Save("data");

        Assert.Equal("data", dataset.Load());
        Assert.True(File.Exists(Path.Combine(FilePath, "2024-01-15T10.30.00.123Z", "model.txt")));
        Assert.Equal("2024-01-15T10.30.00.123Z", dataset.ResolveLoadVersion());
        Assert.True(dataset.Exists());
    }

    [Fact]
    public void Load_WhenNoVersionExists_SaysNoVersionsWereFound()
    {
        var dataset = Versioned(new DatasetVersion(null, null));

        var error = Assert.Throws<VersionNotFoundException>(() => dataset.Load());

        Assert.Equal($"Did not find any versions for {dataset}", error.Message);
        Assert.StartsWith("Did not find any versions for Kedro.Core.Tests.IO.AbstractVersionedDatasetTests.TextVersioned(filepath=", error.Message, StringComparison.Ordinal);
        Assert.False(dataset.Exists());
    }

    [Fact]
    public void Save_WhenTheSaveVersionExists_RefusesToOverwrite()
    {
        var version = new DatasetVersion(null, "2024-01-01T00.00.00.000Z");
        Versioned(version).Save("first");
        var dataset = Versioned(version);

        var error = Assert.Throws<DatasetException>(() => dataset.Save("second"));

        var path = Path.Combine(FilePath, "2024-01-01T00.00.00.000Z", "model.txt");
        Assert.Equal($"Save path '{path}' for {dataset} must not exist if versioning is enabled.", error.Message);
        Assert.Equal("first", File.ReadAllText(path));
    }

    [Fact]
    public void Save_WhenSaveAndLoadVersionsDiffer_Warns()
    {
        Versioned(new DatasetVersion(null, "2019-01-01T23.59.59.999Z")).Save("old");
        var logger = new ListLogger();
        var dataset = Versioned(new DatasetVersion("2019-01-01T23.59.59.999Z", "2019-01-02T00.00.00.000Z"), logger);

        dataset.Save("new");

        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message ==
            $"Save version '2019-01-02T00.00.00.000Z' did not match load version '2019-01-01T23.59.59.999Z' for {dataset}. "
            + "This is strongly discouraged due to inconsistencies it may cause between 'save' and 'load' operations. "
            + "Please refrain from setting exact load version for intermediate datasets where possible to avoid this warning.");
        Assert.Equal("old", dataset.Load());
    }

    [Fact]
    public void Save_WhenVersionsMatch_DoesNotWarn()
    {
        var logger = new ListLogger();

        Versioned(new DatasetVersion(null, null), logger).Save("data");

        Assert.DoesNotContain(logger.Entries, e => e.Level == LogLevel.Warning);
    }

    [Fact]
    public void Save_WhenAPlainFileIsWhereTheVersionFolderGoes_ExplainsAndSucceedsOnceRemoved()
    {
        File.WriteAllText(FilePath, "unversioned");
        var dataset = Versioned(new DatasetVersion(null, null));

        var error = Assert.Throws<DatasetException>(() => dataset.Save("data"));

        Assert.Contains("file with the same name already exists in the directory", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Cannot save versioned dataset 'model.txt' to '{_folder.Path}' because", error.Message, StringComparison.Ordinal);
        File.Delete(FilePath);
        dataset.Save("data");
        Assert.Equal("data", dataset.Load());
    }

    [Fact]
    public void Load_CachesTheLatestVersionUntilRelease()
    {
        var reader = Versioned(new DatasetVersion(null, null));
        reader.Save("one");
        Assert.Equal("one", reader.Load());

        _clock.Advance(TimeSpan.FromSeconds(1));
        Versioned(new DatasetVersion(null, null)).Save("two");
        Assert.Equal("one", reader.Load());

        reader.Release();
        Assert.Equal("two", reader.Load());
        Assert.Equal("2024-01-15T10.30.01.123Z", reader.ResolveLoadVersion());
    }

    [Fact]
    public void Save_WithoutASaveVersion_UsesANewTimestampEachSave()
    {
        var dataset = Versioned(new DatasetVersion(null, null));

        dataset.Save("one");
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        dataset.Save("two");

        Assert.Equal(["2024-01-15T10.30.00.124Z", "2024-01-15T10.30.00.123Z"], dataset.ListVersions(fullPath: false));
        Assert.Equal("two", dataset.Load());
    }

    [Fact]
    public void ResolveSaveVersion_IsGeneratedOnceUntilTheCacheIsCleared()
    {
        var dataset = Versioned(new DatasetVersion(null, null));
        var first = dataset.ResolveSaveVersion();

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(first, dataset.ResolveSaveVersion());

        dataset.Release();
        Assert.Equal("2024-01-15T10.30.01.123Z", dataset.ResolveSaveVersion());
    }

    [Fact]
    public void ListVersions_ReturnsExistingVersionsNewestFirst()
    {
        Assert.Empty(Versioned(new DatasetVersion(null, null)).ListVersions());
        foreach (var version in new[] { "version1", "version3", "version2" })
        {
            Versioned(new DatasetVersion(null, version)).Save(version);
        }

        Directory.CreateDirectory(Path.Combine(FilePath, "version9"));
        var dataset = Versioned(new DatasetVersion(null, null));

        Assert.Equal(["version3", "version2", "version1"], dataset.ListVersions(fullPath: false));
        Assert.Equal(
            ["version3", "version2", "version1"],
            dataset.ListVersions().Select(p => Path.GetFileName(Path.GetDirectoryName(p))));
        Assert.All(dataset.ListVersions(), p => Assert.EndsWith("model.txt", p, StringComparison.Ordinal));
    }

    [Fact]
    public void ListVersions_SortsTimestampsSavedOutOfOrder()
    {
        Versioned(new DatasetVersion(null, "2024-01-02T00.00.00.000Z")).Save("b");
        Versioned(new DatasetVersion(null, "2024-01-03T00.00.00.000Z")).Save("c");
        Versioned(new DatasetVersion(null, "2024-01-01T00.00.00.000Z")).Save("a");

        var dataset = Versioned(new DatasetVersion(null, null));

        Assert.Equal("2024-01-03T00.00.00.000Z", dataset.ListVersions(fullPath: false)[0]);
        Assert.Equal("c", dataset.Load());
    }

    [Theory]
    [InlineData("../../../secrets")]
    [InlineData(@"..\..\..\secrets")]
    [InlineData("/etc/passwd")]
    [InlineData(@"C:\Users\secrets")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("foo/bar")]
    [InlineData(@"foo\bar")]
    public void LoadAndSave_WithAnUnsafeVersion_Refuse(string version)
    {
        var loadError = Assert.Throws<DatasetException>(() => Versioned(new DatasetVersion(version, null)).Load());
        var saveError = Assert.Throws<DatasetException>(() => Versioned(new DatasetVersion(null, version)).Save("x"));

        Assert.Contains("not allowed", loadError.Message, StringComparison.Ordinal);
        Assert.Contains("not allowed", saveError.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void Constructor_WithAVersionForAnHttpPath_Refuses()
    {
        var error = Assert.Throws<DatasetException>(() => new TextVersioned("https://example.com/data.csv", new DatasetVersion(null, null)));

        Assert.Equal(
            "Versioning is not supported for HTTP protocols. Please remove the `versioned` flag from the dataset configuration.",
            error.Message);
    }

    [Fact]
    public void WithoutVersion_UsesThePlainPath()
    {
        var dataset = Versioned(null);

        dataset.Save("plain");

        Assert.Equal("plain", File.ReadAllText(FilePath));
        Assert.Equal("plain", dataset.Load());
        Assert.Null(dataset.ResolveLoadVersion());
        Assert.Null(dataset.ResolveSaveVersion());
        Assert.True(dataset.Exists());
    }

    [Fact]
    public void ToString_ShowsTheVersionLikeKedro()
    {
        var dataset = Versioned(new DatasetVersion(null, "v1"));

        Assert.Equal(
            $"Kedro.Core.Tests.IO.AbstractVersionedDatasetTests.TextVersioned(filepath='{FilePath}', version=Version(load=None, save='v1'))",
            dataset.ToString());
    }

    [Fact]
    public async Task SaveAsyncThenLoadAsync_VersionLikeTheSyncPath()
    {
        var dataset = Versioned(new DatasetVersion(null, null));

        await dataset.SaveAsync("async");

        Assert.Equal("async", await dataset.LoadAsync());
        Assert.Equal(["2024-01-15T10.30.00.123Z"], dataset.ListVersions(fullPath: false));
    }

    private TextVersioned Versioned(DatasetVersion? version, ILogger? logger = null) =>
        new(FilePath, version, _clock) { Logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance };

    private sealed class TextVersioned(string filepath, DatasetVersion? version, TimeProvider? timeProvider = null)
        : AbstractVersionedDataset<string>(filepath, version, timeProvider)
    {
        protected override string LoadCore() => File.ReadAllText(GetLoadPath());

        protected override void SaveCore(string data)
        {
            var path = GetSavePath();
            var folder = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            File.WriteAllText(path, data);
        }

        protected override IReadOnlyDictionary<string, object?> DescribeCore() =>
            new Dictionary<string, object?> { ["filepath"] = FilePath, ["version"] = Version };
    }
}
