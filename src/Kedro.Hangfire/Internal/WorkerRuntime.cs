using System.Text.Json;
using Kedro.Framework;
using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;
using Kedro.WorkerProcesses.Protocol;
using Kedro.WorkerProcesses.Worker;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kedro.Hangfire.Internal;

/// <summary>
/// What a worker process knows while it runs nodes: its project (settings and folder), its options, and the projects of
/// the last few runs it served, re-created once per run (configuration read, context and catalog built) and shared by
/// every node of that run the process runs, on any of its Hangfire workers.
/// </summary>
internal sealed class WorkerRuntime
{
    /// <summary>How many runs' projects a worker keeps.</summary>
    public const int CachedRuns = 4;

    private readonly Lock _lock = new();
    private readonly LinkedList<(string RunId, string SharedRoot, Lazy<RunProject> Project)> _runs = new();
    private volatile bool _stopping;

    public WorkerRuntime(HangfireOptions options, ProjectSettings settings, string projectPath, ILoggerFactory loggerFactory)
    {
        Options = options;
        Settings = settings;
        ProjectPath = Path.GetFullPath(projectPath);
        LoggerFactory = loggerFactory;
        Logger = loggerFactory.CreateLogger("Kedro.Hangfire.Worker");
        ConnectionString = HangfireStorage.ConnectionString(options);
    }

    public HangfireOptions Options { get; }

    public ProjectSettings Settings { get; }

    public string ProjectPath { get; }

    public ILoggerFactory LoggerFactory { get; }

    public ILogger Logger { get; }

    /// <summary>The connection string of notifications (never logged).</summary>
    public string ConnectionString { get; }

    /// <summary>Whether the worker is stopping: a node cancelled then is re-queued by Hangfire, not reported as cancelled.</summary>
    public bool IsStopping => _stopping;

    public void Stop() => _stopping = true;

    /// <summary>Runs one node of a run, as job <paramref name="jobId"/>.</summary>
    public async Task RunNodeAsync(string jobId, string runId, string pipelineName, string nodeName, CancellationToken cancellationToken)
    {
        Node node;
        RunProject project;
        try
        {
            (node, project) = Prepare(jobId, runId, pipelineName, nodeName);
        }
        catch (Exception e)
        {
            // The driver reads the error from the job, as for a node's own failure.
            StoreError(jobId, nodeName, runId, WorkerEntry.Describe(e));
            throw;
        }

        WorkerLog.NodeStarted(Logger, node.Name, runId, jobId);
        var task = new NodeTask(node, project.Catalog, project.Manifest.IsAsync, project.DatasetHooks, runId,
            logger: LoggerFactory.CreateLogger("Kedro.Runners.NodeTask"));
        var outcome = await task.RunAsync(cancellationToken).ConfigureAwait(false);
        switch (outcome.Kind)
        {
            case NodeOutcomeKind.Completed:
                await NotifyAsync(new NodeNotification(runId, node.Name, jobId, NodeJobOutcome.Completed), CancellationToken.None).ConfigureAwait(false);
                WorkerLog.NodeCompleted(Logger, node.Name, runId, jobId);
                return;
            case NodeOutcomeKind.Cancelled:
                if (!IsStopping)
                {
                    await NotifyAsync(new NodeNotification(runId, node.Name, jobId, NodeJobOutcome.Cancelled), CancellationToken.None).ConfigureAwait(false);
                }

                WorkerLog.NodeCancelled(Logger, node.Name, runId, jobId);
                throw new OperationCanceledException($"Node '{node.Name}' of run {runId} was cancelled.", cancellationToken);
            default:
                var error = outcome.Exception!;
                StoreError(jobId, node.Name, runId, WorkerEntry.Describe(error, nodeFunctionFailed: outcome.FailedInNodeFunction));
                WorkerLog.NodeFailed(Logger, node.Name, runId, jobId, error.Message);
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
                return;
        }
    }

