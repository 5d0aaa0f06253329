using System.Collections.Concurrent;
using System.Text.Json;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Kedro.Hooks;
using Kedro.Pipelines;
using Kedro.Runners;
using Kedro.WorkerProcesses;
using Kedro.WorkerProcesses.Protocol;
using Kedro.WorkerProcesses.Runner;
using Microsoft.Extensions.Logging;

namespace Kedro.Hangfire.Internal;

/// <summary>
/// One run of a <see cref="HangfireRunner"/>: each node becomes one Hangfire job on the run's queue, awaited through
/// <see cref="CompletionListener"/>; node hooks fire here, in the driver, with values read from the run's catalog only
/// when a hook reads them. When the run ends, the free outputs kept in the run folder move into memory and the run
/// folder is removed; a failed or cancelled run leaves no job of its own queued.
/// </summary>
internal sealed class HangfireExecutor : NodeExecutor
{
    /// <summary>How long a cancelled node waits for its job to be confirmed deleted before the run goes on.</summary>
    internal static readonly TimeSpan CancelWait = TimeSpan.FromSeconds(2);

    private readonly RunPlan _plan;
    private readonly HangfireOptions _options;
    private readonly string _pipeline;
    private readonly string _runId;
    private readonly JobStorage _storage;
    private readonly BackgroundJobClient _client;
    private readonly CompletionListener _listener;
    private readonly ConcurrentDictionary<string, Node> _jobs = new(StringComparer.Ordinal);
    private int _completed;
    private string? _failedNode;
    private int _disposed;

    internal HangfireExecutor(
        RunPlan plan, HangfireOptions options, string runId, string pipeline, string runFolder, JobStorage storage, CompletionListener listener, int concurrency)
        : base(concurrency)
    {
        _plan = plan;
        _options = options;
        _runId = runId;
        _pipeline = pipeline;
        RunFolder = runFolder;
        _storage = storage;
        _listener = listener;
        _client = new BackgroundJobClient(storage, new JobFilterCollection());
    }

    /// <summary>The run folder: the manifest and the intermediate data.</summary>
    public string RunFolder { get; }

    private ILogger Logger => _plan.Logger;

    /// <summary>
    /// Runs the node as a job and reports how it ended. When a node fails, the run's jobs no worker has taken yet are
    /// deleted, so the run ends as soon as the nodes already running end (as in every runner).
    /// </summary>
    public override async ValueTask<NodeOutcome> RunNodeAsync(Node node, CancellationToken cancellationToken)
    {
        NodeOutcome outcome;
        try
        {
            outcome = await RunJobAsync(node, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return NodeOutcome.Cancelled;
        }
#pragma warning disable CA1031 // Any failure to create or follow the job fails the node.
        catch (Exception e)
#pragma warning restore CA1031
        {
            outcome = NodeOutcome.Failed(e);
        }

        if (outcome.Kind == NodeOutcomeKind.Failed && Interlocked.CompareExchange(ref _failedNode, node.Name, null) is null)
        {
            DeleteWaitingJobs();
        }

        return outcome;
    }

    private async ValueTask<NodeOutcome> RunJobAsync(Node node, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return NodeOutcome.Cancelled;
        }

        Logger.RunningNode(node);
        var context = new NodeRunContext(node, _plan.Catalog, new LazyValues(_plan.Catalog, node.Inputs), _plan.IsAsync, _plan.RunId);
        try
        {
            var replaced = _plan.Hooks.BeforeNodeRun(context).SelectMany(static answer => answer.Keys).Distinct(StringComparer.Ordinal).ToList();
            if (replaced.Count > 0)
            {
                return NodeOutcome.Failed(new InvalidOperationException(
                    $"A before_node_run hook returned new values for the inputs [{string.Join(", ", replaced.Select(static n => "'" + n + "'"))}] of node '{node.Name}'. " +
                    "HangfireRunner runs the node in a worker process, which loads its inputs from the catalog and cannot receive values from the driver's hooks. " +
                    "Change the data in the node or a dataset, or run with another runner."));
            }
        }
#pragma warning disable CA1031 // A hook's failure fails the node, as in every runner.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return NodeOutcome.Failed(e);
        }

        var job = Job.FromExpression<NodeJob>(j => j.RunAsync(_runId, _pipeline, node.Name, CancellationToken.None), _options.Queue);
        var parameters = new Dictionary<string, object>
        {
            [NodeNotification.RetriesParameter] = _options.RetriesOf(node.Name),
            [NodeNotification.SharedRootParameter] = Path.GetDirectoryName(RunFolder)!,
        };
        var jobId = _client.Create(job, new EnqueuedState(_options.Queue), parameters);
        _jobs[jobId] = node;
        Logger.JobCreated(node.Name, jobId, _options.Queue);
        var ended = _listener.WatchAsync(jobId);
        NodeJobOutcome outcome;
        try
        {
            outcome = await ended.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelAsync(node, jobId, ended).ConfigureAwait(false);
            return NodeOutcome.Cancelled;
        }
        finally
        {
            if (ended.IsCompleted)
            {
                _jobs.TryRemove(jobId, out _);
            }
        }

        switch (outcome)
        {
            case NodeJobOutcome.Completed:
                Interlocked.Increment(ref _completed);
                try
                {
                    _plan.Hooks.AfterNodeRun(context, new LazyValues(_plan.Catalog, node.Outputs));
                }
#pragma warning disable CA1031 // A hook's failure fails the node, as in every runner.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    return NodeOutcome.Failed(e);
                }

