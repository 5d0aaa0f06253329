using System.Diagnostics;
using Kedro.Runners;
using Microsoft.Extensions.Logging;

namespace Kedro.WorkerProcesses.Pool;

/// <summary>
/// The runner's worker processes: started when first needed (all that a run needs at once, in parallel), reused by
/// every later run, replaced when one dies, and stopped together on dispose. Never more than its capacity.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<WorkerProcess> _all = [];
    private readonly Queue<WorkerProcess> _idle = new();
    private readonly Queue<TaskCompletionSource<WorkerProcess>> _waiting = new();
    private readonly int _capacity;
    private readonly ILogger _logger;
    private bool _disposed;

    public WorkerPool(int capacity, ILogger logger)
    {
        _capacity = capacity;
        _logger = logger;
    }

    /// <summary>The live worker processes' ids.</summary>
    public IReadOnlyList<int> ProcessIds
    {
        get
        {
            lock (_lock)
            {
                return [.. _all.Where(w => !w.IsGone).Select(w => w.Id)];
            }
        }
    }

    /// <summary>Starts workers, in parallel, until there are <paramref name="count"/> (at most the capacity); does not wait for them.</summary>
    public void EnsureStarted(int count)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _all.RemoveAll(w => w.IsGone);
            while (_all.Count < Math.Min(count, _capacity))
            {
                StartOne(idle: true);
            }
        }
    }

    /// <summary>Starts the workers and waits until they are ready.</summary>
    public async Task WarmUpAsync(int count, CancellationToken cancellationToken = default)
    {
        EnsureStarted(count);
        Task[] ready;
        lock (_lock)
        {
            ready = [.. _all.Select(w => w.Ready)];
        }

        await Task.WhenAll(ready).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A free worker for one node (one still starting is waited for); waits for one when all are busy, and starts a
    /// replacement when a worker has died. Give it back with <see cref="Return"/>.
    /// </summary>
    public async ValueTask<WorkerProcess> RentAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TaskCompletionSource<WorkerProcess>? waiter = null;
            WorkerProcess? worker = null;
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                while (_idle.TryDequeue(out var candidate))
                {
                    if (!candidate.IsGone)
                    {
                        worker = candidate;
                        break;
                    }

                    _all.Remove(candidate);
                }

                if (worker is null)
                {
                    _all.RemoveAll(w => w.IsGone);
                    if (_all.Count < _capacity)
                    {
                        worker = StartOne(idle: false);
                    }
                    else
                    {
                        waiter = new TaskCompletionSource<WorkerProcess>(TaskCreationOptions.RunContinuationsAsynchronously);
                        _waiting.Enqueue(waiter);
                    }
                }
            }

            if (waiter is not null)
            {
                using (cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)))
                {
                    worker = await waiter.Task.ConfigureAwait(false);
                }
            }

            try
            {
                await worker!.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Return(worker!);
                throw;
            }
            catch (TaskException)
            {
                // it could not start: drop it and report why
                Return(worker!);
                throw;
            }

            if (!worker.IsGone)
            {
                return worker;
            }

            Return(worker);
        }
    }

    /// <summary>Gives a worker back; a worker that is gone is dropped (a new one starts when next needed).</summary>
    public void Return(WorkerProcess worker)
    {
        worker.Attach(null);
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            if (worker.IsGone)
            {
                _all.Remove(worker);
                if (_waiting.Count > 0 && _all.Count < _capacity)
                {
                    worker = StartOne(idle: false);
                }
                else
                {
                    return;
                }
            }

            while (_waiting.TryDequeue(out var waiter))
            {
                if (waiter.TrySetResult(worker))
                {
                    return;
                }
            }

            _idle.Enqueue(worker);
        }
    }

    /// <summary>Stops every worker (asks them to exit; kills those that do not).</summary>
    public void Dispose()
    {
        List<WorkerProcess> all;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            all = [.. _all];
            _all.Clear();
            _idle.Clear();
            while (_waiting.TryDequeue(out var waiter))
            {
                waiter.TrySetException(new ObjectDisposedException(nameof(ParallelRunner)));
            }
        }

        System.Threading.Tasks.Parallel.ForEach(all, worker => worker.Dispose());
        _logger.WorkersStopped(all.Count);
    }

    private WorkerProcess StartOne(bool idle)
    {
        var start = Stopwatch.GetTimestamp();
        var worker = WorkerProcess.Start([], _logger);
        _all.Add(worker);
        if (idle)
        {
            _idle.Enqueue(worker);
        }
        _ = worker.Ready.ContinueWith(
            (ready, _) =>
            {
                if (ready.IsCompletedSuccessfully && _logger.IsEnabled(LogLevel.Debug))
                {
                    _logger.WorkerStarted(worker.Id, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            },
            null,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return worker;
    }
}
