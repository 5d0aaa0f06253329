using System.IO.Pipes;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Kedro.WorkerProcesses.Worker;

/// <summary>
/// Keeps a worker's message channel apart from the code it runs. On Linux the channel moves off descriptors 0 and 1 to
/// private descriptors that processes started by a node do not inherit; descriptor 0 then reads nothing
/// (<c>/dev/null</c>) and descriptor 1 becomes a pipe whose lines reach the parent's log as the node's console output,
/// so <c>Console.WriteLine</c>, <c>Console.OpenStandardOutput()</c> and a native library's <c>printf</c> or
/// <c>write(1, ...)</c> all land there. Elsewhere the channel stays on the standard handles and only
/// <see cref="Console.Out"/> is redirected; a raw write to standard output there is caught by the frame marker and
/// fails the node with a clear error.
/// </summary>
internal static class WorkerStandardStreams
{
    private const int CloseOnExec = 0x80000; // O_CLOEXEC on Linux

    /// <summary>Takes the message channel for the worker and sends standard output to the parent's log.</summary>
    /// <returns>The channel: frames from the parent and frames to it.</returns>
    public static (Stream Input, Stream Output) Take()
    {
        var console = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.None);
        Stream input;
        Stream output;
        if (OperatingSystem.IsLinux())
        {
            input = new AnonymousPipeClientStream(PipeDirection.In, MoveToPrivateDescriptor(0));
            output = new AnonymousPipeClientStream(PipeDirection.Out, MoveToPrivateDescriptor(1));
            using (var nothing = File.OpenHandle("/dev/null"))
            {
                Replace(0, nothing);
            }

            Replace(1, console.ClientSafePipeHandle); // Console.Out opens descriptor 1 when first used: this pipe
            console.DisposeLocalCopyOfClientHandle();
        }
        else
        {
            input = Console.OpenStandardInput();
            output = Console.OpenStandardOutput();
            var writer = new AnonymousPipeClientStream(PipeDirection.Out, console.ClientSafePipeHandle);
            Console.SetOut(new StreamWriter(writer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true });
        }

        Console.SetIn(TextReader.Null);
        new Thread(() => Relay(console)) { IsBackground = true, Name = "Kedro worker console output" }.Start();
        return (input, output);
    }

    /// <summary>Sends each line written to standard output to standard error, marked as console output for the parent.</summary>
    private static void Relay(Stream console)
    {
        try
        {
            using var reader = new StreamReader(console, Encoding.UTF8);
            while (reader.ReadLine() is { } line)
            {
                Console.Error.WriteLine(WorkerLogLines.Format(LogLevel.Information, WorkerLogLines.ConsoleCategory, line));
            }
        }
        catch (IOException)
        {
            // the process is ending
        }
    }

    /// <summary>A copy of <paramref name="descriptor"/> on a new descriptor closed in processes the worker starts.</summary>
    private static SafePipeHandle MoveToPrivateDescriptor(int descriptor)
    {
        var copy = Check(NativeMethods.dup(descriptor), "dup");
        Check(NativeMethods.dup3(descriptor, copy, CloseOnExec), "dup3");
        return new SafePipeHandle(copy, ownsHandle: true);
    }

    private static void Replace(int descriptor, SafeHandle with)
    {
        var added = false;
        try
        {
            with.DangerousAddRef(ref added);
            Check(NativeMethods.dup2((int)with.DangerousGetHandle(), descriptor), "dup2");
        }
        finally
        {
            if (added)
            {
                with.DangerousRelease();
            }
        }
    }

    private static int Check(int result, string function) =>
        result >= 0 ? result : throw new IOException($"The worker process could not set up its standard streams: '{function}' failed with error {Marshal.GetLastPInvokeError()}.");

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code, which this assembly does not allow; the signatures are blittable.
#pragma warning disable IDE1006 // The C functions' names.
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int dup(int descriptor);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int dup2(int descriptor, int target);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int dup3(int descriptor, int target, int flags);
#pragma warning restore IDE1006
#pragma warning restore SYSLIB1054
    }
}
