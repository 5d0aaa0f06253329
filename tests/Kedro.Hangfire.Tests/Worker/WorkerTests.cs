using System.Collections.Concurrent;
using System.Text.Json;
using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.States;
using Kedro.Framework;
using Kedro.Hangfire.Internal;
using Kedro.Pipelines;
using Kedro.Testing.Postgres;
using Npgsql;

namespace Kedro.Hangfire.Tests.Worker;

/// <summary>A worker in the test process against a real PostgreSQL, given jobs as a driver would create them.</summary>
public sealed class WorkerTests : IAsyncLifetime, IDisposable
{
    private const string RunId = "2026-12-06T15.04.05.123Z";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly TempFolder _project = new();
    private readonly ConcurrentQueue<NodeNotification> _notifications = new();
    private readonly SemaphoreSlim _notified = new(0);
    private readonly ListLogger _log = new();
    private HangfireOptions _options = null!;
    private PostgreSqlStorage _storage = null!;
    private NpgsqlConnection _listen = null!;
    private readonly CancellationTokenSource _stopListening = new();
    private Task _listening = Task.CompletedTask;
    private int _flakyCalls;

    public async Task InitializeAsync()
    {
        _options = new HangfireOptions
        {
            ConnectionString = PostgresServer.Shared.CreateDatabaseConnectionString(),
            SharedRoot = _project.PathOf("runs"),
            WorkerCount = 2,
            RetryDelay = TimeSpan.Zero,
        };
        File.WriteAllText(Path.Combine(_project.Folder("conf/base"), "catalog.yml"), "{}\n");
        _project.Folder("conf/local");
        _storage = HangfireStorage.Create(_options);
        _listen = new NpgsqlConnection(_options.ConnectionString);
        await _listen.OpenAsync();
        _listen.Notification += (_, e) =>
        {
            if (NodeNotification.TryParse(e.Payload) is { } notification)
            {
                _notifications.Enqueue(notification);
                _notified.Release();
            }
        };
        await using (var command = new NpgsqlCommand($"LISTEN {NodeNotification.Channel}", _listen))
        {
            await command.ExecuteNonQueryAsync();
        }

        _listening = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await _listen.WaitAsync(_stopListening.Token);
                }
            }
            catch (OperationCanceledException) when (_stopListening.IsCancellationRequested)
            {
                // The test is over.
            }
        });
        RunManifest.Create(RunId, ["__default__"], null, null, new Dictionary<string, object?>(), new Dictionary<string, string>(), isAsync: false)
            .Write(RunFolder.PathOf(_options.SharedRoot, _project.Path, RunId));
    }

    public async Task DisposeAsync()
    {
        await _stopListening.CancelAsync();
        await _listening;
        await _listen.DisposeAsync();
    }

    public void Dispose()
    {
        _listen.Dispose();
        _notified.Dispose();
        _stopListening.Dispose();
        _project.Dispose();
    }

    [Fact]
    public async Task A_node_runs_saves_its_output_in_the_run_folder_and_the_driver_is_told()
    {
        await using var worker = StartWorker();

        var jobId = Enqueue(RunId, "__default__", "make");

        var notification = await NextNotificationAsync();
        Assert.True(notification.Outcome == NodeJobOutcome.Completed, ErrorOf(jobId));
        Assert.Equal((RunId, "make", jobId, NodeJobOutcome.Completed), (notification.RunId, notification.Node, notification.JobId, notification.Outcome));
        var output = RunFolder.DataFile(RunFolder.PathOf(_options.SharedRoot, _project.Path, RunId), "x");
        Assert.Equal(42, new RunFolderDataset(output, "x").Load(typeof(int)));
        Assert.Contains(_log.Messages, m => m.StartsWith("Kedro.NET worker started: 2 workers on queue 'kedro'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_node_is_retried_on_its_queue_and_then_completes()
    {
        await using var worker = StartWorker();

        var jobId = Enqueue(RunId, "__default__", "flaky", retries: 1);

        var notification = await NextNotificationAsync();
        Assert.Equal(NodeJobOutcome.Completed, notification.Outcome);
        Assert.Equal(2, Volatile.Read(ref _flakyCalls));
        using var connection = _storage.GetConnection();
        Assert.Equal("1", connection.GetJobParameter(jobId, NodeNotification.AttemptParameter));
    }

    [Fact]
    public async Task A_retry_after_a_delay_is_scheduled_and_stays_on_the_queue()
    {
        _options.RetryDelay = TimeSpan.FromSeconds(1);
        await using var worker = StartWorker();

        var jobId = Enqueue(RunId, "__default__", "flaky", retries: 2);

        var notification = await NextNotificationAsync();
        Assert.True(notification.Outcome == NodeJobOutcome.Completed, ErrorOf(jobId));
        var history = _storage.GetMonitoringApi().JobDetails(jobId).History.Select(static h => h.StateName).ToList();
        Assert.Contains(ScheduledState.StateName, history);
        Assert.Equal(2, history.Count(static s => s == ProcessingState.StateName));
        Assert.Equal("kedro", _storage.GetMonitoringApi().JobDetails(jobId).Job.Queue);
    }

    [Fact]
    public async Task A_node_with_no_retry_left_fails_with_its_error_stored_for_the_driver()
    {
        await using var worker = StartWorker();

        var jobId = Enqueue(RunId, "__default__", "flaky");

        var notification = await NextNotificationAsync();
        Assert.Equal((jobId, NodeJobOutcome.Failed), (notification.JobId, notification.Outcome));
        using var connection = _storage.GetConnection();
        var error = JsonDocument.Parse(connection.GetJobParameter(jobId, NodeNotification.ErrorParameter)).RootElement;
        Assert.Equal("first call fails", error.GetProperty("Message").GetString());
        Assert.True(error.GetProperty("NodeFunctionFailed").GetBoolean());
        await WaitForStateAsync(jobId, FailedState.StateName);
    }

    [Theory]
    [InlineData(RunId, "__default__", "missing", "Node 'missing' is not in pipeline '__default__' of this worker's project. Its nodes: 'flaky', 'make'.")]
    [InlineData(RunId, "__default__+other", "make", "Pipeline 'other' is not registered in this worker's project. Registered pipelines: '__default__'.")]
    [InlineData("../2026-12-06T15.04.05.123Z", "__default__", "make", "'../2026-12-06T15.04.05.123Z' is not a Kedro.NET run id")]
    public async Task A_job_naming_what_the_project_does_not_have_fails_with_a_message_naming_it(
        string runId, string pipeline, string node, string message)
    {
        await using var worker = StartWorker();

        var jobId = Enqueue(runId, pipeline, node);

        var data = await WaitForStateAsync(jobId, FailedState.StateName);
        Assert.Contains(message, data["ExceptionMessage"], StringComparison.Ordinal);
        Assert.Contains(message, JsonDocument.Parse(ErrorOf(jobId)).RootElement.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_naming_another_method_fails_without_running()
    {
        await using var worker = StartWorker();
        var client = new BackgroundJobClient(_storage, new JobFilterCollection());

        var jobId = client.Create(Job.FromExpression(() => Environment.Exit(3), "kedro"), new EnqueuedState("kedro"));

        var data = await WaitForStateAsync(jobId, FailedState.StateName);
        Assert.Contains("Refusing to resolve type 'System.Environment", data["ExceptionMessage"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_the_worker_removes_its_server()
    {
        var worker = StartWorker();
        await WaitUntilAsync(() => Servers().Any(s => s.StartsWith(worker.ServerName, StringComparison.Ordinal)), "the worker's server registers");

        await worker.DisposeAsync();

        Assert.DoesNotContain(Servers(), s => s.StartsWith(worker.ServerName, StringComparison.Ordinal));
    }

    private HangfireWorker StartWorker()
    {
        var settings = new ProjectSettings
        {
            Pipelines = new PipelineRegistry(() => new Dictionary<string, Pipeline>
            {
                ["__default__"] = new([
                    Node.Create(() => 42, null, "x", name: "make"),
                    Node.Create(Flaky, null, "y", name: "flaky"),
                ]),
            }),
        };
        return HangfireWorker.Start(_options, settings, _project.Path, _log.Factory);
    }

    private int Flaky() => Interlocked.Increment(ref _flakyCalls) == 1 ? throw new InvalidOperationException("first call fails") : 7;

    private string Enqueue(string runId, string pipeline, string node, int retries = 0)
    {
        var client = new BackgroundJobClient(_storage, new JobFilterCollection());
        var job = Job.FromExpression<NodeJob>(j => j.RunAsync(runId, pipeline, node, CancellationToken.None), "kedro");
        return client.Create(job, new EnqueuedState("kedro"), new Dictionary<string, object> { [NodeNotification.RetriesParameter] = retries });
    }

    private string ErrorOf(string jobId)
    {
        using var connection = _storage.GetConnection();
        var state = connection.GetStateData(jobId);
        return connection.GetJobParameter(jobId, NodeNotification.ErrorParameter)
            ?? $"{state?.Name}: {(state?.Data.TryGetValue("ExceptionMessage", out var m) == true ? m : null)}";
    }

    private async Task<NodeNotification> NextNotificationAsync()
    {
        Assert.True(await _notified.WaitAsync(Bound), $"no notification on '{NodeNotification.Channel}' within {Bound}");
        Assert.True(_notifications.TryDequeue(out var notification));
        return notification;
    }

    private async Task<IDictionary<string, string>> WaitForStateAsync(string jobId, string state)
    {
        IDictionary<string, string>? data = null;
        await WaitUntilAsync(
            () =>
            {
                using var connection = _storage.GetConnection();
                var current = connection.GetStateData(jobId);
                data = current?.Data;
                return current?.Name == state;
            },
            $"job {jobId} reaches state {state}");
        return data!;
    }

    private List<string> Servers() => [.. _storage.GetMonitoringApi().Servers().Select(static s => s.Name)];

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Bound);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!condition())
        {
            Assert.True(await timer.WaitForNextTickAsync(timeout.Token).AsTask().ContinueWith(static t => !t.IsCanceled && t.Result, TaskScheduler.Default),
                $"timed out waiting until {what}");
        }
    }
}
