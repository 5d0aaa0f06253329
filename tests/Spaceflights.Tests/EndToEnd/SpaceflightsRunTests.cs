using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Spaceflights.RawData;
using Spaceflights.Tests.Support;

namespace Spaceflights.Tests.EndToEnd;

public sealed partial class SpaceflightsRunTests
{
    private static readonly string[] NodeNames =
    [
        "preprocess_companies_node", "preprocess_shuttles_node", "create_model_input_table_node",
        "split_data_node", "train_model_node", "evaluate_model_node",
    ];

    [Theory]
    [InlineData("SequentialRunner")]
    [InlineData("ThreadRunner")]
    public async Task Run_WithEachRunner_WritesEveryOutputAndLogsR2(string runner)
    {
        using var project = new SpaceflightsCopy();

        var exitCode = await project.RunAsync("run", "--runner", runner);

        Assert.True(exitCode == 0, project.Output + project.Error);
        AssertRanAndLoggedR2(project);
    }

    [Fact]
    public async Task Run_WithParallelRunner_WritesEveryOutputAndLogsR2()
    {
        using var project = new SpaceflightsCopy();

        var exitCode = await project.RunAsync("run", "--runner", "ParallelRunner");

        Assert.True(exitCode == 0, project.Output + project.Error);
        AssertRanAndLoggedR2(project);
    }

