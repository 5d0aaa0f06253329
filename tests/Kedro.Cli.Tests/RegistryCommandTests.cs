using Kedro.Cli.Tests.Support;

namespace Kedro.Cli.Tests;

public sealed class RegistryCommandTests
{
    [Fact]
    public async Task List_PrintsPipelineNamesSorted()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("registry", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("- __default__\n- data_processing\n- extra\n- reporting\n", result.Output);
    }

    [Fact]
    public async Task Describe_PrintsNodesInRunOrderWithTheirFunctions()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("registry", "describe", "data_processing");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Nodes:\n- parse (Parse)\n- sum (Sum)\n", result.Output);
    }

    [Fact]
    public async Task Describe_WithoutName_DescribesTheDefaultPipeline()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("registry", "describe");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Nodes:\n- parse (Parse)\n- sum (Sum)\n- report (Report)\n", result.Output);
    }

    [Fact]
    public async Task Describe_UnknownPipeline_ListsExistingOnes()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("registry", "describe", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: 'nope' pipeline not found. Existing pipelines: [__default__, data_processing, extra, reporting]", result.Error.Trim());
    }
}
