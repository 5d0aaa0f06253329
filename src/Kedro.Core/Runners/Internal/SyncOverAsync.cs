namespace Kedro.Runners.Internal;

/// <summary>
/// Blocks on a run for the synchronous entry points. The calling thread's <see cref="SynchronizationContext"/> is
/// cleared first: an async node runs on the calling thread until its first await, and a continuation posted back
/// to a single-threaded context (a UI thread, say) would wait for the very thread that is blocked here.
/// </summary>
internal static class SyncOverAsync
{
    public static T Wait<T>(Func<ValueTask<T>> start)
    {
        var context = SynchronizationContext.Current;
        if (context is null)
        {
            var running = start();
            return running.IsCompleted ? running.GetAwaiter().GetResult() : running.AsTask().GetAwaiter().GetResult();
        }

        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return start().AsTask().GetAwaiter().GetResult();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }
}
