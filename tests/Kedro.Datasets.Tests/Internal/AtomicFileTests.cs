using System.Diagnostics;
using Kedro.Datasets.Tests.Support;
using Kedro.IO;
using Kedro.Shared.Files;

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
            var dead = _dir.PathOf(TempName("data.csv", AtomicFile.Machine, deadPid));
            var alive = _dir.PathOf(TempName("data.csv", AtomicFile.Machine, live.Id));
            var other = _dir.PathOf(TempName("other.csv", AtomicFile.Machine, deadPid));
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
    public void Save_InAFolderSharedWithAnotherMachine_KeepsThatMachinesTemporaryFiles()
    {
        // A process id of another machine says nothing about this one: its save may still be writing.
        var path = _dir.PathOf("data.csv");
        var deadPid = DeadProcessId();
        var otherMachine = AtomicFile.Machine == "00000000" ? "ffffffff" : "00000000";
        var theirs = _dir.PathOf(TempName("data.csv", otherMachine, deadPid));
        var ours = _dir.PathOf(TempName("data.csv", AtomicFile.Machine, deadPid));
        File.WriteAllText(theirs, "another machine writing");
        File.WriteAllText(ours, "partial");

        new CsvDataset(path).Save(new List<Company> { new(1, "90%", "Earth", 2.5, "t") });

        Assert.Equal("another machine writing", File.ReadAllText(theirs));
        Assert.False(File.Exists(ours));
    }

    [Fact]
    public void Save_NamesItsTemporaryFileWithThisMachineAndProcess()
    {
        var path = _dir.PathOf("data.json");
        var seen = new List<string>();
        new JsonDataset(path).Save(new Watching(() => seen.AddRange(Directory.EnumerateFiles(_dir.Path).Select(Path.GetFileName)!)));

        var temp = Assert.Single(seen);
        var dataset = new JsonDataset(path);
        Assert.Equal((AtomicFile.Machine, Environment.ProcessId), AtomicFile.OwnerOf(SaveTarget.Of(dataset, path), temp));
        Assert.Matches("^\\.data\\.json\\.[0-9a-f]{8}\\.[0-9]+\\.[0-9a-f]{32}\\.tmp$", temp);
    }

    [Fact]
    public void Save_SweepsATargetsFolderOnlyOnTheFirstSaveInTheProcess()
    {
        // Later saves do not list the folder again: a temporary file left after the first save stays until the next process.
        var path = _dir.PathOf("data.txt");
        var dataset = new TextDataset(path);
        dataset.Save("first");
        var dead = _dir.PathOf(TempName("data.txt", AtomicFile.Machine, DeadProcessId()));
        File.WriteAllText(dead, "partial");

        dataset.Save("second");
        new TextDataset(path).Save("third");

        Assert.True(File.Exists(dead));
        Assert.Equal("third", File.ReadAllText(path));
    }

    [Fact]
    public void Save_Versioned_RemovesTemporaryFilesOfDeadProcessesInTheDatasetFolder()
    {
        var path = _dir.PathOf("model.txt");
        Directory.CreateDirectory(path);
        var dead = Path.Combine(path, TempName("model.txt", AtomicFile.Machine, DeadProcessId()));
        File.WriteAllText(dead, "partial");

        new TextDataset(path, new DatasetVersion(null, Version)).Save("text");

        Assert.Equal([Path.Combine("model.txt", Version, "model.txt")], _dir.Files());
    }

    [Theory]
    [InlineData(".data.csv.0a1b2c3d.123.0123456789abcdef0123456789abcdef.tmp", "0a1b2c3d", 123)]
    [InlineData(".data.csv.123.0123456789abcdef0123456789abcdef.tmp", null, null)]
    [InlineData(".data.csv.0a1b2c3d.0123456789abcdef0123456789abcdef.tmp", null, null)]
    [InlineData(".data.csv.0A1B2C3D.123.0123456789abcdef0123456789abcdef.tmp", null, null)]
    [InlineData(".data.csv.0a1b2c.123.0123456789abcdef0123456789abcdef.tmp", null, null)]
    [InlineData(".data.csv.0a1b2c3d.x1.0123456789abcdef0123456789abcdef.tmp", null, null)]
    [InlineData(".data.csv.0a1b2c3d.123.notaguid.tmp", null, null)]
    [InlineData(".data.csvx.0a1b2c3d.123.0123456789abcdef0123456789abcdef.tmp", null, null)]
    public void OwnerOf_ReadsTheMachineAndProcessIdOnlyFromThisTargetsTemporaryNames(string name, string? machine, int? pid)
    {
        var dataset = new CsvDataset(_dir.PathOf("data.csv"));

        var owner = AtomicFile.OwnerOf(SaveTarget.Of(dataset, _dir.PathOf("data.csv")), name);

        Assert.Equal(machine is null ? null : (machine, pid!.Value), owner);
    }

    /// <summary>Data whose serialisation calls back while the save is writing its temporary file.</summary>
    public sealed class Watching(Action during)
    {
        public string Value
        {
            get
            {
                during();
                return "v";
            }
        }
    }

    private static string TempName(string basename, string machine, int pid) => $".{basename}.{machine}.{pid}.{Guid.NewGuid():N}.tmp";

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
