using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Kedro.Testing;

/// <summary>
/// A Kedro.NET project program running as a child process (<c>dotnet exec Program.dll ...</c>) in a project folder,
/// as a user would start a <c>worker</c> or a <c>run</c> from a shell there; its standard output and error are captured
/// together. <c>CI=true</c> is set so the program writes plain log lines. Disposing kills it if it still runs.
/// </summary>
public sealed class ProjectProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];
    private bool _disposed;

    /// <summary>Starts <c>dotnet exec <paramref name="program"/> <paramref name="args"/></c>.</summary>
    /// <param name="program">The program's <c>.dll</c>.</param>
    /// <param name="folder">The working directory: the project folder, which the program finds its <c>conf</c> in.</param>
    /// <param name="args">The command-line arguments after the program.</param>
    /// <param name="environment">Environment variables to set, or to remove when the value is <see langword="null"/>.</param>
    public ProjectProcess(string program, string folder, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(args);
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

        start.Environment["CI"] = "true";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

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

    /// <summary>
    /// Waits until the process has written a line containing <paramref name="text"/>; throws, with what it wrote, after
    /// <paramref name="timeout"/> or when it exits first.
    /// </summary>
    /// <exception cref="TimeoutException">The text did not come within the time, or the process exited without it.</exception>
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
        var first = await Task.WhenAny(seen.Task, exited, Task.Delay(timeout)).ConfigureAwait(false);
        if (first != seen.Task && !Output.Contains(text, StringComparison.Ordinal))
        {
            throw new TimeoutException(first == exited
                ? $"'{Arguments}' exited with {_process.ExitCode} before writing '{text}':\n{Output}"
                : $"'{Arguments}' did not write '{text}' within {timeout.TotalSeconds} s:\n{Output}");
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code; kills it and throws after <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">The process did not exit within the time.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Kill();
            throw new TimeoutException($"'{Arguments}' did not exit within {timeout.TotalSeconds} s:\n{Output}");
        }

        // WaitForExit() without a timeout also waits for the redirected output to be read to its end.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends <paramref name="signal"/> (<c>INT</c>, <c>TERM</c>, <c>KILL</c>) to the process.</summary>
    /// <exception cref="InvalidOperationException"><c>kill</c> failed.</exception>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -s {signal} {Id} failed with {kill.ExitCode}.");
        }
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

    /// <summary>Kills the process if it still runs.</summary>
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
            // Already ended and reaped.
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
