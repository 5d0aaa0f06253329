using Kedro.IO;
using Kedro.Testing.Runners;
using Kedro.Pipelines;
using static Kedro.Hangfire.Tests.Driver.DriverKit;

namespace Kedro.Hangfire.Tests.Driver;

public sealed class RunChecksTests
{
    [Fact]
    public async Task A_run_outside_a_session_is_refused_before_anything_is_written()
    {
        using var project = new TempFolder();
        var runner = new HangfireRunner(new HangfireOptions { SharedRoot = project.PathOf("runs") });
        var pipeline = new Pipeline([N("a", "x", "y")]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => runner.RunAsync(pipeline, new DataCatalog(new Dictionary<string, IDataset> { ["x"] = new PersistentDataset(() => 1) }), runId: RunId));

        Assert.Contains("runs only through a KedroSession", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(project.PathOf("runs")));
    }

    [Fact]
    public void A_registered_pipeline_whose_name_holds_a_plus_is_refused_naming_it()
    {
        var pipeline = new Pipeline([N("a", "x", "y")]);
        var registry = new Dictionary<string, Pipeline>(StringComparer.Ordinal) { ["left+right"] = pipeline };

        var error = Assert.Throws<ArgumentException>(() => Internal.RunChecks.CheckNodes(pipeline, registry, ["left+right"]));

        Assert.Contains("'left+right'", error.Message, StringComparison.Ordinal);
        Assert.Contains("must not contain '+'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_dataset_a_worker_cannot_reach_is_named_at_once()
    {
        using var project = new TempFolder();
        var pipeline = new Pipeline(
        [
            Node.Create((object? a, object? p) => a, new[] { "in_code", "params:p" }, "declared_memory", name: "one"),
            N("two", "declared_memory", "cached"),
            N("three", "cached", "intermediate"),
            N("four", "intermediate", "free"),
            Node.Create((object? a, object? b) => a, new[] { "declared", "scores_raw" }, "report", name: "five"),
        ]);
        var registry = new DatasetTypeRegistry().Register("test.Persistent", _ => new PersistentDataset(() => 1));
        var catalog = DataCatalog.FromConfig(new Dictionary<string, object?>
        {
            ["declared"] = new Dictionary<string, object?> { ["type"] = "test.Persistent" },
            ["{name}_raw"] = new Dictionary<string, object?> { ["type"] = "test.Persistent" },
            ["report"] = new Dictionary<string, object?> { ["type"] = "test.Persistent" },
            ["declared_memory"] = new Dictionary<string, object?> { ["type"] = "MemoryDataset" },
            ["cached"] = new Dictionary<string, object?>
            {
                ["type"] = "CachedDataset",
                ["dataset"] = new Dictionary<string, object?> { ["type"] = "MemoryDataset" },
            },
        }, registry: registry);
        catalog.Set("in_code", new PersistentDataset(() => 1));
        catalog.Set("params:p", 1);
        var runner = new HangfireRunner(new HangfireOptions { SharedRoot = project.PathOf("runs") });
        runner.Prepare(Origin(project, new Dictionary<string, Pipeline> { ["__default__"] = pipeline }));

        var error = await Assert.ThrowsAsync<DatasetException>(() => runner.RunAsync(pipeline, catalog, runId: RunId));

        Assert.StartsWith("The following datasets cannot be used with HangfireRunner: ['cached', 'declared_memory', 'in_code']", error.Message, StringComparison.Ordinal);
        Assert.Contains("'cached': it is a single-process 'CachedDataset'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'declared_memory': it is a MemoryDataset declared in the catalog", error.Message, StringComparison.Ordinal);
        Assert.Contains("'in_code': it is a 'PersistentDataset' created in code", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'params:p'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'intermediate'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'free'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'declared'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'scores_raw'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'report'", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(project.PathOf("runs")));
    }

    [Fact]
    public async Task Every_node_not_in_the_registered_pipeline_is_named_at_once()
    {
        using var project = new TempFolder();
        var registered = new Pipeline([N("a", "x", "y"), N("b", "y", "z")]);
        var changed = new Pipeline([N("a", "x", "y"), N("b", "y2", "z"), N("c", "z", "w")]);
        var catalog = new DataCatalog(new Dictionary<string, IDataset>
        {
            ["x"] = new PersistentDataset(() => 1),
            ["y2"] = new PersistentDataset(() => 1),
        });
        var runner = new HangfireRunner(new HangfireOptions { SharedRoot = project.PathOf("runs") });
        runner.Prepare(Origin(project, new Dictionary<string, Pipeline> { ["data_processing"] = registered }, "data_processing"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => runner.RunAsync(changed, catalog, runId: RunId));

        Assert.StartsWith(
            "The following nodes cannot be run by HangfireRunner: ['b' (inputs ['y2'] and outputs ['z'] differ from the registered node's ['y'] and ['z']), 'c' (not in the registered pipeline)]",
            error.Message,
            StringComparison.Ordinal);
        Assert.Contains("registered pipeline(s) ['data_processing']", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pipeline_name_the_registry_does_not_hold_is_refused()
    {
        using var project = new TempFolder();
        var pipeline = new Pipeline([N("a", "x", "y")]);
        var runner = new HangfireRunner(new HangfireOptions { SharedRoot = project.PathOf("runs") });
        runner.Prepare(Origin(project, new Dictionary<string, Pipeline> { ["__default__"] = pipeline }, "__default__", "reporting"));

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => runner.RunAsync(pipeline, new DataCatalog(new Dictionary<string, IDataset> { ["x"] = new PersistentDataset(() => 1) }), runId: RunId));

        Assert.StartsWith("HangfireRunner cannot run pipeline(s) ['reporting']: not registered in the project.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_the_runner_was_not_prepared_for_is_refused()
    {
        using var project = new TempFolder();
        var pipeline = new Pipeline([N("a", "x", "y")]);
        var runner = new HangfireRunner(new HangfireOptions { SharedRoot = project.PathOf("runs") });
        runner.Prepare(Origin(project, new Dictionary<string, Pipeline> { ["__default__"] = pipeline }));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => runner.RunAsync(pipeline, new DataCatalog(new Dictionary<string, IDataset> { ["x"] = new PersistentDataset(() => 1) }), runId: "2026-12-06T15.04.06.000Z"));

        Assert.Contains($"prepared for run '{RunId}' but asked to run '2026-12-06T15.04.06.000Z'", error.Message, StringComparison.Ordinal);
    }
}
