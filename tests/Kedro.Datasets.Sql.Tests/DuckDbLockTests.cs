using System.Diagnostics;
using Kedro.Datasets.Sql.Engines;
using Kedro.Datasets.Sql.Tests.Support;
using Kedro.IO;

namespace Kedro.Datasets.Sql.Tests;

/// <summary>
/// DuckDB lets one process open a file for writing. Another process holding the file's lock (here
/// Kedro.Datasets.Sql.LockHolder, a small .NET program holding the file open with DuckDB, started with `dotnet exec`)
/// makes a load or save wait a bounded time, then fail saying so.
/// </summary>
[Collection(nameof(DuckDbLockTests))]
public sealed class DuckDbLockTests : IDisposable
{
    private readonly TimeSpan _wait = DuckDbEngine.LockWait;

    public void Dispose() => DuckDbEngine.LockWait = _wait;

    private static Process HoldLock(string path)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LockHolder", "Kedro.Datasets.Sql.LockHolder.dll"));
        start.ArgumentList.Add(path);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Kedro.Datasets.Sql.LockHolder did not start");
        Assert.Equal("locked", process.StandardOutput.ReadLine());
        return process;
    }

    private static void Release(Process process)
    {
        process.StandardInput.Close();
        process.WaitForExit();
        process.Dispose();
    }

    [Fact]
    public void Save_FileHeldByAnotherProcess_FailsAfterTheWaitSayingSo()
    {
        using var db = new TestDatabase("duckdb");
        db.Table("shuttles").Save(Rows.Shuttles("a"));
        DuckDbEngine.LockWait = TimeSpan.FromMilliseconds(200);
        var holder = HoldLock(db.Folder.PathOf("test.duckdb"));
        try
        {
            var error = Assert.Throws<DatasetException>(() => db.Table("other").Save(Rows.Shuttles("b")));

            Assert.Contains($"DuckDB file '{db.Folder.PathOf("test.duckdb")}' is held by another process (DuckDB lets one process open a file for writing)",
                error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Release(holder);
        }

        db.Table("other").Save(Rows.Shuttles("b"));
        Assert.True(db.Table("other").Exists());
    }

    [Fact]
    public async Task Load_FileReleasedWhileWaiting_Succeeds()
    {
        using var db = new TestDatabase("duckdb");
        db.Table("shuttles").Save(Rows.Shuttles("a"));
        DuckDbEngine.LockWait = TimeSpan.FromSeconds(20);
        var holder = HoldLock(db.Folder.PathOf("test.duckdb"));
        var release = Task.Run(async () =>
        {
            await Task.Delay(300);
            Release(holder);
        });

        var rows = (List<Shuttle>)db.Table("shuttles").Load(typeof(List<Shuttle>))!;

        await release;
        Assert.Equal(Rows.Shuttles("a"), rows);
    }
}
