using Kedro.IO;

namespace Kedro.Datasets.Tests;

public sealed class TextDatasetTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-datasets-tests");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Save_TextThatIsNotValidUnicode_FailsAndWritesNothing()
    {
        var dataset = new TextDataset(_dir.PathOf("a.txt"));

        var error = Assert.Throws<DatasetException>(() => dataset.Save("lone \uD800 surrogate"));

        Assert.IsType<System.Text.EncoderFallbackException>(error.InnerException);
        Assert.Empty(_dir.Files());
    }

    [Fact]
    public void SaveThenLoad_RoundTripsUtf8Text()
    {
        var dataset = new TextDataset(_dir.PathOf("notes", "a.txt"));
        dataset.Save("héllo\nworld");
        Assert.Equal("héllo\nworld", dataset.Load());
        Assert.Equal("héllo\nworld", dataset.Load(typeof(string)));
        Assert.True(dataset.Exists());
    }

    [Fact]
    public async Task SaveAsyncThenLoadAsync_RoundTrips()
    {
        var dataset = new TextDataset(_dir.PathOf("a.txt"));
        await dataset.SaveAsync("async");
        Assert.Equal("async", await dataset.LoadAsync(typeof(object)));
    }

    [Fact]
    public void Load_AsAnotherType_NamesDatasetFileAndType()
    {
        var dataset = new TextDataset(_dir.PathOf("a.txt"));
        dataset.Save("1");
        var error = Assert.Throws<DatasetException>(() => dataset.Load(typeof(int)));
        Assert.Equal(
            $"Failed while loading data from dataset {dataset}.\nCannot load '{_dir.PathOf("a.txt")}' as 'int': a text file loads as 'string', not 'int'.",
            error.Message);
    }

    [Fact]
    public void Load_MissingFile_SaysWhichDataset()
    {
        var dataset = new TextDataset(_dir.PathOf("missing.txt"));
        var error = Assert.Throws<DatasetException>(() => dataset.Load(typeof(string)));
        Assert.StartsWith($"Failed while loading data from dataset {dataset}.", error.Message, StringComparison.Ordinal);
        Assert.False(dataset.Exists());
    }

    [Fact]
    public async Task SaveAsync_WhenCancelled_LeavesThePreviousFile()
    {
        var dataset = new TextDataset(_dir.PathOf("a.txt"));
        dataset.Save("old");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await dataset.SaveAsync("new", cancelled.Token));
        Assert.Equal("old", dataset.Load());
        Assert.Equal(["a.txt"], _dir.Files());
    }

    [Fact]
    public void Save_OverAReadOnlyTarget_FailsAndKeepsIt()
    {
        var path = _dir.PathOf("a.txt");
        var dataset = new TextDataset(path);
        dataset.Save("old");
        Directory.CreateDirectory(_dir.PathOf("blocked.txt"));
        var blocked = new TextDataset(_dir.PathOf("blocked.txt"));

        Assert.Throws<DatasetException>(() => blocked.Save("new"));

        Assert.Equal("old", dataset.Load());
        Assert.Equal(["a.txt"], _dir.Files());
    }

    [Fact]
    public void Versioned_SaveThenLoadLatestOrAGivenVersion()
    {
        var path = _dir.PathOf("t.txt");
        new TextDataset(path, new DatasetVersion(null, "2024-01-01T00.00.00.000Z")).Save("one");
        new TextDataset(path, new DatasetVersion(null, "2024-01-02T00.00.00.000Z")).Save("two");
        Assert.Equal("two", new TextDataset(path, new DatasetVersion(null, null)).Load());
        Assert.Equal("one", new TextDataset(path, new DatasetVersion("2024-01-01T00.00.00.000Z", null)).Load(typeof(string)));
    }

    [Fact]
    public void ToString_DescribesLikeKedro()
    {
        Assert.Equal("Kedro.Datasets.TextDataset(filepath='data/a.txt', protocol='file')", new TextDataset("data/a.txt").ToString());
    }
}
