using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kedro.Cli.Tests.Support;

namespace Kedro.Cli.Tests.Signals;

/// <summary>
/// A real project process running a slow pipeline under ParallelRunner, signalled as a terminal (Ctrl+C), systemd
/// (SIGTERM to the whole process group) and <c>docker stop</c> (SIGTERM to the main process) do: the run is
/// cancelled, the exit code says which signal, and no output, shared memory or worker process is left behind.
/// </summary>
public sealed class SignalTests
{
    [Theory]
    [InlineData("TERM", true, 143)]
    [InlineData("TERM", false, 143)]
    [InlineData("INT", true, 130)]
    public async Task Run_WhenSignalledDuringAParallelRun_CancelsLeavesNothingAndExitsWithTheSignalsCode(string signal, bool wholeGroup, int exitCode)
    {
        using var project = new CliTestProject();
        var output = new StringBuilder();
        var error = new StringBuilder();
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = StartHost(project.Path, "run", "--runner", "ParallelRunner");
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Running node: sum_slowly", StringComparison.Ordinal) == true)
            {
                running.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (error)
            {
                error.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await running.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var workers = ChildProcesses(process.Id);
            Assert.NotEmpty(workers);
            Assert.NotEmpty(SharedMemoryFolders(process.Id));

            Kill(signal, wholeGroup ? -process.Id : process.Id);

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(exitCode == process.ExitCode, $"exit code {process.ExitCode}, expected {exitCode}\n{output}\n{error}");
            Assert.Contains("Aborted!", error.ToString(), StringComparison.Ordinal);
            Assert.Empty(SharedMemoryFolders(process.Id));
            Assert.All(workers, worker => Assert.False(IsRunning(worker), $"worker process {worker} is still running"));
            Assert.False(project.Exists("data/02_output/total.txt"));
            Assert.Empty(Directory.GetFiles(project.Path, "*.tmp", SearchOption.AllDirectories));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>
    /// Starts <c>dotnet exec Kedro.Cli.Tests.dll {args}</c> in <paramref name="folder"/> as the leader of a new process
    /// group (through <c>setsid</c>, which keeps the process id), so a signal can reach it and its workers together.
    /// </summary>
    private static Process StartHost(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["dotnet", "exec", typeof(SlowProjectHost).Assembly.Location, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CI"] = "true";
        return Process.Start(start)!;
    }

    private static void Kill(string signal, int target)
    {
        using var kill = Process.Start("kill", ["-s", signal, "--", target.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The run folders of a process's shared memory, on /dev/shm or (where that is not writable) in the temporary folder.</summary>
    private static string[] SharedMemoryFolders(int processId) =>
        [.. new[] { "/dev/shm", Path.GetTempPath() }.Where(Directory.Exists)
            .SelectMany(root => Directory.GetDirectories(root, $"kedro-shm-{processId}-*"))];

    /// <summary>The ids of the processes whose parent is <paramref name="processId"/> (from <c>/proc/{pid}/stat</c>).</summary>
    private static List<int> ChildProcesses(int processId)
    {
        var children = new List<int>();
        foreach (var folder in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[1] == processId.ToString(CultureInfo.InvariantCulture))
                {
                    children.Add(id);
                }
            }
            catch (IOException)
            {
                // ended meanwhile
            }
        }

        return children;
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
