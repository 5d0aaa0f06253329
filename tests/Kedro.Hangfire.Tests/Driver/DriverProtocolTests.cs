using System.Text.Json;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Kedro.Hangfire.Internal;
using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Npgsql;
using static Kedro.Hangfire.Tests.Driver.DriverKit;

namespace Kedro.Hangfire.Tests.Driver;

/// <summary>
/// The driver through a whole run against a real PostgreSQL, with the test doing a worker's part of the protocol: write the
/// node's outputs to the run folder, store a failure's error as the job parameter, change the job's state and notify.
/// </summary>
public sealed class DriverProtocolTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_completed_run_returns_its_free_outputs_after_the_run_folder_is_gone_and_hooks_read_values_from_the_catalog()
    {
        using var project = new TempFolder();
        var pipeline = new Pipeline([Node.Create(() => 1, null, "x", name: "make"), N("use", "x", "y")]);
        var (options, storage) = Database(project);
        var log = new ListLogger();
        var hooks = new RecordingHooks();
        var manager = new HookManager();
        manager.Register(hooks);
        var runner = new HangfireRunner(options, logger: log);
        runner.Prepare(Origin(project, new Dictionary<string, Pipeline> { ["__default__"] = pipeline }));
        var folder = project.PathOf("runs", RunId);

        var run = runner.RunAsync(pipeline, new DataCatalog(), manager, RunId);
        var make = await JobIdAsync(log, "make", Bound, run);
        new RunFolderDataset(RunFolder.DataFile(folder, "x"), "x").Save(41);
        await Notify(options, new NodeNotification(RunId, "make", make, NodeJobOutcome.Completed));
        var use = await JobIdAsync(log, "use", Bound, run);
        new RunFolderDataset(RunFolder.DataFile(folder, "y"), "y").Save(42);
        await Notify(options, new NodeNotification(RunId, "use", use, NodeJobOutcome.Completed));
        var result = await run.WaitAsync(Bound);

        Assert.False(Directory.Exists(folder), "the run folder is removed");
        Assert.Equal(["y"], result.Keys);
        Assert.Equal(42, result["y"].Load());
        Assert.Equal(["after make: x=41", "before use: x=41", "after use: y=42"], hooks.Calls);
        using var connection = storage.GetConnection();
        Assert.Equal("0", connection.GetJobParameter(make, NodeNotification.RetriesParameter));
    }

    [Fact]
    public async Task A_failed_node_fails_the_run_with_its_own_exception_and_no_job_of_the_run_is_left()
    {
        using var project = new TempFolder();
        var pipeline = new Pipeline(
        [
            Node.Create(() => 1, null, "a", name: "slow"),
            Node.Create(() => 2, null, "b", name: "boom"),
            N("after", "b", "c"),
        ]);
        var (options, storage) = Database(project);
        options.NodeRetries["boom"] = 2;
        var log = new ListLogger();
        var hooks = new RecordingHooks();
        var manager = new HookManager();
        manager.Register(hooks);
        var runner = new HangfireRunner(options, logger: log);
        runner.Prepare(Origin(project, new Dictionary<string, Pipeline> { ["__default__"] = pipeline }));

        var run = runner.RunAsync(pipeline, new DataCatalog(), manager, RunId);
        var slow = await JobIdAsync(log, "slow", Bound, run);
        var boom = await JobIdAsync(log, "boom", Bound, run);
        var client = new BackgroundJobClient(storage, new JobFilterCollection());
        using (var connection = storage.GetConnection())
        {
            Assert.Equal("2", connection.GetJobParameter(boom, NodeNotification.RetriesParameter));
            connection.SetJobParameter(boom, NodeNotification.ErrorParameter, JsonSerializer.Serialize(
                """{"Type":"System.IO.InvalidDataException","Message":"bad row 3","StackTrace":"   at Nodes.Parse(String text)","NodeFunctionFailed":true}"""));
        }

        client.ChangeState(boom, new FailedState(new InvalidOperationException("the worker's wrapper")));
        await Notify(options, new NodeNotification(RunId, "boom", boom, NodeJobOutcome.Failed));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => run.WaitAsync(Bound));
        Assert.Equal("bad row 3", error.Message);
        Assert.Contains("at Nodes.Parse(String text)", error.StackTrace, StringComparison.Ordinal);
        Assert.Equal(["error boom: InvalidDataException: bad row 3"], hooks.Calls);
        Assert.True(log.Messages.Any(m => m.StartsWith("Node boom: ", StringComparison.Ordinal) && m.Contains("failed with error: \nbad row 3", StringComparison.Ordinal)), string.Join(" | ", log.Messages));
        Assert.Contains("No nodes ran. Repeat the previous command to attempt a new run.", log.Messages); // the resume suggestion
        Assert.Equal(DeletedState.StateName, StateOf(storage, slow));
        Assert.False(Directory.Exists(project.PathOf("runs", RunId)), "the run folder is removed when the run fails");
    }

    private static async Task Notify(HangfireOptions options, NodeNotification notification)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        command.Parameters.AddWithValue("channel", NodeNotification.Channel);
        command.Parameters.AddWithValue("payload", notification.ToJson());
        await command.ExecuteNonQueryAsync();
    }

    private sealed class RecordingHooks : INodeHooks
    {
        private readonly List<string> _calls = [];

        public IReadOnlyList<string> Calls
        {
            get
            {
                lock (_calls)
                {
                    return [.. _calls];
                }
            }
        }

        public IReadOnlyDictionary<string, object?>? BeforeNodeRun(NodeRunContext context)
        {
            if (context.Inputs.Count > 0)
            {
                Add($"before {context.Node.Name}: {string.Join(", ", context.Inputs.Select(p => $"{p.Key}={p.Value}"))}");
            }

            return null;
        }

        public void AfterNodeRun(NodeRunContext context, IReadOnlyDictionary<string, object?> outputs) =>
            Add($"after {context.Node.Name}: {string.Join(", ", outputs.Select(p => $"{p.Key}={p.Value}"))}");

        public void OnNodeError(Exception error, NodeRunContext context) =>
            Add($"error {context.Node.Name}: {error.GetType().Name}: {error.Message}");

        private void Add(string call)
        {
            lock (_calls)
            {
                _calls.Add(call);
            }
        }
    }
}