                return NodeOutcome.Completed;
            case NodeJobOutcome.Failed:
                var (error, inNodeFunction) = ReadError(node, jobId);
                if (inNodeFunction)
                {
                    Logger.NodeFailed(node, error.Message);
                    try
                    {
                        _plan.Hooks.OnNodeError(error, context);
                    }
#pragma warning disable CA1031 // A hook's failure is reported in place of the node's, as NodeTask does.
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        return NodeOutcome.Failed(e);
                    }
                }

                return NodeOutcome.Failed(error, inNodeFunction);
            default:
                if (cancellationToken.IsCancellationRequested)
                {
                    return NodeOutcome.Cancelled;
                }

                return Volatile.Read(ref _failedNode) is { } failed
                    ? NodeOutcome.Failed(new TaskException($"Node '{node.Name}' did not run: node '{failed}' failed before a worker took it."))
                    : NodeOutcome.Failed(new TaskException(
                        $"Node '{node.Name}' did not run: its Hangfire job {jobId} was deleted outside this run (from another program or by hand). Run the pipeline again."));
        }
    }

    /// <summary>
    /// Ends the run: on success, the free outputs kept in the run folder move into memory (their datasets in the run's
    /// catalog hold them from then on); otherwise every job of the run still queued or running is deleted. Then the run folder is removed and the
    /// listening connection closed.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var errors = new List<Exception>();
        try
        {
            if (Volatile.Read(ref _completed) == _plan.Nodes.Count)
            {
                try
                {
                    KeepFreeOutputs();
                }
#pragma warning disable CA1031 // Thrown after the run folder is removed.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    errors.Add(e);
                }
            }
            else
            {
                DeleteRemainingJobs();
            }

            RemoveRunFolder(RunFolder, Logger);
        }
        finally
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
            await base.DisposeAsync().ConfigureAwait(false);
        }

        if (errors.Count > 0)
        {
            throw errors[0];
        }
    }

    /// <summary>Removes a run folder, logging (not throwing) when it cannot.</summary>
    internal static void RemoveRunFolder(string runFolder, ILogger logger)
    {
        try
        {
            if (Directory.Exists(runFolder))
            {
                Directory.Delete(runFolder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.RunFolderNotRemoved(runFolder, e.Message);
        }
    }

    private async Task CancelAsync(Node node, string jobId, Task<NodeJobOutcome> ended)
    {
        try
        {
            _client.Delete(jobId);
        }
#pragma warning disable CA1031 // The run is cancelled either way; the end of the run tries again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Logger.JobNotDeleted(jobId, e.Message);
            return;
        }

        try
        {
            await ended.WaitAsync(CancelWait, _plan.TimeProvider).ConfigureAwait(false);
            _jobs.TryRemove(jobId, out _);
        }
        catch (TimeoutException)
        {
            Logger.DeleteUnconfirmed(jobId, node.Name, CancelWait.TotalSeconds);
            _listener.Forget(jobId);
        }
    }

    /// <summary>Deletes the run's jobs still waiting for a worker (enqueued, or scheduled for a retry); running ones go on.</summary>
    private void DeleteWaitingJobs()
    {
        foreach (var jobId in _jobs.Keys)
        {
            try
            {
                // Deleted only from these states, atomically: a job a worker has just taken is left to end.
                _ = _client.Delete(jobId, EnqueuedState.StateName) || _client.Delete(jobId, ScheduledState.StateName);
            }
#pragma warning disable CA1031 // Logged; the end of the run deletes what is left.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Logger.JobNotDeleted(jobId, e.Message);
            }
        }
    }

    private void DeleteRemainingJobs()
    {
        foreach (var jobId in _jobs.Keys)
        {
            try
            {
                _client.Delete(jobId);
            }
#pragma warning disable CA1031 // Logged; the others are still deleted.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Logger.JobNotDeleted(jobId, e.Message);
            }
        }
    }

    private void KeepFreeOutputs()
    {
        var catalog = _plan.Catalog;
        foreach (var name in _plan.Pipeline.Outputs())
        {
            if (catalog.Get(name) is RunFolderDataset dataset)
            {
                dataset.Detach();
            }
        }
    }

    /// <summary>The node's error as its worker stored it, re-created with its type, message and stack trace.</summary>
    private (Exception Error, bool InNodeFunction) ReadError(Node node, string jobId)
    {
        string? raw;
        global::Hangfire.Storage.StateData? state;
        using (var connection = _storage.GetConnection())
        {
            raw = connection.GetJobParameter(jobId, NodeNotification.ErrorParameter);
            state = connection.GetStateData(jobId);
        }

        if (ParseError(raw) is { } error)
        {
            return (RemoteErrors.Recreate(node.Name, error), error.NodeFunctionFailed);
        }

        if (state?.Data is { } data && data.TryGetValue("ExceptionType", out var type) && type is not null)
        {
            var fromState = new ErrorMessage
            {
                Type = type,
                Message = data.TryGetValue("ExceptionMessage", out var message) ? message ?? string.Empty : string.Empty,
                StackTrace = data.TryGetValue("ExceptionDetails", out var details) ? details : null,
            };
            return (RemoteErrors.Recreate(node.Name, fromState), false);
        }

        return (new TaskException($"Node '{node.Name}' failed: its Hangfire job {jobId} failed without an error message. Look at the worker's log."), false);
    }

    /// <summary>Reads the error parameter: the error message's JSON, stored as it is or as a JSON string holding it.</summary>
    internal static ErrorMessage? ParseError(string? raw)
    {
        try
        {
            var json = NodeNotification.ParameterText(raw);
            return string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize(json, MessageJson.Default.ErrorMessage);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
