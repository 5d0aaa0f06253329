using System.Diagnostics;
using Kedro.Datasets.Internal;
using Kedro.Datasets.Tests.Support;
using Kedro.IO;

namespace Kedro.Datasets.Tests.Internal;

/// <summary>Versioned saves never overwrite, failed saves leave nothing behind, and dead writers' temporary files are swept.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private const string Version = "2024-01-15T10.30.00.000Z";

    private readonly TempFolder _dir = new("kedro-datasets-tests");

    public void Dispose() => _dir.Dispose();

    /// <summary>Data whose serialisation waits at a barrier, so two savers are both past every check before either moves its file.</summary>
    public sealed class Gated(Barrier barrier, string who)
    {
        public string Who
        {
            get
            {
                barrier.SignalAndWait(TimeSpan.FromSeconds(30));
                return who;
            }
        }
    }

    /// <summary>Data whose serialisation fails once the save has started writing.</summary>
    public sealed class Failing
    {
        public string Value => throw new InvalidOperationException("cannot serialise");
    }

    [Fact]
    public async Task Save_WhenTwoDatasetsSaveTheSameVersionAtOnce_OneWinsAndTheOtherGetsAlreadyExists()
    {
        // Two dataset instances, two threads: both pass the save path check (the version does not exist yet) and write
        // their temporary files before either moves; the no-overwrite move (a hard link on Unix) alone decides the winner.
        var path = _dir.PathOf("model.json");
        using var barrier = new Barrier(2);
        var first = new JsonDataset(path, version: new DatasetVersion(null, Version));
        var second = new JsonDataset(path, version: new DatasetVersion(null, Version));

        var saves = new[] { (first, "first"), (second, "second") }
            .Select(pair => Task.Run(() => pair.Item1.Save(new Gated(barrier, pair.Item2))))
            .ToArray();
        await Task.WhenAll(saves.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

        Assert.Equal(1, saves.Count(t => t.IsCompletedSuccessfully));
        var failed = saves.Single(t => t.IsFaulted);
        var loser = failed == saves[0] ? first : second;
        var winner = failed == saves[0] ? "second" : "first";
        var versioned = Path.Combine(path, Version, "model.json");
        var error = Assert.IsType<DatasetException>(failed.Exception!.InnerException);
        Assert.Equal($"Save path '{versioned}' for {loser} must not exist if versioning is enabled.", error.Message);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
        Assert.Contains($"\"{winner}\"", File.ReadAllText(versioned), StringComparison.Ordinal);
        Assert.Equal([Path.Combine("model.json", Version, "model.json")], _dir.Files());
    }

    /// <summary>Data whose serialisation has another writer put the version in place first.</summary>
    public sealed class Overtaken(string path)
    {
        public string Who
        {
            get
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, "the other writer's data");
                return "late";
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Save_WhenAnotherWriterSavesTheVersionAfterTheCheck_RefusesAndKeepsTheirData(bool async)
    {
        var path = _dir.PathOf("model.json");
        var versioned = Path.Combine(path, Version, "model.json");
        var dataset = new JsonDataset(path, version: new DatasetVersion(null, Version));

        var error = async
            ? await Assert.ThrowsAsync<DatasetException>(() => dataset.SaveAsync(new Overtaken(versioned)).AsTask())
            : Assert.Throws<DatasetException>(() => dataset.Save(new Overtaken(versioned)));

        Assert.Equal($"Save path '{versioned}' for {dataset} must not exist if versioning is enabled.", error.Message);
        Assert.Equal("the other writer's data", File.ReadAllText(versioned));
        Assert.Equal([Path.Combine("model.json", Version, "model.json")], _dir.Files());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Save_WhenAVersionedSaveFails_LeavesNoVersionFolderBehind(bool async)
    {
        var path = _dir.PathOf("model.json");
        var dataset = new JsonDataset(path, version: new DatasetVersion(null, Version));

        if (async)
        {
            await Assert.ThrowsAsync<DatasetException>(() => dataset.SaveAsync(new Failing()).AsTask());
        }
        else
        {
            Assert.Throws<DatasetException>(() => dataset.Save(new Failing()));
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Path));
        dataset.Save(new Dictionary<string, object?> { ["a"] = 1L });
        Assert.Equal([Path.Combine("model.json", Version, "model.json")], _dir.Files());
    }

    [Fact]
    public void Save_WhenAVersionedSaveFailsNextToOtherVersions_KeepsThemAndAddsNoFolder()
    {
        var path = _dir.PathOf("model.json");
        new JsonDataset(path, version: new DatasetVersion(null, "2024-01-01T00.00.00.000Z")).Save(new Dictionary<string, object?> { ["a"] = 1L });

        Assert.Throws<DatasetException>(() => new JsonDataset(path, version: new DatasetVersion(null, Version)).Save(new Failing()));

        Assert.Equal(["2024-01-01T00.00.00.000Z"], Directory.EnumerateDirectories(path).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_WhenAPlainSaveFailsInANewFolder_RemovesTheFoldersItCreated()
    {
        var dataset = new JsonDataset(_dir.PathOf("02_intermediate", "nested", "data.json"));

        Assert.Throws<DatasetException>(() => dataset.Save(new Failing()));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void Save_RemovesTemporaryFilesOfDeadProcessesAndKeepsThoseOfLiveOnes()
    {
        var path = _dir.PathOf("data.csv");
        var deadPid = DeadProcessId();
        using var live = StartLiveProcess();
        try
        {
            var dead = _dir.PathOf($".data.csv.{deadPid}.{Guid.NewGuid():N}.tmp");
            var alive = _dir.PathOf($".data.csv.{live.Id}.{Guid.NewGuid():N}.tmp");
            var other = _dir.PathOf($".other.csv.{deadPid}.{Guid.NewGuid():N}.tmp");
            foreach (var file in new[] { dead, alive, other })
            {
                File.WriteAllText(file, "partial");
            }

            new CsvDataset(path).Save(new List<Company> { new(1, "90%", "Earth", 2.5, "t") });

            Assert.False(File.Exists(dead));
            Assert.True(File.Exists(alive));
            Assert.True(File.Exists(other));
            Assert.True(File.Exists(path));
        }
        finally
        {
            live.Kill();
            live.WaitForExit();
        }
    }

    [Fact]
    public void Save_Versioned_RemovesTemporaryFilesOfDeadProcessesInTheDatasetFolder()
    {
        var path = _dir.PathOf("model.txt");
        Directory.CreateDirectory(path);
        var dead = Path.Combine(path, $".model.txt.{DeadProcessId()}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(dead, "partial");

        new TextDataset(path, new DatasetVersion(null, Version)).Save("text");

        Assert.Equal([Path.Combine("model.txt", Version, "model.txt")], _dir.Files());
    }

    [Theory]
    [InlineData(".data.csv.123.0123456789abcdef0123456789abcdef.tmp", 123)]
    [InlineData(".data.csv.0123456789abcdef0123456789abcdef.tmp", null)]
    [InlineData(".data.csv.x1.0123456789abcdef0123456789abcdef.tmp", null)]
    [InlineData(".data.csv.123.notaguid.tmp", null)]
    [InlineData(".data.csvx.123.0123456789abcdef0123456789abcdef.tmp", null)]
    public void OwnerOf_ReadsTheProcessIdOnlyFromThisTargetsTemporaryNames(string name, int? expected)
    {
        var dataset = new CsvDataset(_dir.PathOf("data.csv"));

        Assert.Equal(expected, AtomicFile.OwnerOf(SaveTarget.Of(dataset, _dir.PathOf("data.csv")), name));
    }

    private static int DeadProcessId()
    {
        using var process = Process.Start(OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd", "/c exit 0")
            : new ProcessStartInfo("true"))!;
        process.WaitForExit();
        return process.Id;
    }

    private static Process StartLiveProcess() => Process.Start(OperatingSystem.IsWindows()
        ? new ProcessStartInfo("ping", "-n 60 127.0.0.1") { RedirectStandardOutput = true }
        : new ProcessStartInfo("sleep", "60"))!;
}
