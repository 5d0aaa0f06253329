using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Kedro.Runners.Internal;

namespace Kedro.Runners;

/// <summary>The two ways the one scheduler runs nodes: inline on the calling thread, or on worker threads.</summary>
public abstract partial class AbstractRunner
{
    /// <summary>
    /// One node at a time on the calling thread, in the pipeline's order (Kedro's sequential path). A node
    /// that completes synchronously costs no asynchronous machinery.
    /// </summary>
    private async ValueTask RunInlineAsync(RunState state, CancellationToken cancellationToken)
    {
        var nodes = state.Graph.Nodes;
        while (state.Scheduler.TryTakeReady(out var index))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw state.Cancelled(cancellationToken);
            }

            try
            {
                var running = RunNodeAsync(nodes[index], state.Catalog, state.Hooks, state.RunId, cancellationToken);
                if (running.IsCompletedSuccessfully)
                {
                    running.GetAwaiter().GetResult();
                }
                else
                {
                    await running.ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw state.Cancelled(cancellationToken);
            }
            catch (Exception)
            {
                state.SuggestResume();
                throw;
            }

            state.Complete(index);
        }

        if (!state.AllDone)
        {
            throw state.UnableToSchedule();
        }
    }

    /// <summary>
    /// Every ready node goes to a queue served by at most <paramref name="workerCount"/> dedicated threads, so
    /// at most that many nodes run synchronously at once (Kedro's thread pool). A node that awaits (an
    /// asynchronous node function or dataset) gives its thread back while it waits, so any number of waiting
    /// nodes can be in flight. Whoever finishes a node (a worker, or the continuation of an awaiting node)
    /// records it under one lock: logs, releases, and queues the children that became ready. After a failure
    /// or cancellation no new node starts; the nodes already running finish.
    /// </summary>
    private async ValueTask RunOnWorkersAsync(RunState state, int workerCount, CancellationToken cancellationToken)
    {
        Exception? failure;
        using (var run = new WorkerRun(this, state, workerCount, cancellationToken))
        {
            run.Start();
            await run.Finished.ConfigureAwait(false);
            failure = run.Failure;
        }

        if (failure is not null)
        {
            state.SuggestResume();
            ExceptionDispatchInfo.Throw(failure);
        }

        if (!state.AllDone)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw state.Cancelled(cancellationToken);
            }

            throw state.UnableToSchedule();
        }
    }

    /// <summary>One run on worker threads: the queue, the threads, and the bookkeeping shared under a lock.</summary>
    private sealed class WorkerRun(AbstractRunner runner, RunState state, int workerCount, CancellationToken cancellationToken)
        : IDisposable
    {
        private readonly Lock _lock = new();
        private readonly BlockingCollection<int> _queue = new(new ConcurrentQueue<int>());
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<Thread> _threads = new(workerCount);
        private int _pending;
        private volatile bool _stopped;

        public Task Finished => _finished.Task;

        public Exception? Failure { get; private set; }

        public void Start()
        {
            lock (_lock)
            {
                if (!cancellationToken.IsCancellationRequested)
                {
                    DispatchReady();
                }

                FinishIfIdle();
            }
        }

        /// <summary>Stops the workers and waits for them; nodes still awaiting keep running to their end.</summary>
        public void Dispose()
        {
            _stopped = true;
            lock (_lock)
            {
                if (!_queue.IsAddingCompleted)
                {
                    _queue.CompleteAdding();
                }
            }

            foreach (var thread in _threads)
            {
                thread.Join();
            }
        }

        private void DispatchReady()
        {
            while (state.Scheduler.TryTakeReady(out var index))
            {
                _queue.Add(index, CancellationToken.None);
                _pending++;
            }

            // Threads start lazily: never more than the work queued, never more than the worker count.
            while (_threads.Count < workerCount && _threads.Count < _pending)
            {
                var thread = new Thread(Work) { IsBackground = true, Name = $"{runner.GetType().Name} worker {_threads.Count + 1}" };
                _threads.Add(thread);
                thread.Start();
            }
        }

        private void FinishIfIdle()
        {
            if (_pending == 0)
            {
                _queue.CompleteAdding();
                _finished.TrySetResult();
            }
        }

        private void Report(int index, Exception? error, bool skipped)
        {
            lock (_lock)
            {
                _pending--;
                if (!skipped)
                {
                    if (error is null)
                    {
                        try
                        {
                            state.Complete(index);
                            if (!_stopped && !cancellationToken.IsCancellationRequested)
                            {
                                DispatchReady();
                            }
                        }
#pragma warning disable CA1031 // A failure to release is handed to the run, which re-throws it.
                        catch (Exception exception)
#pragma warning restore CA1031
                        {
                            _stopped = true;
                            Failure ??= exception;
                        }
                    }
                    else
                    {
                        _stopped = true;
                        if (!(error is OperationCanceledException && cancellationToken.IsCancellationRequested))
                        {
                            Failure ??= error;
                        }
                    }
                }

                FinishIfIdle();
            }
        }

        private void Work()
        {
            var nodes = state.Graph.Nodes;
            foreach (var index in _queue.GetConsumingEnumerable(CancellationToken.None))
            {
                if (_stopped || cancellationToken.IsCancellationRequested)
                {
                    Report(index, null, skipped: true);
                    continue;
                }

                ValueTask running;
                try
                {
                    running = runner.RunNodeAsync(nodes[index], state.Catalog, state.Hooks, state.RunId, cancellationToken);
                }
#pragma warning disable CA1031 // The node's exception is handed to the run, which re-throws it.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    Report(index, exception, skipped: false);
                    continue;
                }

                if (running.IsCompleted)
                {
                    Report(index, Observe(running), skipped: false);
                }
                else
                {
                    _ = ReportWhenDoneAsync(running, index);
                }
            }
        }

        private static Exception? Observe(ValueTask running)
        {
            try
            {
                running.GetAwaiter().GetResult();
                return null;
            }
#pragma warning disable CA1031 // The node's exception is handed to the run, which re-throws it.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                return exception;
            }
        }

        private async Task ReportWhenDoneAsync(ValueTask running, int index)
        {
            Exception? error = null;
            try
            {
                await running.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The node's exception is handed to the run, which re-throws it.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                error = exception;
            }

            Report(index, error, skipped: false);
        }
    }
}
