using System.CommandLine;
using Kedro.Cli.Tests.Support;
using Kedro.Hooks;
using Kedro.Runners;

namespace Kedro.Cli.Tests;

public sealed class PlugInTests
{
    [Fact]
    public async Task Run_WithAddedRunner_RunsThePipelineWithItAndGivesItsParameters()
    {
        using var project = new CliTestProject();
        RunnerContext? seen = null;
        int? foo = null;
        string? flag = null;

        var result = await project.RunAsync(
            ["run", "--runner", "MyRunner", "--runner-params", "foo=3,max_workers=2,resume=true"],
            p => p.AddRunner("MyRunner", c =>
            {
                seen = c;
                flag = c.GetParameter("resume");
                foo = c.GetInt32Parameter("foo");
                return new CountingRunner();
            }),
            CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Equal(3, foo);
        Assert.Equal(2, seen!.MaxWorkers);
        Assert.Equal(project.Path, seen.ProjectPath);
        Assert.Equal("true", flag);
        Assert.Equal(["foo", "resume"], seen.ParameterNames.Order(StringComparer.Ordinal));
        Assert.Equal("20", project.Read("data/02_output/total.txt"));
    }

    [Fact]
    public async Task Run_WithAddedRunnerAndAPrefix_FindsItByName()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync(["run", "--runner", "Kedro.Runners.MyRunner"], p => p.AddRunner("MyRunner", _ => new CountingRunner()), CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("20", project.Read("data/02_output/total.txt"));
    }

    [Fact]
    public async Task Run_WithAddedRunnerAndAnUnreadParameter_RefusesItNamingTheKeyBeforeAnyNodeRuns()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync(
            ["run", "--runner", "MyRunner", "--runner-params", "foo=3,bar=1"],
            p => p.AddRunner("MyRunner", c =>
            {
                c.GetParameter("foo");
                return new CountingRunner();
            }),
            CancellationToken.None);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "Error: Invalid value of `runner_params` option: unknown runner parameter 'bar'. Use 'max_workers' or 'is_async', or one this runner accepts: 'foo'.",
            result.Error.Trim());
        Assert.False(project.Exists("data/02_output/total.txt"));
    }

    [Fact]
    public async Task Run_WithAddedRunnerAndANonNumber_RefusesItNamingTheKey()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync(
            ["run", "--runner", "MyRunner", "--runner-params", "foo=three"],
            p => p.AddRunner("MyRunner", c => new CountingRunner(c.GetInt32Parameter("foo"))),
            CancellationToken.None);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'foo' must be a whole number of at least 0, not 'three'", result.Error);
    }

    [Fact]
    public async Task Run_BuiltInRunnerWithUnknownParameter_KeepsTheMessage()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run", "--runner", "ThreadRunner", "--runner-params", "foo=3");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Error: Invalid value of `runner_params` option: unknown runner parameter 'foo'. Use 'max_workers' or 'is_async'.", result.Error.Trim());
    }

    [Fact]
    public async Task Help_OfRun_ListsAddedRunnerAndHelpListsAddedCommand()
    {
        using var project = new CliTestProject();
        Func<KedroProjectBuilder, KedroProjectBuilder> configure = p => p
            .AddRunner("MyRunner", _ => new CountingRunner())
            .AddCommand(new Command("worker", "Start a worker."), (_, _) => Task.FromResult(0));

        var run = await project.RunAsync(["run", "--help"], configure, CancellationToken.None);
        var root = await project.RunAsync(["--help"], configure, CancellationToken.None);

        Assert.Contains("'SequentialRunner', 'ThreadRunner', 'ParallelRunner', 'MyRunner'", run.Output.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal));
        Assert.Contains("worker", root.Output);
        Assert.Contains("Start a worker.", root.Output);
    }

    [Fact]
    public async Task AddedCommand_Runs_WithTheProjectSettingsItsOptionsAndItsExitCode()
    {
        using var project = new CliTestProject();
        var hooks = new NodeHooks();
        var env = KedroOptions.Env();
        var command = new Command("worker", "Start a worker.") { env, KedroOptions.ConfSource() };
        CommandContext? seen = null;

        var result = await project.RunAsync(
            ["worker", "--env", "prod", "-v"],
            p => p.AddHooks(hooks).AddCommand(command, (c, _) =>
            {
                seen = c;
                c.Output.WriteLine("worker ran in env " + c.ParseResult.GetValue(env));
                return Task.FromResult(7);
            }),
            CancellationToken.None);

        Assert.Equal(7, result.ExitCode);
        Assert.Contains("worker ran in env prod", result.Output);
        Assert.True(seen!.Verbose);
        Assert.Equal(project.Path, seen.ProjectPath);
        Assert.Equal("cli_test_project", seen.Settings.ProjectName);
        Assert.Contains(hooks, seen.Settings.Hooks);
        Assert.Equal(["parse", "sum"], seen.Settings.Pipelines["data_processing"].Nodes.Select(static n => n.Name));
        Assert.True(seen.Settings.DatasetRegistry.Contains("TextDataset"), "Kedro.Datasets types are registered as for 'run'.");
        Assert.Same(seen.Settings.LoggerFactory, seen.LoggerFactory);
    }

    [Fact]
    public async Task AddedCommand_Throwing_ExitsOneWithTheMessage()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync(
            ["worker"],
            p => p.AddCommand(new Command("worker"), (_, _) => throw new InvalidOperationException("The queue 'kedro' is not reachable.")),
            CancellationToken.None);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: The queue 'kedro' is not reachable.", result.Error.Trim());
    }

    [Fact]
    public async Task AddedCommand_WithUnknownOption_ExitsTwo()
    {
        using var project = new CliTestProject();
        var ran = false;

        var result = await project.RunAsync(
            ["worker", "--frobnicate"],
            p => p.AddCommand(new Command("worker"), (_, _) =>
            {
                ran = true;
                return Task.FromResult(0);
            }),
            CancellationToken.None);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--frobnicate", result.Error);
        Assert.False(ran);
    }

    [Fact]
    public async Task AddedCommand_Cancelled_ExitsWith130UnlessItReturnsItsOwnCode()
    {
        using var project = new CliTestProject();
        using var first = new CancellationTokenSource();
        await first.CancelAsync();
        using var second = new CancellationTokenSource();
        await second.CancelAsync();

        var thrown = await project.RunAsync(
            ["worker"],
            p => p.AddCommand(new Command("worker"), async (_, token) =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return 0;
            }),
            first.Token);
        var returned = await project.RunAsync(
            ["worker"],
            p => p.AddCommand(new Command("worker"), (_, token) => Task.FromResult(token.IsCancellationRequested ? 0 : 5)),
            second.Token);

        Assert.Equal(130, thrown.ExitCode);
        Assert.Equal(0, returned.ExitCode);
    }

    private sealed class CountingRunner(int? foo = null) : AbstractRunner
    {
        public int? Foo { get; } = foo;

        protected override ValueTask<NodeExecutor> CreateExecutorAsync(RunPlan plan, CancellationToken cancellationToken) =>
            ValueTask.FromResult(NodeExecutor.InProcess(plan, concurrency: null));
    }

    private sealed class NodeHooks : INodeHooks;
}
