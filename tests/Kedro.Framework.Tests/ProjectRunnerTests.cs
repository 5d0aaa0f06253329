using Kedro.Framework.Tests.Support;
using Kedro.Runners;

namespace Kedro.Framework.Tests;

public sealed class ProjectRunnerTests
{
    [Fact]
    public async Task RunAsync_WithProjectRunner_PreparesItOnceWithHowTheSessionWasMadeBeforePipelineHooks()
    {
        using var project = ArithmeticProject.Create();
        project.Write("conf/prod/parameters.yml", "b: 100\n");
        project.Write("conf/prod/catalog.yml", "archive:\n  type: MemoryDataset\n  versioned: true\n");
        var hooks = new RecordingHooks();
        var runtime = new Dictionary<string, object?> { ["nested"] = new Dictionary<string, object?> { ["factor"] = 3 } };
        using var session = KedroSession.Create(ArithmeticProject.Settings(hooks), project.Path, env: "prod", runtimeParams: runtime);
        var runner = new PreparedRunner(() => hooks.Calls);
        var loadVersions = new Dictionary<string, string> { ["archive"] = "2026-01-01T00.00.00.000Z" };

        var result = await session.RunAsync(new RunOptions { Runner = runner, PipelineNames = ["other", "__default__"], LoadVersions = loadVersions });

        var run = Assert.Single(runner.Runs);
        Assert.Equal(session.SessionId, run.SessionId);
        Assert.Equal(session.ProjectPath, run.ProjectPath);
        Assert.Equal(Path.Combine(session.ProjectPath, "conf"), run.ConfSource);
        Assert.Equal("prod", run.Env);
        Assert.Equal(3, Assert.IsType<Dictionary<string, object?>>(run.RuntimeParams["nested"])["factor"]);
        Assert.Equal(["other", "__default__"], run.PipelineNames);
        Assert.Equal(loadVersions, run.LoadVersions);
        Assert.Same(session.Settings, run.Settings);
        Assert.Equal("prod", run.Context.Env);
        Assert.Equal(3, Assert.IsType<Dictionary<string, object?>>(run.Context.Params["nested"])["factor"]);
        Assert.Contains("after_catalog_created", runner.HookCallsAtPrepare);
        Assert.DoesNotContain("before_pipeline_run", runner.HookCallsAtPrepare);
        Assert.Contains("before_pipeline_run", hooks.Calls);
        Assert.NotEmpty(result);
    }

    [Fact]
    public async Task RunAsync_WithProjectRunnerAndNoPipelineNames_GivesDefaultPipelineAndEmptyMaps()
    {
        using var project = ArithmeticProject.Create();
        using var session = KedroSession.Create(ArithmeticProject.Settings(), project.Path);
        var runner = new PreparedRunner(() => []);

        await session.RunAsync(new RunOptions { Runner = runner });

        var run = Assert.Single(runner.Runs);
        Assert.Equal(["__default__"], run.PipelineNames);
        Assert.Empty(run.LoadVersions);
        Assert.Empty(run.RuntimeParams);
        Assert.Null(run.Env);
    }

    private sealed class PreparedRunner(Func<IReadOnlyList<string>> hookCalls) : AbstractRunner, IProjectRunner
    {
        public List<ProjectRun> Runs { get; } = [];

        public IReadOnlyList<string> HookCallsAtPrepare { get; private set; } = [];

        public void PrepareRun(ProjectRun run)
        {
            HookCallsAtPrepare = hookCalls();
            Runs.Add(run);
        }

        protected override ValueTask<NodeExecutor> CreateExecutorAsync(RunPlan plan, CancellationToken cancellationToken) =>
            ValueTask.FromResult(NodeExecutor.InProcess(plan, concurrency: null));
    }
}
