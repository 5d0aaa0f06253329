using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;
using Kedro.WorkerProcesses.Protocol;
using Kedro.WorkerProcesses.Worker;
using Microsoft.Extensions.Logging;

namespace Kedro.Parallel.Tests.Runs;

/// <summary>
/// What a node writes to the process's standard streams, in each way a .NET or native library can, reaches the
/// parent's log and leaves the message channel alone; a channel that carries something other than a frame fails the
/// node with a clear error, the worker is replaced and the next run works.
/// </summary>
public sealed class ParallelRunnerStandardOutputTests : IClassFixture<WorkerPoolFixture>
{
    private readonly WorkerPoolFixture _pool;

    public ParallelRunnerStandardOutputTests(WorkerPoolFixture pool)
    {
        _pool = pool;
        pool.Logger.Reset();
    }

    public static int PrintWithConsoleWriteLine(int x)
    {
        Console.WriteLine($"console line {x}");
        return x;
    }

    public static int WriteToStandardOutputStream(int x)
    {
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(Encoding.UTF8.GetBytes($"raw stream line {x}\n"));
        stdout.Flush();
        return x;
    }

    public static int WriteToDescriptorOne(int x)
    {
        var bytes = Encoding.UTF8.GetBytes($"native write line {x}\n");
        var written = NativeMethods.write(1, bytes, bytes.Length);
        return written == bytes.Length ? x : throw new IOException($"write(1) returned {written}");
    }

    public static int PrintToStandardError(int x)
    {
        Console.Error.WriteLine($"error line {x}");
        return x;
    }

    public static int CorruptTheChannel(int x)
    {
        WorkerEntry.Running!.WriteUnframed("hello, parent\n"u8);
        Thread.Sleep(TimeSpan.FromSeconds(30)); // the parent stops this worker long before
        return x;
    }

    [Theory]
    [InlineData(nameof(PrintWithConsoleWriteLine), "console line 7")]
    [InlineData(nameof(WriteToStandardOutputStream), "raw stream line 7")]
    [InlineData(nameof(WriteToDescriptorOne), "native write line 7")]
    public async Task Run_WhenNodeWritesToStandardOutput_CompletesAndTheParentLogsTheLineAsInformation(string function, string line)
    {
        var node = Node.Create(typeof(ParallelRunnerStandardOutputTests).GetMethod(function)!.CreateDelegate<Func<int, int>>(), "a", "b", name: "chatty");
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["a"] = new MemoryDataset(7) });

        var result = await _pool.Runner.RunAsync(new Pipeline([node]), catalog).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(7, result["b"].Load());
        var logged = await WaitForEntryAsync(line);
        Assert.Equal(LogLevel.Information, logged.Level);
        Assert.Matches("^Worker [0-9]+: " + line + "$", logged.Message);
    }

    [Fact]
    public async Task Run_WhenNodeWritesToStandardError_TheParentLogsTheLineAsWarning()
    {
        var node = Node.Create(PrintToStandardError, "a", "b", name: "complaining");
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["a"] = new MemoryDataset(3) });

        await _pool.Runner.RunAsync(new Pipeline([node]), catalog).WaitAsync(TimeSpan.FromSeconds(30));

        var logged = await WaitForEntryAsync("error line 3");
        Assert.Equal(LogLevel.Warning, logged.Level);
    }

    [Fact]
    public async Task Run_WhenTheChannelCarriesSomethingOtherThanAFrame_FailsTheNodeClearlyReplacesTheWorkerAndTheNextRunWorks()
    {
        using var runner = new ParallelRunner(maxWorkers: 1, logger: _pool.Logger);
        await runner.StartWorkersAsync(1);
        var before = runner.WorkerProcessIds.Single();
        var node = Node.Create(CorruptTheChannel, "a", "b", name: "corrupter");
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["a"] = new MemoryDataset(1) });

        var error = await Assert.ThrowsAsync<TaskException>(() => runner.RunAsync(new Pipeline([node]), catalog).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.StartsWith($"Node 'corrupter' failed: its worker process ({before}) sent data that is not a ParallelRunner message", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected a message to start with 'KDRO' (4B44524F) but read 'hell' (68656C6C)", error.Message, StringComparison.Ordinal);
        Assert.Contains("The worker was replaced", error.Message, StringComparison.Ordinal);
        WorkerProcesses.AssertGone([before]);

        var again = await runner.RunAsync(new Pipeline([Node.Create(PortableNodes.Increment, "a", "b", name: "increment")]), catalog)
            .WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, again["b"].Load());
        Assert.DoesNotContain(before, runner.WorkerProcessIds);
    }

    [Fact]
    public void Read_WhenTheLengthIsImpossible_RefusesWithoutWaitingForTheBytes()
    {
        var bytes = new byte[17];
        "KDRO"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), int.MaxValue);
        using var stream = new MemoryStream(bytes);

        var error = Assert.Throws<InvalidDataException>(() => Frame.Read(stream));

        Assert.Equal($"read a message of {int.MaxValue} bytes with a header of 0 bytes; a message is 9 to {Frame.MaxLength} bytes long and holds its header", error.Message);
    }

    [Fact]
    public void WriteThenRead_GivesTheFrameBack()
    {
        using var stream = new MemoryStream();
        Frame.Write(stream, FrameKind.Request, 42, "{\"a\":1}"u8, [1, 2, 3]);
        stream.Position = 0;

        var frame = Frame.Read(stream);

        Assert.NotNull(frame);
        Assert.Equal((FrameKind.Request, 42, "{\"a\":1}"), (frame.Value.Kind, frame.Value.Id, Encoding.UTF8.GetString(frame.Value.Header.Span)));
        Assert.Equal([1, 2, 3], frame.Value.Data.ToArray());
        Assert.Null(Frame.Read(stream));
    }

    /// <summary>Lines reach the log through the worker's standard error, which the parent reads on its own thread.</summary>
    private async Task<(LogLevel Level, string Message)> WaitForEntryAsync(string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var entry in _pool.Logger.Current.Entries)
            {
                if (entry.Message.EndsWith(text, StringComparison.Ordinal))
                {
                    return entry;
                }
            }

            await Task.Delay(10);
        }

        throw new Xunit.Sdk.XunitException($"'{text}' did not reach the parent's log; it has: {string.Join(" | ", _pool.Logger.Messages)}");
    }

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054, IDE1006, CA5392 // a native library writing to descriptor 1, as C code does
        [DllImport("libc", SetLastError = true)]
        internal static extern nint write(int descriptor, byte[] buffer, nint count);
#pragma warning restore SYSLIB1054, IDE1006, CA5392
    }
}
