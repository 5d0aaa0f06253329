using Kedro.Hangfire.Internal;

namespace Kedro.Hangfire;

/// <summary>
/// The one entry point of Kedro.NET's Hangfire jobs: run one node of one run. A job carries only the run id, the
/// pipeline name and the node name; the worker finds the node in its own project's pipeline registry and the run's
/// configuration in the run's manifest, so a job row can never make a worker call anything else.
/// </summary>
/// <remarks>Created by the worker for each job; not meant to be called from user code.</remarks>
public sealed class NodeJob
{
    private readonly WorkerRuntime _runtime;
    private readonly string _jobId;

    internal NodeJob(WorkerRuntime runtime, string jobId)
    {
        _runtime = runtime;
        _jobId = jobId;
    }

    /// <summary>Runs the node <paramref name="node"/> of pipeline <paramref name="pipeline"/> in run <paramref name="runId"/>.</summary>
    /// <param name="runId">The run id (the driver's session id).</param>
    /// <param name="pipeline">The registered pipeline, or several joined with <c>+</c>.</param>
    /// <param name="node">The node's full name.</param>
    /// <param name="cancellationToken">Cancelled when the job is deleted (the run was cancelled) or the worker stops.</param>
    /// <returns>A task that completes when the node's outputs are saved.</returns>
    public Task RunAsync(string runId, string pipeline, string node, CancellationToken cancellationToken) =>
        _runtime.RunNodeAsync(_jobId, runId, pipeline, node, cancellationToken);
}
