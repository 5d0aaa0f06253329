using System.Diagnostics;
using Kedro.WorkerProcesses.Protocol;
using Kedro.WorkerProcesses.Runner;
using Kedro.WorkerProcesses.Worker;
using Microsoft.Extensions.Logging;

namespace Kedro.WorkerProcesses.Pool;

/// <summary>
/// One worker process seen from the parent: its pipes, a reader thread that hands every frame to the job running on
/// it, its standard error forwarded to the logger (a node's console output at Information, the log entries of a node
/// at their own level, anything else at Warning), and how it ended. A worker whose output is not a frame is killed.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly Lock _writeLock = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private IWorkerJob? _job;
    private int _disposed;

    private WorkerProcess(Process process, ILogger logger)
    {
        _process = process;
        _logger = logger;
        _input = process.StandardInput.BaseStream;
        _output = new BufferedStream(process.StandardOutput.BaseStream, 1 << 16);
        Id = process.Id;
    }

    /// <summary>The process id.</summary>
    public int Id { get; }

    /// <summary>Completes when the worker has started and said it is ready; faults when it could not start.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Completes with a description of how the process ended (exit code or signal) once it has.</summary>
    public Task<string> Exited => _exited.Task;

    /// <summary>Whether the process has ended or is being stopped.</summary>
    public bool IsGone => Volatile.Read(ref _disposed) != 0 || _exited.Task.IsCompleted;

    /// <summary>Starts a worker process.</summary>
    public static WorkerProcess Start(IEnumerable<string> probingFolders, ILogger logger)
    {
        var info = WorkerLauncher.CreateStartInfo(probingFolders);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw ParallelErrors.WorkerFailedToStart(info.FileName);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw ParallelErrors.WorkerFailedToStart(e.Message);
        }

        var worker = new WorkerProcess(process, logger);
        var reader = new Thread(worker.ReadLoop) { IsBackground = true, Name = $"Kedro worker {worker.Id} reader" };
        reader.Start();
        var errors = new Thread(worker.ForwardErrors) { IsBackground = true, Name = $"Kedro worker {worker.Id} stderr" };
        errors.Start();
        return worker;
    }

    /// <summary>Makes <paramref name="job"/> receive this worker's frames (one job at a time).</summary>
    public void Attach(IWorkerJob? job) => Volatile.Write(ref _job, job);

    /// <summary>Sends a frame; <see langword="false"/> when the pipe is closed (the worker is gone).</summary>
    public bool Send(FrameKind kind, int id, ReadOnlySpan<byte> header, ReadOnlySpan<byte> data = default)
    {
        lock (_writeLock)
        {
            try
            {
                Frame.Write(_input, kind, id, header, data);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    /// <summary>Kills the process (and what it started) at once.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // exiting
        }
    }

    /// <summary>Asks the worker to exit, then kills it if it has not within the grace period.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Send(FrameKind.Shutdown, 0, []);
        try
        {
            _input.Dispose();
        }
        catch (IOException)
        {
            // the worker already closed its end
        }

        if (!_process.WaitForExit(TimeSpan.FromMilliseconds(500)))
        {
            Kill();
            _process.WaitForExit(TimeSpan.FromSeconds(5));
        }

        _process.Dispose();
    }

    private void ReadLoop()
    {
        string? unreadable = null;
        try
        {
            while (Frame.Read(_output) is { } frame)
            {
                if (frame.Kind == FrameKind.Ready)
                {
                    _ready.TrySetResult();
                    continue;
                }

                Volatile.Read(ref _job)?.OnFrame(this, frame);
            }
        }
        catch (InvalidDataException e)
        {
            // Not a frame: the stream cannot be trusted any more, so the worker is stopped rather than waited for.
            unreadable = ParallelErrors.SentUnreadableData(e.Message);
            Kill();
        }
        catch (IOException)
        {
            // the pipe broke: the process is ending
        }
        catch (ObjectDisposedException)
        {
            // disposed
        }

        var status = unreadable ?? Describe();
        _ready.TrySetException(ParallelErrors.WorkerFailedToStart($"the process ({Id}) {status} before it was ready"));
        _exited.TrySetResult(status);
        Volatile.Read(ref _job)?.OnExited(this, status);
    }

    private string Describe()
    {
        try
        {
            if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                return "closed its pipe";
            }

            var code = _process.ExitCode;
            return !OperatingSystem.IsWindows() && code > 128 && code < 160
                ? $"was terminated by signal {code - 128} (exit code {code})"
                : $"exited with code {code}";
        }
        catch (InvalidOperationException)
        {
            return "ended";
        }
    }

    private void ForwardErrors()
    {
        try
        {
            while (_process.StandardError.ReadLine() is { } line)
            {
                if (!WorkerLogLines.TryParse(line, out var level, out var category, out var message))
                {
                    _logger.WorkerError(Id, line);
                }
                else if (category == WorkerLogLines.ConsoleCategory)
                {
                    _logger.WorkerOutput(Id, message);
                }
                else
                {
                    _logger.NodeLog(level, message);
                }
            }
        }
        catch (IOException)
        {
            // closed
        }
        catch (ObjectDisposedException)
        {
            // disposed
        }
    }
}

/// <summary>What runs on a worker: it receives the worker's frames and hears when the worker ends.</summary>
internal interface IWorkerJob
{
    void OnFrame(WorkerProcess worker, Frame frame);

    void OnExited(WorkerProcess worker, string status);
}