    [Fact]
    public async Task Run_TwiceWithOnlyMissingOutputs_SkipsEverythingTheSecondTime()
    {
        using var project = new SpaceflightsCopy();
        Assert.Equal(0, await project.RunAsync("run", "--only-missing-outputs"));
        Assert.All(NodeNames, n => Assert.Contains("Running node: " + n, project.Output, StringComparison.Ordinal));
        var regressor = Directory.GetFiles(project.PathOf("data/06_models/regressor.pickle"), "*", SearchOption.AllDirectories);

        var exitCode = await project.RunAsync("run", "--only-missing-outputs");

        Assert.True(exitCode == 0, project.Output + project.Error);
        Assert.Contains("Skipping all 6 nodes (all persistent outputs exist)", project.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Running node", project.Output, StringComparison.Ordinal);
        Assert.Equal(regressor, Directory.GetFiles(project.PathOf("data/06_models/regressor.pickle"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Run_WithOnlyMissingOutputs_AfterMetricsAreDeleted_RunsOnlyWhatIsNeeded()
    {
        using var project = new SpaceflightsCopy();
        Assert.Equal(0, await project.RunAsync("run"));
        File.Delete(project.PathOf("data/08_reporting/metrics.json"));

        var exitCode = await project.RunAsync("run", "--only-missing-outputs");

        // evaluate_model_node lost its output; split_data_node must run too, for the in-memory test set it needs.
        Assert.True(exitCode == 0, project.Output + project.Error);
        Assert.Contains("Running 2 out of 6 nodes", project.Output, StringComparison.Ordinal);
        Assert.Contains("Running node: split_data_node", project.Output, StringComparison.Ordinal);
        Assert.Contains("Running node: evaluate_model_node", project.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Running node: preprocess_companies_node", project.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Running node: train_model_node", project.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(project.PathOf("data/08_reporting/metrics.json")));
    }

    [Fact]
    public async Task Run_WithTheDataProcessingPipeline_RunsOnlyItsNodes()
    {
        using var project = new SpaceflightsCopy();

        var exitCode = await project.RunAsync("run", "--pipelines", "data_processing");

        Assert.True(exitCode == 0, project.Output + project.Error);
        Assert.True(File.Exists(project.PathOf("data/03_primary/model_input_table.csv")));
        Assert.False(Directory.Exists(project.PathOf("data/06_models/regressor.pickle")));
        Assert.DoesNotContain("Running node: split_data_node", project.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("R^2", project.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithTheDataSciencePipeline_UsesTheModelInputTableOfAnEarlierRun()
    {
        using var project = new SpaceflightsCopy();
        Assert.Equal(0, await project.RunAsync("run", "--pipelines", "data_processing"));

        var exitCode = await project.RunAsync("run", "--pipelines", "data_science");

        Assert.True(exitCode == 0, project.Output + project.Error);
        Assert.DoesNotContain("Running node: preprocess_companies_node", project.Output, StringComparison.Ordinal);
        Assert.Matches(R2Line(), project.Output);
    }

    [Fact]
    public async Task Run_WithParamsOverride_ChangesTheSplit()
    {
        using var reference = new SpaceflightsCopy();
        using var project = new SpaceflightsCopy();
        Assert.Equal(0, await reference.RunAsync("run"));

        var exitCode = await project.RunAsync("run", "--params", "model_options.random_state=11,model_options.test_size=0.5");

        Assert.True(exitCode == 0, project.Output + project.Error);
        Assert.Matches(R2Line(), project.Output);
        Assert.NotEqual(R2(reference), R2(project));
    }

    [Fact]
    public async Task Run_WhenTheRawFolderIsEmpty_GeneratesEveryFileAndWarns()
    {
        using var project = new SpaceflightsCopy();
        var reviews = File.ReadAllBytes(project.PathOf("data/01_raw/reviews.csv"));
        DeleteRawData(project);

        var exitCode = await project.RunAsync("run", "--pipelines", "data_processing");

        Assert.True(exitCode == 0, project.Output + project.Error);
        Assert.Matches(@"WARNING +'.*01_raw' held no data, so sample raw data was generated: companies\.csv, reviews\.csv, shuttles\.xlsx\.", project.Output);
        Assert.Equal(reviews, File.ReadAllBytes(project.PathOf("data/01_raw/reviews.csv")));
    }

    [Fact]
    public async Task Run_WhenOneRawFileIsMissingAmongOthers_FailsWithoutGeneratingIt()
    {
        using var project = new SpaceflightsCopy();
        File.Delete(project.PathOf("data/01_raw/reviews.csv"));

        var exitCode = await project.RunAsync("run", "--pipelines", "data_processing");

        Assert.Equal(1, exitCode);
        Assert.Contains("reviews", project.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("generated", project.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(project.PathOf("data/01_raw/reviews.csv")));
    }

    [Theory]
    [InlineData("catalog", "list-patterns")]
    [InlineData("catalog", "describe-datasets")]
    [InlineData("registry", "list")]
    public async Task CatalogAndRegistryCommands_NeverGenerateRawData(string command, string subcommand)
    {
        using var project = new SpaceflightsCopy();
        DeleteRawData(project);

        var exitCode = await project.RunAsync(command, subcommand);

        Assert.True(exitCode == 0, project.Output + project.Error);
        Assert.Empty(Directory.GetFiles(project.PathOf("data/01_raw")));
    }

    [Fact]
    public async Task Run_WithAMistypedParamsValue_FailsBeforeAnyNodeRuns()
    {
        using var project = new SpaceflightsCopy();

        var exitCode = await project.RunAsync("run", "--params", "model_options.test_size=abc");

        Assert.Equal(1, exitCode);
        Assert.StartsWith(
            "Error: Invalid value for model_options.test_size: abc. Expected a number (double), as node 'split_data_node' declares for 'params:model_options' (ModelOptions).",
            project.Error,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Running node", project.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(project.PathOf("data/02_intermediate")));
    }

    [Theory]
    [InlineData(".nan", "Invalid 'model_options.test_size' NaN: expected a fraction between 0 and 1 (exclusive)")]
    [InlineData("1.5", "Invalid 'model_options.test_size' 1.5: expected a fraction between 0 and 1 (exclusive)")]
    [InlineData("0", "Invalid 'model_options.test_size' 0: expected a fraction between 0 and 1 (exclusive)")]
    public async Task Run_WithTestSizeNotAFraction_SplitDataRefusesIt(string value, string message)
    {
        using var project = new SpaceflightsCopy();

        var exitCode = await project.RunAsync("run", "--params", "model_options.test_size=" + value);

        Assert.Equal(1, exitCode);
        Assert.Contains(message, project.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Running node: train_model_node", project.Output, StringComparison.Ordinal);
    }

    private static void DeleteRawData(SpaceflightsCopy project)
    {
        foreach (var name in RawDataGenerator.FileNames)
        {
            File.Delete(project.PathOf("data/01_raw/" + name));
        }
    }

    private static void AssertRanAndLoggedR2(SpaceflightsCopy project)
    {
        foreach (var file in new[]
        {
            "data/02_intermediate/preprocessed_companies.csv", "data/02_intermediate/preprocessed_shuttles.csv",
            "data/03_primary/model_input_table.csv", "data/08_reporting/metrics.json",
        })
        {
            Assert.True(File.Exists(project.PathOf(file)), $"'{file}' was not written.\n{project.Output}");
        }

        var versions = Directory.GetDirectories(project.PathOf("data/06_models/regressor.pickle"));
        Assert.True(File.Exists(Path.Combine(Assert.Single(versions), "regressor.pickle")));
        Assert.All(NodeNames, n => Assert.Contains("Running node: " + n, project.Output, StringComparison.Ordinal));
        Assert.Contains("Completed 6 out of 6 tasks", project.Output, StringComparison.Ordinal);
        var logged = double.Parse(R2Line().Match(project.Output).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(logged, 0.5, 1.0);   // the generated prices depend on the features
        Assert.Equal(logged, Math.Round(R2(project), 3));
    }

    private static double R2(SpaceflightsCopy project)
    {
        using var metrics = JsonDocument.Parse(File.ReadAllText(project.PathOf("data/08_reporting/metrics.json")));
        return metrics.RootElement.GetProperty("r2_score").GetDouble();
    }

    [GeneratedRegex(@"Model has a coefficient R\^2 of (\d\.\d{3}) on test data\.")]
    private static partial Regex R2Line();
}