    private (Node Node, RunProject Project) Prepare(string jobId, string runId, string pipelineName, string nodeName)
    {
        if (!RunFolder.IsValidRunId(runId))
        {
            throw new ArgumentException(
                $"'{runId}' is not a Kedro.NET run id (expected a session id such as '2026-12-06T15.04.05.123Z'); the job was not created by HangfireRunner.",
                nameof(runId));
        }

        var pipeline = FindPipeline(pipelineName);
        var node = pipeline.Nodes.FirstOrDefault(n => n.Name == nodeName) ?? throw new InvalidOperationException(
            $"Node '{nodeName}' is not in pipeline '{pipelineName}' of this worker's project. Its nodes: {Names(pipeline.Nodes.Select(static n => n.Name))}. Run the same version of the project on the driver and the workers.");
        var project = GetProject(runId, SharedRootOf(jobId));
        project.Resolve(node);
        return (node, project);
    }

    /// <summary>
    /// Sends a node's outcome to the driver on <see cref="NodeNotification.Channel"/>. A failure to send is logged, not
    /// thrown: the node's outcome stands, and the driver also reads the job's state every second.
    /// </summary>
    public async Task NotifyAsync(NodeNotification notification, CancellationToken cancellationToken)
    {
        try
        {
            var connection = new NpgsqlConnection(ConnectionString);
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                await using (command.ConfigureAwait(false))
                {
                    command.Parameters.AddWithValue("channel", NodeNotification.Channel);
                    command.Parameters.AddWithValue("payload", notification.ToJson());
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or System.Net.Sockets.SocketException)
        {
            WorkerLog.NotifyFailed(Logger, notification.Node, notification.RunId, notification.Outcome.ToString().ToLowerInvariant(), e.Message);
        }
    }

    /// <summary>The storage the error parameter is written to; set by the host.</summary>
    public global::Hangfire.JobStorage? Storage { get; set; }

    /// <summary>
    /// Stores a node's error as a job parameter for the driver. A failure to store it is logged, not thrown, so the
    /// node's own error is the one Hangfire records (the driver then re-creates it from the job's failed state).
    /// </summary>
    private void StoreError(string jobId, string nodeName, string runId, ErrorMessage error)
    {
        if (Storage is null)
        {
            return;
        }

        try
        {
            using var connection = Storage.GetConnection();
            connection.SetJobParameter(jobId, NodeNotification.ErrorParameter, JsonSerializer.Serialize(error, MessageJson.Default.ErrorMessage));
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
        {
            WorkerLog.ErrorNotStored(Logger, nodeName, runId, jobId, e.Message);
        }
    }

    private Pipeline FindPipeline(string pipelineName)
    {
        Pipeline? pipeline = null;
        foreach (var name in pipelineName.Split('+'))
        {
            if (!Settings.Pipelines.TryGetValue(name, out var part))
            {
                throw new InvalidOperationException(
                    $"Pipeline '{name}' is not registered in this worker's project. Registered pipelines: {Names(Settings.Pipelines.Keys)}. Run the same version of the project on the driver and the workers.");
            }

            pipeline = pipeline is null ? part : pipeline + part;
        }

        return pipeline ?? new Pipeline(Array.Empty<Node>());
    }

    /// <summary>
    /// The shared root the driver gave the job (<see cref="NodeNotification.SharedRootParameter"/>), or this worker's own
    /// when the job has none.
    /// </summary>
    private string SharedRootOf(string jobId)
    {
        string? given = null;
        if (Storage is not null)
        {
            using var connection = Storage.GetConnection();
            given = connection.GetJobParameter(jobId, NodeNotification.SharedRootParameter);
        }

        given = NodeNotification.ParameterText(given);

        if (string.IsNullOrEmpty(given))
        {
            return Path.GetFullPath(Options.SharedRoot, ProjectPath);
        }

        return Path.IsPathFullyQualified(given)
            ? given
            : throw new InvalidOperationException(
                $"The job's shared root '{given}' is not an absolute path; HangfireRunner gives an absolute one. The job was not created by HangfireRunner.");
    }

    private RunProject GetProject(string runId, string sharedRoot)
    {
        Lazy<RunProject> lazy;
        lock (_lock)
        {
            var found = _runs.First;
            while (found is not null && (found.Value.RunId != runId || found.Value.SharedRoot != sharedRoot))
            {
                found = found.Next;
            }

            if (found is not null)
            {
                _runs.Remove(found);
                _runs.AddFirst(found);
                lazy = found.Value.Project;
            }
            else
            {
                lazy = new Lazy<RunProject>(() => CreateProject(runId, sharedRoot), LazyThreadSafetyMode.ExecutionAndPublication);
                _runs.AddFirst((runId, sharedRoot, lazy));
                while (_runs.Count > CachedRuns)
                {
                    _runs.RemoveLast();
                }
            }
        }

        try
        {
            return lazy.Value;
        }
        catch
        {
            lock (_lock)
            {
                for (var entry = _runs.First; entry is not null; entry = entry.Next)
                {
                    if (ReferenceEquals(entry.Value.Project, lazy))
                    {
                        _runs.Remove(entry);
                        break;
                    }
                }
            }

            throw;
        }
    }

    private RunProject CreateProject(string runId, string sharedRoot)
    {
        var runFolder = RunFolder.PathOf(sharedRoot, ProjectPath, runId);
        var manifest = RunManifest.Read(runFolder);
        if (manifest.RunId != runId)
        {
            throw new InvalidOperationException($"The run's manifest in '{runFolder}' is for run '{manifest.RunId}', not '{runId}'.");
        }

        using var session = KedroSession.Create(Settings, ProjectPath, manifest.Env, manifest.RuntimeParams, manifest.ConfSource);
        var context = session.LoadContext();
        var catalog = RunCatalog.Create(context.GetCatalog(runId, manifest.LoadVersions), runFolder, LoggerFactory.CreateLogger("Kedro.IO.DataCatalog"));
        var hooks = new HookManager(LoggerFactory.CreateLogger("Kedro.Hooks.HookManager"));
        foreach (var hook in Settings.Hooks)
        {
            if (hook is IDatasetHooks datasetHooks)
            {
                hooks.Register(new DatasetHooksOnly(datasetHooks));
            }
        }

        return new RunProject(manifest, catalog, hooks);
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).Select(static n => $"'{n}'").ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    private sealed record RunProject(RunManifest Manifest, DataCatalog Catalog, HookManager DatasetHooks)
    {
        private readonly Lock _lock = new();

        /// <summary>
        /// Adds the node's undeclared datasets to the catalog through its runtime pattern, as a runner does for a whole
        /// pipeline before it starts; under a lock, as nodes of the run may start on several workers at once.
        /// </summary>
        public void Resolve(Node node)
        {
            lock (_lock)
            {
                foreach (var name in node.Inputs.Concat(node.Outputs).Concat(node.Confirms))
                {
                    Catalog.Get(name, fallbackToRuntimePattern: true);
                }
            }
        }
    }

    /// <summary>
    /// A project's hook object seen only as dataset hooks: node and pipeline hooks fire in the driver; context and
    /// catalog hooks fire here once per run, when the run's project is created.
    /// </summary>
    private sealed class DatasetHooksOnly(IDatasetHooks hooks) : IDatasetHooks
    {
        public void BeforeDatasetLoaded(string datasetName, Node node) => hooks.BeforeDatasetLoaded(datasetName, node);

        public void AfterDatasetLoaded(string datasetName, object? data, Node node) => hooks.AfterDatasetLoaded(datasetName, data, node);

        public void BeforeDatasetSaved(string datasetName, object? data, Node node) => hooks.BeforeDatasetSaved(datasetName, data, node);

        public void AfterDatasetSaved(string datasetName, object? data, Node node) => hooks.AfterDatasetSaved(datasetName, data, node);
    }
}
