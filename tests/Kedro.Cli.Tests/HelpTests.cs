using Kedro.Cli.Tests.Support;

namespace Kedro.Cli.Tests;

public sealed class HelpTests
{
    [Fact]
    public async Task RootHelp_ListsTheCommands()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("run", result.Output);
        Assert.Contains("catalog", result.Output);
        Assert.Contains("registry", result.Output);
    }

    [Fact]
    public async Task NoArguments_ShowsHelp()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync();

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output);
    }

    [Fact]
    public async Task RunHelp_ExplainsEveryOption()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var option in new[]
        {
            "--from-inputs", "--to-outputs", "--from-nodes", "--to-nodes", "-n, --nodes", "-r, --runner", "--async", "--runner-params",
            "-e, --env", "-t, --tags", "-lv, --load-versions", "-p, --pipeline", "--pipelines", "-ns, --namespaces", "--conf-source",
            "--params", "--only-missing-outputs", "-v, --verbose",
        })
        {
            Assert.Contains(option, result.Output);
        }

        Assert.Contains("Available runners: 'SequentialRunner', 'ThreadRunner', 'ParallelRunner'", result.Output);
        Assert.Contains("param_group.param1=value1", result.Output);
    }

    [Fact]
    public async Task CatalogHelp_ListsKedroCatalogCommands()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("catalog", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("describe-datasets", result.Output);
        Assert.Contains("list-patterns", result.Output);
        Assert.Contains("resolve-patterns", result.Output);
    }
}
