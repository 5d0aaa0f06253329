using Hangfire.States;

namespace Kedro.Hangfire.Internal;

/// <summary>
/// Retries of a node's job: a failed job with retries left (job parameter <see cref="NodeNotification.RetriesParameter"/>,
/// made so far in <see cref="NodeNotification.AttemptParameter"/>) is scheduled again after the retry delay doubled for
/// each attempt, on its own queue; with none left it fails and the driver is told. A job that could not be loaded
/// (it names something other than <see cref="NodeJob.RunAsync"/>) simply fails.
/// </summary>
internal sealed class NodeRetryFilter(WorkerRuntime runtime) : IElectStateFilter
{
    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is not FailedState failed || context.BackgroundJob.Job is not { } job
            || job.Type != typeof(NodeJob) || job.Args.Count < 3 || job.Args[0] is not string runId || job.Args[2] is not string node)
        {
            return;
        }

        var retries = context.GetJobParameter<int>(NodeNotification.RetriesParameter);
        var attempt = context.GetJobParameter<int>(NodeNotification.AttemptParameter);
        if (attempt < retries)
        {
            attempt++;
            context.SetJobParameter(NodeNotification.AttemptParameter, attempt);
            var delay = runtime.Options.RetryDelay * Math.Pow(2, attempt - 1);
            var reason = $"Retry {attempt} of {retries}: {failed.Exception.GetType().Name}: {failed.Exception.Message}";
            context.CandidateState = delay <= TimeSpan.Zero
                ? new EnqueuedState(job.Queue ?? runtime.Options.Queue) { Reason = reason }
                : new ScheduledState(delay) { Reason = reason };
            WorkerLog.Retrying(runtime.Logger, node, runId, attempt, retries, delay.TotalSeconds);
            return;
        }

        runtime.NotifyAsync(new NodeNotification(runId, node, context.BackgroundJob.Id, NodeJobOutcome.Failed), CancellationToken.None)
            .GetAwaiter().GetResult();
    }
}
