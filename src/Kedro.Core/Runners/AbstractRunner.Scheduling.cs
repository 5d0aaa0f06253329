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
    private static async ValueTask RunInlineAsync(RunState state, NodeExecutor executor, CancellationToken cancellationToken)
    {
        var nodes = state.Graph.Nodes;
        while (state.Scheduler.TryTakeReady(out var index))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw state.Cancelled(cancellationToken);
            }

            var outcome = await RunCheckedAsync(executor, nodes[index], cancellationToken).ConfigureAwait(false);
            switch (outcome.Kind)
            {
                case NodeOutcomeKind.Cancelled:
                    throw state.Cancelled(cancellationToken);
                case NodeOutcomeKind.Failed:
                    state.SuggestResume();
                    outcome.ThrowIfFailed();
                    break;
            }

            state.Complete(index);
        }

        if (!state.AllDone)
        {
            throw state.UnableToSchedule();
        }
    }

    /// <summary>
    /// Runs one node on the executor and holds it to its contract; never throws. An exception from the executor is a
    /// failure (a cancellation when the run is cancelled); no outcome, or a cancellation of a run nobody cancelled, fails
    /// the node with a message naming the executor rather than leaving the run to a misleading error later. Completes
    /// synchronously when the executor does.
    /// </summary>
    private static async ValueTask<NodeOutcome> RunCheckedAsync(NodeExecutor executor, Pipelines.Node node, CancellationToken cancellationToken)
    {
        NodeOutcome? outcome;
        try
        {
            outcome = await executor.RunNodeAsync(node, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // An executor that throws fails the node, as a failed outcome would.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return exception is OperationCanceledException && cancellationToken.IsCancellationRequested
                ? NodeOutcome.Cancelled
                : NodeOutcome.Failed(exception);
        }

        return outcome switch
        {
            null => NodeOutcome.Failed(RunnerErrors.NoOutcome(executor.GetType().Name, node.Name)),
            { Kind: NodeOutcomeKind.Cancelled } when !cancellationToken.IsCancellationRequested =>
                NodeOutcome.Failed(RunnerErrors.CancelledWithoutCancellation(executor.GetType().Name, node.Name)),
            _ => outcome,
        };
    }

    /// <summary>
    /// Every ready node goes to a queue served by at most <paramref name="workerCount"/> dedicated threads, so
    /// at most that many nodes run synchronously at once (Kedro's thread pool). Unless the executor
    /// <see cref="NodeExecutor.LimitsAwaitingNodes"/>, a node that awaits (an asynchronous node function or dataset)
    /// gives its thread back while it waits, so any number of waiting nodes can be in flight. Whoever finishes a node (a worker, or the continuation of an awaiting node)
    /// records it under one lock: logs, releases, and queues the children that became ready. After a failure
    /// or cancellation no new node starts; the nodes already running finish.
    /// </summary>
    private async ValueTask RunOnWorkersAsync(RunState state, NodeExecutor executor, int workerCount, CancellationToken cancellationToken)
    {
        Exception? failure;
        using (var run = new WorkerRun(GetType().Name, executor, state, workerCount, cancellationToken))
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
    private sealed class WorkerRun(string runnerName, NodeExecutor executor, RunState state, int workerCount, CancellationToken cancellationToken)
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
            // An executor whose nodes hold their slot while awaiting gets no more nodes than its concurrency; the others
            // wait in the scheduler, in the pipeline's order, until a slot frees.
            while ((!executor.LimitsAwaitingNodes || _pending < workerCount) && state.Scheduler.TryTakeReady(out var index))
            {
                _queue.Add(index, CancellationToken.None);
                _pending++;
            }

            // Threads start lazily: never more than the work queued, never more than the worker count.
            while (_threads.Count < workerCount && _threads.Count < _pending)
            {
                var thread = new Thread(Work) { IsBackground = true, Name = $"{runnerName} worker {_threads.Count + 1}" };
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

        private void Report(int index, NodeOutcome? outcome)
        {
            lock (_lock)
            {
                _pending--;
                switch (outcome?.Kind)
                {
                    case null:
                        break; // skipped: the run stopped before the node started
                    case NodeOutcomeKind.Completed:
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

                        break;
                    case NodeOutcomeKind.Cancelled:
                        _stopped = true;
                        break;
                    default:
                        _stopped = true;
                        Failure ??= outcome.Exception;
                        break;
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
                    Report(index, null);
                    continue;
                }

                var running = RunCheckedAsync(executor, nodes[index], cancellationToken);
                if (running.IsCompletedSuccessfully)
                {
                    Report(index, running.Result);
                }
                else
                {
                    _ = ReportWhenDoneAsync(running, index);
                }
            }
        }

        private async Task ReportWhenDoneAsync(ValueTask<NodeOutcome> running, int index) =>
            Report(index, await running.ConfigureAwait(false));
    }
}
