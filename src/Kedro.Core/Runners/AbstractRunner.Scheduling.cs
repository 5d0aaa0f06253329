using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
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
    /// Every ready node goes to a queue served by <paramref name="workerCount"/> dedicated threads, so at most
    /// that many nodes run synchronously at once (Kedro's thread pool). A node that awaits (an asynchronous
    /// node function or dataset) gives its thread back while it waits, so any number of waiting nodes can be
    /// in flight. Completions come back to this loop, which alone owns the scheduler, the load counts and
    /// the releases. After a failure or cancellation no new node starts; the nodes already running finish.
    /// </summary>
    private async ValueTask RunOnWorkersAsync(RunState state, int workerCount, CancellationToken cancellationToken)
    {
        using var queue = new BlockingCollection<int>(new ConcurrentQueue<int>());
        var completions = Channel.CreateUnbounded<Completion>(new UnboundedChannelOptions { SingleReader = true });
        var stop = new StopFlag();
        var threads = new Thread[workerCount];
        for (var i = 0; i < threads.Length; i++)
        {
            threads[i] = new Thread(() => WorkerLoop(state, queue, completions.Writer, stop, cancellationToken))
            {
                IsBackground = true,
                Name = $"{GetType().Name} worker {i + 1}",
            };
            threads[i].Start();
        }

        var pending = 0;
        Exception? failure = null;
        try
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                while (state.Scheduler.TryTakeReady(out var index))
                {
                    queue.Add(index, CancellationToken.None);
                    pending++;
                }
            }

            while (pending > 0)
            {
                var completion = await completions.Reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
                pending--;
                if (completion.Skipped)
                {
                    continue;
                }

                if (completion.Error is not null)
                {
                    stop.IsSet = true;
                    if (!(completion.Error is OperationCanceledException && cancellationToken.IsCancellationRequested))
                    {
                        failure ??= completion.Error;
                    }

                    continue;
                }

                state.Complete(completion.Index);
                if (!stop.IsSet && !cancellationToken.IsCancellationRequested)
                {
                    while (state.Scheduler.TryTakeReady(out var index))
                    {
                        queue.Add(index, CancellationToken.None);
                        pending++;
                    }
                }
            }
        }
        finally
        {
            stop.IsSet = true;
            queue.CompleteAdding();
            foreach (var thread in threads)
            {
                thread.Join();
            }
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

    private void WorkerLoop(
        RunState state, BlockingCollection<int> queue, ChannelWriter<Completion> completions, StopFlag stop, CancellationToken cancellationToken)
    {
        var nodes = state.Graph.Nodes;
        foreach (var index in queue.GetConsumingEnumerable(CancellationToken.None))
        {
            if (stop.IsSet || cancellationToken.IsCancellationRequested)
            {
                completions.TryWrite(new Completion(index, null, Skipped: true));
                continue;
            }

            ValueTask running;
            try
            {
                running = RunNodeAsync(nodes[index], state.Catalog, state.Hooks, state.RunId, cancellationToken);
            }
#pragma warning disable CA1031 // The node's exception is handed to the scheduling loop, which re-throws it.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                completions.TryWrite(new Completion(index, exception, Skipped: false));
                continue;
            }

            if (running.IsCompleted)
            {
                completions.TryWrite(Observe(running, index));
            }
            else
            {
                _ = ReportWhenDoneAsync(running, index, completions);
            }
        }
    }

    private static Completion Observe(ValueTask running, int index)
    {
        try
        {
            running.GetAwaiter().GetResult();
            return new Completion(index, null, Skipped: false);
        }
#pragma warning disable CA1031 // The node's exception is handed to the scheduling loop, which re-throws it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return new Completion(index, exception, Skipped: false);
        }
    }

    private static async Task ReportWhenDoneAsync(ValueTask running, int index, ChannelWriter<Completion> completions)
    {
        Completion completion;
        try
        {
            await running.ConfigureAwait(false);
            completion = new Completion(index, null, Skipped: false);
        }
#pragma warning disable CA1031 // The node's exception is handed to the scheduling loop, which re-throws it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            completion = new Completion(index, exception, Skipped: false);
        }

        completions.TryWrite(completion);
    }

    private readonly record struct Completion(int Index, Exception? Error, bool Skipped);

    private sealed class StopFlag
    {
        private volatile bool _isSet;

        public bool IsSet
        {
            get => _isSet;
            set => _isSet = value;
        }
    }
}
