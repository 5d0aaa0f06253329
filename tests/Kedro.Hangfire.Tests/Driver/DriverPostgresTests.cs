using Hangfire.States;
using Kedro.Hangfire.Internal;
using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using static Kedro.Hangfire.Tests.Driver.DriverKit;

namespace Kedro.Hangfire.Tests.Driver;

/// <summary>The driver against a real PostgreSQL, with no worker listening: what happens before and instead of a node's run.</summary>
public sealed class DriverPostgresTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_before_node_run_hook_replacing_inputs_fails_the_node_after_the_manifest_is_written()
    {
        using var project = new TempFolder();
        var pipeline = new Pipeline([Node.Create(() => 1, null, "x", name: "make"), N("use", "x", "y")]);
        var hooks = new ReplacingHooks(project.PathOf("runs", RunId, RunFolder.ManifestFileName));
        var manager = new HookManager();
        manager.Register(hooks);
        var (options, _) = Database(project);
        var runner = new HangfireRunner(options);
        runner.Prepare(Origin(project, new Dictionary<string, Pipeline> { ["__default__"] = pipeline }));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => runner.RunAsync(pipeline, new DataCatalog(), manager, RunId));

        Assert.Equal(
            "A before_node_run hook returned new values for the inputs ['anything'] of node 'make'. HangfireRunner runs the node in a worker process, which loads its inputs from the catalog and cannot receive values from the driver's hooks. Change the data in the node or a dataset, or run with another runner.",
            error.Message);
        Assert.NotNull(hooks.Manifest);
        Assert.Contains($"\"run_id\":\"{RunId}\"", hooks.Manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", hooks.Manifest, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(project.PathOf("runs", RunId)), "the run folder is removed when the run fails");
    }

    [Fact]
    public async Task Cancelling_a_run_deletes_its_queued_job_and_removes_the_run_folder()
    {
        using var project = new TempFolder();
        var pipeline = new Pipeline([Node.Create(() => 1, null, "x", name: "make")]);
        var (options, storage) = Database(project);
        var log = new ListLogger();
        var runner = new HangfireRunner(options, logger: log);
        runner.Prepare(Origin(project, new Dictionary<string, Pipeline> { ["__default__"] = pipeline }));
        using var cancel = new CancellationTokenSource();

        var run = runner.RunAsync(pipeline, new DataCatalog(), runId: RunId, cancellationToken: cancel.Token);
        var jobId = await JobIdAsync(log, "make", Bound);
        Assert.Equal(EnqueuedState.StateName, StateOf(storage, jobId));
        Assert.Contains(log.Messages, m => m.Contains("No Kedro.NET worker is serving queue 'kedro' in schema 'hangfire'", StringComparison.Ordinal));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Bound));
        Assert.Equal(DeletedState.StateName, StateOf(storage, jobId));
        Assert.False(Directory.Exists(project.PathOf("runs", RunId)), "the run folder is removed when the run is cancelled");
    }

    private sealed class ReplacingHooks(string manifestPath) : INodeHooks
    {
        public string? Manifest { get; private set; }

        public IReadOnlyDictionary<string, object?>? BeforeNodeRun(NodeRunContext context)
        {
            Manifest = File.Exists(manifestPath) ? File.ReadAllText(manifestPath) : null;
            return new Dictionary<string, object?> { ["anything"] = 2 };
        }
    }
}
