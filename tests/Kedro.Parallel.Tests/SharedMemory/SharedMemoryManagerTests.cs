using System.Diagnostics;
using System.Globalization;
using Kedro.IO;
using Microsoft.Extensions.Logging;

namespace Kedro.Parallel.Tests.SharedMemory;

public sealed class SharedMemoryManagerTests : IDisposable
{
    private readonly SharedMemoryTestRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Constructor_CreatesAPrivateRunDirectoryNamedAfterTheProcess()
    {
        using var manager = _root.CreateManager();

        Assert.True(Directory.Exists(manager.Directory));
        Assert.True(manager.OwnsDirectory);
        Assert.Equal(_root.Path, Path.GetDirectoryName(manager.Directory));
        Assert.StartsWith($"kedro-shm-{Environment.ProcessId}-", Path.GetFileName(manager.Directory), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(manager.Directory));
        }
    }

    [Fact]
    public void DefaultRoot_OnLinux_IsTheSharedMemoryFileSystem()
    {
        if (OperatingSystem.IsLinux() && Directory.Exists("/dev/shm"))
        {
            Assert.Equal("/dev/shm", SharedMemoryManager.DefaultRoot);
        }
        else
        {
            Assert.True(Directory.Exists(SharedMemoryManager.DefaultRoot));
        }
    }

    [Fact]
    public void Dispose_RemovesTheDirectoryWithEverySegment()
    {
        var manager = _root.CreateManager();
        manager.Write("a", new[] { 1.0, 2.0 });
        manager.Write("b", "text");

        manager.Dispose();

        Assert.False(Directory.Exists(manager.Directory));
        Assert.Empty(manager.Segments());
    }

    [Fact]
    public void Attach_ReadsWhatTheOwnerWrote_AndDisposingItDeletesNothing()
    {
        using var owner = _root.CreateManager();
        var id = owner.Write("numbers", new[] { 1, 2, 3 });

        var attached = SharedMemoryManager.Attach(owner.Directory);
        var numbers = attached.Read(id, typeof(object));
        var written = attached.Write("answer", 42);
        attached.Dispose();

        Assert.False(attached.OwnsDirectory);
        Assert.Equal([1, 2, 3], Assert.IsType<int[]>(numbers));
        Assert.Equal(42, owner.Read(written, typeof(object)));
        Assert.True(Directory.Exists(owner.Directory));
    }

    [Fact]
    public void Attach_WhenTheDirectoryIsGone_SaysTheRunHasEnded()
    {
        var missing = Path.Combine(_root.Path, "kedro-shm-1-gone");

        var error = Assert.Throws<DirectoryNotFoundException>(() => SharedMemoryManager.Attach(missing));

        Assert.Contains($"'{missing}' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NamesSegmentsAfterTheDatasetAndNeverReusesAName()
    {
        using var manager = _root.CreateManager();

        var first = manager.Write("params:model options", 1);
        var second = manager.Write("params:model options", 2);

        Assert.StartsWith("params_model_options-", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.Equal([first, second], manager.Segments().Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Directory.EnumerateFiles(manager.Directory), f => Path.GetFileName(f).StartsWith('.'));
    }

    [Fact]
    public void Free_DeletesTheSegment_AndReportsWhetherItExisted()
    {
        using var manager = _root.CreateManager();
        var id = manager.Write("a", new byte[] { 1 });

        Assert.True(manager.Free(id));
        Assert.False(manager.Free(id));
        Assert.Empty(manager.Segments());
        var error = Assert.Throws<DatasetException>(() => manager.Read(id, typeof(object)));
        Assert.Equal("Data for MemoryDataset has not been saved yet.", error.Message);
    }

    [Fact]
    public void Free_ReturnsTheSegmentsMemory()
    {
        using var manager = _root.CreateManager();
        var id = manager.Write("a", new double[1 << 20]);

        manager.Free(id);

        // The pages are returned in the background; the file is gone from the directory soon after.
        var deadline = Environment.TickCount64 + 10_000;
        while (Directory.EnumerateFileSystemEntries(manager.Directory).Any() && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(10);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(manager.Directory));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData(".tmp-a")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Free_WhenTheIdIsNotASegmentId_Refuses(string id)
    {
        using var manager = _root.CreateManager();

        var error = Assert.Throws<ArgumentException>(() => manager.Free(id));

        Assert.Contains("is not a shared-memory segment id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RemovesDirectoriesOfProcessesThatNoLongerExist_AndKeepsLiveOnes()
    {
        using var live = _root.CreateManager();
        var deadPid = DeadProcessId();
        var stale = Path.Combine(_root.Path, string.Create(CultureInfo.InvariantCulture, $"kedro-shm-{deadPid}-0badf00d"));
        Directory.CreateDirectory(stale);
        File.WriteAllBytes(Path.Combine(stale, "left-behind-1"), [1, 2, 3]);
        var unrelated = Directory.CreateDirectory(Path.Combine(_root.Path, "not-ours")).FullName;
        var logger = new ListLogger();

        using var manager = new SharedMemoryManager(new(), _root.Path, logger);

        Assert.False(Directory.Exists(stale));
        Assert.True(Directory.Exists(live.Directory));
        Assert.True(Directory.Exists(unrelated));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains(stale, StringComparison.Ordinal));
    }

    [Fact]
    public void SweepStaleDirectories_ReturnsHowManyItRemoved()
    {
        var deadPid = DeadProcessId();
        Directory.CreateDirectory(Path.Combine(_root.Path, string.Create(CultureInfo.InvariantCulture, $"kedro-shm-{deadPid}-00000001")));
        Directory.CreateDirectory(Path.Combine(_root.Path, string.Create(CultureInfo.InvariantCulture, $"kedro-shm-{deadPid}-00000002")));

        Assert.Equal(2, SharedMemoryManager.SweepStaleDirectories(_root.Path));
        Assert.Equal(0, SharedMemoryManager.SweepStaleDirectories(_root.Path));
    }

    [Fact]
    public void Write_ProducesASegmentThatAnotherProcessCanRead()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var manager = _root.CreateManager();
        var payload = "written once, read by another process"u8.ToArray();
        var id = manager.Write("message", payload);

        // The payload of a raw array starts at byte 64, right after the header.
        var output = RunProcess("/bin/sh", "-c", $"tail -c +65 '{Path.Combine(manager.Directory, id)}'");

        Assert.Equal(payload, output);
    }

    private static byte[] RunProcess(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var buffer = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(buffer);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return buffer.ToArray();
    }

    /// <summary>The id of a process that has exited: a short-lived child of this one.</summary>
    private static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo(OperatingSystem.IsWindows() ? "cmd.exe" : "/bin/sh")
        {
            ArgumentList = { OperatingSystem.IsWindows() ? "/c" : "-c", "exit 0" },
            UseShellExecute = false,
        })!;
        process.WaitForExit();
        return process.Id;
    }
}
