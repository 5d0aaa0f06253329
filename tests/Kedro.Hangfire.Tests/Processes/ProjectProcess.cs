using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Kedro.Hangfire.Tests.Processes;

/// <summary>
/// The test project running as a child process (<c>dotnet exec Kedro.Hangfire.TestProject.dll ...</c>) in the
/// cluster's project folder, its standard output and error captured together. Disposing kills it if it still runs.
/// </summary>
public sealed class ProjectProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];
    private bool _disposed;

    internal ProjectProcess(string program, string folder, string? connectionString, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["exec", program, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove(HangfireCluster.ConnectionVariable);
        if (connectionString is not null)
        {
            start.Environment[HangfireCluster.ConnectionVariable] = connectionString;
        }

        start.Environment["CI"] = "true";
        Arguments = string.Join(' ', args);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Received(e.Data);
        _process.ErrorDataReceived += (_, e) => Received(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>The command-line arguments after the program, for messages.</summary>
    public string Arguments { get; }

    /// <summary>Whether the process still runs.</summary>
    public bool IsRunning => !_disposed && !_process.HasExited;

    /// <summary>Everything the process wrote so far, standard output and error interleaved as received.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Waits until the process has written a line containing <paramref name="text"/>; fails the test after <paramref name="timeout"/> or if it exits first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            _waiters.Add((text, seen));
        }

        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(seen.Task, exited, Task.Delay(timeout));
        if (first != seen.Task && !Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.Fail(first == exited
                ? $"'{Arguments}' exited with {_process.ExitCode} before writing '{text}':\n{Output}"
                : $"'{Arguments}' did not write '{text}' within {timeout.TotalSeconds} s:\n{Output}");
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code; kills it and fails the test after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Kill();
            Assert.Fail($"'{Arguments}' did not exit within {timeout.TotalSeconds} s:\n{Output}");
        }

        // WaitForExit() without a timeout also waits for the redirected output to be read to its end.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends <paramref name="signal"/> (<c>INT</c>, <c>TERM</c>, <c>KILL</c>) to the process.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"kill -s {signal} {Id} failed with {kill.ExitCode}");
    }

    /// <summary>Kills the process (SIGKILL) and waits for it to end.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }

        _process.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            foreach (var waiter in _waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
