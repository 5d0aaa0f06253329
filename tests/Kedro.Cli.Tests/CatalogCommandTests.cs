using Kedro.Cli.Tests.Support;

namespace Kedro.Cli.Tests;

public sealed class CatalogCommandTests
{
    [Fact]
    public async Task DescribeDatasets_GroupsEachPipelinesDatasetsByKindAndType()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("catalog", "describe-datasets", "-p", "__default__");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            __default__:
              datasets:
                Kedro.Datasets.TextDataset:
                - numbers
                - total
              factories:
                Kedro.Datasets.JsonDataset:
                - summary_report
              defaults:
                Kedro.IO.MemoryDataset:
                - values

            """.ReplaceLineEndings("\n"),
            result.Output);
    }

    [Fact]
    public async Task List_IsAnAliasOfDescribeDatasetsAndCoversEveryPipeline()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("catalog", "list");

        Assert.Equal(0, result.ExitCode);
        foreach (var pipeline in new[] { "__default__:", "data_processing:", "reporting:", "extra:" })
        {
            Assert.Contains(pipeline, result.Output);
        }

        Assert.DoesNotContain("params:", result.Output);
    }

    [Fact]
    public async Task DescribeDatasets_UnknownPipeline_Fails()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("catalog", "describe-datasets", "--pipeline", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: 'nope' pipeline not found! Existing pipelines: __default__, data_processing, extra, reporting", result.Error.Trim());
    }

    [Fact]
    public async Task ListPatterns_ListsFactoryPatternsThenTheRuntimeDefault()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("catalog", "list-patterns");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("- '{name}_report'\n- '{default}'\n", result.Output);
    }

    [Fact]
    public async Task ResolvePatterns_ShowsExplicitEntriesAndResolvedPatternsWithAbsolutePaths()
    {
        using var project = new CliTestProject();
        var root = project.Path.Replace('\\', '/');

        var result = await project.RunAsync("catalog", "resolve-patterns", "-p", "reporting");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            $"""
            numbers:
              type: text.TextDataset
              filepath: {root}/data/01_raw/numbers.txt
            total:
              type: text.TextDataset
              filepath: {root}/data/02_output/total.txt
            summary_report:
              type: json.JSONDataset
              filepath: {root}/data/03_reports/summary.json

            """.ReplaceLineEndings("\n"),
            result.Output);
    }

    [Fact]
    public async Task ResolvePatterns_HidesCredentialValues()
    {
        using var project = new CliTestProject();
        project.Write("conf/base/catalog.yml", CliTestProject.Catalog + "\nremote:\n  type: text.TextDataset\n  filepath: data/remote.txt\n  credentials: db\n");
        project.Write("conf/local/credentials.yml", "db:\n  password: hunter2\n");

        var result = await project.RunAsync("catalog", "resolve-patterns");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("credentials: remote_credentials", result.Output);
        Assert.DoesNotContain("hunter2", result.Output);
    }
}
