using Kedro.Cli.Internal;
using Kedro.Framework;
using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;
using Spectre.Console;

namespace Kedro.Cli.Tests.Internal;

public sealed class RunProgressTests
{
    private static Pipeline Chain() => new([
        Node.Create(static (int a) => a + 1, "a", "b", name: "first"),
        Node.Create(static (int b) => b * 2, "b", "c", name: "second"),
        Node.Create(static (int b) => b * 3, "b", "d", name: "third"),
    ]);

    [Theory]
    [InlineData("SequentialRunner")]
    [InlineData("ThreadRunner")]
    public async Task Progress_FollowsEveryNodeUnderEachRunner(string runnerName)
    {
        var progress = new RunProgress(TimeProvider.System);
        var settings = new ProjectSettings
        {
            Pipelines = new PipelineRegistry(() => new Dictionary<string, Pipeline> { ["__default__"] = Chain() }),
            DatasetRegistry = new DatasetTypeRegistry(),
        };
        settings.Hooks.Add(progress);
        var dir = Directory.CreateTempSubdirectory("kedro-progress-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "conf", "base"));
            Directory.CreateDirectory(Path.Combine(dir.FullName, "conf", "local"));
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "conf", "base", "catalog.yml"), "a:\n  type: MemoryDataset\n  data: 1\n");
            using var session = KedroSession.Create(settings, dir.FullName);
            AbstractRunner runner = runnerName == "ThreadRunner" ? new ThreadRunner() : new SequentialRunner();

            await session.RunAsync(new RunOptions { Runner = runner });

            var snapshot = progress.Take();
            Assert.Equal(3, snapshot.Total);
            Assert.Equal(3, snapshot.Done);
            Assert.Empty(snapshot.Running);
            Assert.Equal(0, snapshot.Left);
            Assert.Equal(["first", "second", "third"], snapshot.Durations.Select(static d => d.Name).Order(StringComparer.Ordinal));
            Assert.NotNull(snapshot.Remaining);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Progress_WithoutDatasetEventsInThisProcess_CountsANodeDoneAtAfterNodeRun()
    {
        // As under HangfireRunner: the workers fire the dataset hooks; the driver sees only node events.
        var progress = new RunProgress(TimeProvider.System);
        var pipeline = Chain();
        progress.BeforePipelineRun(new RunParams(), pipeline, new DataCatalog());
        var first = new NodeRunContext(pipeline.Nodes[0], new DataCatalog(), new Dictionary<string, object?>(), isAsync: false, runId: null);

        progress.BeforeNodeRun(first);
        Assert.Equal(["first"], progress.Take().Running.Select(static r => r.Name));
        progress.AfterNodeRun(first, new Dictionary<string, object?>());

        var snapshot = progress.Take();
        Assert.Equal(1, snapshot.Done);
        Assert.Empty(snapshot.Running);
        Assert.Equal(2, snapshot.Left);
    }

    [Fact]
    public void Progress_WithDatasetEventsInThisProcess_WaitsForTheOutputsToBeSaved()
    {
        var progress = new RunProgress(TimeProvider.System);
        var pipeline = Chain();
        var node = pipeline.Nodes[0];
        progress.BeforePipelineRun(new RunParams(), pipeline, new DataCatalog());
        var context = new NodeRunContext(node, new DataCatalog(), new Dictionary<string, object?>(), isAsync: false, runId: null);

        progress.BeforeDatasetLoaded("a", node);
        progress.BeforeNodeRun(context);
        progress.AfterNodeRun(context, new Dictionary<string, object?>());
        Assert.Equal(0, progress.Take().Done);

        progress.AfterDatasetSaved("b", 2, node);
        Assert.Equal(1, progress.Take().Done);
    }

    [Fact]
    public void Views_RenderCountsAndTheDurationTable()
    {
        var snapshot = new RunProgress.Snapshot(
            5, 2, [("train_model", TimeSpan.FromSeconds(1.5))], 2, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6),
            [new("split", TimeSpan.FromSeconds(0.25), false), new("evaluate", TimeSpan.FromSeconds(2), true)]);
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });

        console.Write(LiveProgressView.Render(snapshot));
        console.Write(LiveProgressView.Summary(snapshot));
        var text = writer.ToString();

        Assert.Contains("2/5 nodes", text);
        Assert.Contains("done 2 · running 1 · left 2 · elapsed 4.00 s · remaining ~6.00 s", text);
        Assert.Contains("train_model (1.50 s)", text);
        Assert.Contains("split", text);
        Assert.Contains("0.25 s", text);
        Assert.Contains("failed", text);
    }
}
