using Hangfire;

namespace Kedro.Hangfire.Internal;

/// <summary>Creates <see cref="NodeJob"/> for each job with the worker's state and the job's id; nothing else.</summary>
internal sealed class NodeJobActivator(WorkerRuntime runtime) : JobActivator
{
    public override object ActivateJob(Type jobType) => throw Refuse(jobType);

    public override JobActivatorScope BeginScope(JobActivatorContext context) => new Scope(runtime, context.BackgroundJob.Id);

    private static InvalidOperationException Refuse(Type jobType) =>
        new($"A Kedro.NET worker runs only {typeof(NodeJob).FullName}, not {jobType.FullName}.");

    private sealed class Scope(WorkerRuntime runtime, string jobId) : JobActivatorScope
    {
        public override object Resolve(Type type) => type == typeof(NodeJob) ? new NodeJob(runtime, jobId) : throw Refuse(type);
    }
}
