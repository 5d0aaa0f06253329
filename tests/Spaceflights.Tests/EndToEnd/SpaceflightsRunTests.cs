using System.Text.Json;
using System.Text.RegularExpressions;
using Kedro.Datasets;
using Spaceflights.Modelling;
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

    private static readonly string[] ReportingFunctions = ["ComparePassengerCapacityExp", "ComparePassengerCapacityGo", "CreateConfusionMatrix"];

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
    public async Task Run_WithParallelRunner_RunsEveryNodeInWorkerProcessesAndMatchesTheSequentialRun()
    {
        // DataFrames cross between the worker processes as Arrow tables in shared memory (X_train, X_test), the table
        // converter is re-created in every worker (PlotlyDataset draws a DataFrame there), and the result is the same.
        using var project = new SpaceflightsCopy();

        var exitCode = await project.RunAsync("run", "--runner", "ParallelRunner");

        Assert.True(exitCode == 0, project.Output + project.Error);
        AssertRanAndLoggedR2(project);
        using var reference = new SpaceflightsCopy();
        Assert.Equal(0, await reference.RunAsync("run", "--pipelines", "data_processing"));
        Assert.Equal(
            new ParquetDataset(reference.PathOf("data/03_primary/model_input_table.parquet")).Load(typeof(List<Dictionary<string, object?>>)),
            new ParquetDataset(project.PathOf("data/03_primary/model_input_table.parquet")).Load(typeof(List<Dictionary<string, object?>>)));
    }

    [Fact]
    public async Task Run_WithParallelRunner_DrawsTheConfusionMatrixInAWorkerProcess()
    {
        // ScottPlot renders through SkiaSharp's native library, which the worker finds in runtimes/<rid>/native.
        using var project = new SpaceflightsCopy();

        var exitCode = await project.RunAsync("run", "--runner", "ParallelRunner", "--to-outputs", "dummy_confusion_matrix");

        Assert.True(exitCode == 0, project.Output + project.Error);
        Assert.Contains("Completed 1 out of 1 tasks", project.Output, StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, File.ReadAllBytes(Versioned(project, "data/08_reporting/dummy_confusion_matrix.png"))[..8]);
    }

    [Fact]
    public async Task Run_OnTheCommittedSmallDataset_LogsTheR2AndTrainsTheModelOfPandasAndScikitLearn()
    {
        // Computed once by benchmarks/spaceflights/reference.py (pandas + scikit-learn) on EndToEnd/SmallRawData, which is
        // what SpaceflightsCopy generates (RawDataGeneratorTests pins that).
        using var project = new SpaceflightsCopy();

        var exitCode = await project.RunAsync("run");

        Assert.True(exitCode == 0, project.Output + project.Error);
        Assert.Contains("Model has a coefficient R^2 of 0.731 on test data.", project.Output, StringComparison.Ordinal);
        var regressor = Assert.Single(Directory.GetFiles(project.PathOf("data/06_models/regressor.pickle"), "regressor.pickle", SearchOption.AllDirectories));
        var model = new PickleDataset(regressor).Load(typeof(LinearRegression)) as LinearRegression;
        double[] coef = [278.5913179371382, 177.67947958651962, 100.55611578680937, 190.36974022829784, 367.7056688578043, 424.2258600460956, 680.0371094588664, 14.262405870238112];
        Assert.NotNull(model);
        Assert.Equal(8, model.Coef.Length);
        for (var j = 0; j < coef.Length; j++)
        {
            Assert.True(Math.Abs(model.Coef[j] - coef[j]) < 1e-6 * Math.Abs(coef[j]), $"coef[{j}] is {model.Coef[j]}, scikit-learn's {coef[j]}");
        }

        Assert.Equal(-1613.255031395509, model.Intercept, 1e-6);
    }

    [Fact]
    public async Task Run_TwiceWithTheRegressorVersioned_KeepsBothVersionsAndEvaluatesTheNewest()
    {
        using var project = new SpaceflightsCopy();
        Assert.Equal(0, await project.RunAsync("run", "--pipelines", "data_processing"));
        Assert.Equal(0, await project.RunAsync("run", "--pipelines", "data_science"));

        var exitCode = await project.RunAsync("run", "--pipelines", "data_science", "--params", "model_options.random_state=11");

        Assert.True(exitCode == 0, project.Output + project.Error);
        var versions = Directory.GetDirectories(project.PathOf("data/06_models/regressor.pickle"));
        Assert.Equal(2, versions.Length);
        Assert.All(versions, v => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}\.\d{2}\.\d{2}\.\d{3}Z$", Path.GetFileName(v)));
        Assert.Matches(R2Line(), project.Output);
    }

    [Fact]
    public async Task Run_WithOnlyMissingOutputs_AfterAPlotIsDeleted_RunsOnlyWhatIsNeeded()
    {
        using var project = new SpaceflightsCopy();
        Assert.Equal(0, await project.RunAsync("run"));
        Directory.Delete(project.PathOf("data/08_reporting/dummy_confusion_matrix.png"), recursive: true);

        var exitCode = await project.RunAsync("run", "--only-missing-outputs");

        // create_confusion_matrix lost its output; evaluate_model_node has no outputs, so Kedro always runs it, and
        // split_data_node with it for the in-memory test set it needs.
        Assert.True(exitCode == 0, project.Output + project.Error);
        Assert.Contains("Running 3 out of 9 nodes", project.Output, StringComparison.Ordinal);
        Assert.Contains("Running node: split_data_node", project.Output, StringComparison.Ordinal);
        Assert.Contains("Running node: evaluate_model_node", project.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Running node: preprocess_companies_node", project.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Running node: train_model_node", project.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Assert.Single(Directory.GetFiles(project.PathOf("data/08_reporting/dummy_confusion_matrix.png"), "*.png", SearchOption.AllDirectories))));
    }

    [Fact]
    public async Task Run_WithTheDataProcessingPipeline_RunsOnlyItsNodes()
    {
        using var project = new SpaceflightsCopy();

        var exitCode = await project.RunAsync("run", "--pipelines", "data_processing");

        Assert.True(exitCode == 0, project.Output + project.Error);
        Assert.True(File.Exists(project.PathOf("data/03_primary/model_input_table.parquet")));
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
        Assert.NotEqual(R2Line().Match(reference.Output).Value, R2Line().Match(project.Output).Value);
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
    [InlineData(".nan", "test_size=NaN should be a float in the (0, 1) range")]
    [InlineData("1.5", "test_size=1.5 should be a float in the (0, 1) range")]
    [InlineData("0", "test_size=0 should be a float in the (0, 1) range")]
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
            "data/02_intermediate/preprocessed_companies.parquet", "data/02_intermediate/preprocessed_shuttles.parquet",
            "data/03_primary/model_input_table.parquet",
        })
        {
            Assert.True(File.Exists(project.PathOf(file)), $"'{file}' was not written.\n{project.Output}");
            Assert.Equal("PAR1"u8.ToArray(), File.ReadAllBytes(project.PathOf(file))[..4]);
        }

        Assert.True(File.Exists(Versioned(project, "data/06_models/regressor.pickle")));
        using (var exp = JsonDocument.Parse(File.ReadAllText(Versioned(project, "data/08_reporting/shuttle_passenger_capacity_plot_exp.json"))))
        {
            var trace = exp.RootElement.GetProperty("data")[0];
            Assert.Equal("bar", trace.GetProperty("type").GetString());
            Assert.Equal("h", trace.GetProperty("orientation").GetString());
            Assert.Contains("Type V5", trace.GetProperty("x").EnumerateArray().Select(e => e.GetString()));
        }

        using (var go = JsonDocument.Parse(File.ReadAllText(Versioned(project, "data/08_reporting/shuttle_passenger_capacity_plot_go.json"))))
        {
            var trace = go.RootElement.GetProperty("data")[0];
            Assert.Equal("bar", trace.GetProperty("type").GetString());
            Assert.Equal(7, trace.GetProperty("y").GetArrayLength());   // one bar a shuttle type
        }

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, File.ReadAllBytes(Versioned(project, "data/08_reporting/dummy_confusion_matrix.png"))[..8]);
        Assert.All(NodeNames, n => Assert.Contains("Running node: " + n, project.Output, StringComparison.Ordinal));
        Assert.All(ReportingFunctions, f => Assert.Contains("Running node: " + f, project.Output, StringComparison.Ordinal));
        Assert.Contains("Completed 9 out of 9 tasks", project.Output, StringComparison.Ordinal);
        Assert.Contains("Model has a coefficient R^2 of 0.731 on test data.", project.Output, StringComparison.Ordinal);
    }

    /// <summary>The one version of a versioned dataset's file (Kedro's <c>{filepath}/{version}/{file name}</c>).</summary>
    private static string Versioned(SpaceflightsCopy project, string filepath)
    {
        var version = Assert.Single(Directory.GetDirectories(project.PathOf(filepath)));
        return Path.Combine(version, Path.GetFileName(filepath));
    }

    [GeneratedRegex(@"Model has a coefficient R\^2 of (\d\.\d{3}) on test data\.")]
    private static partial Regex R2Line();
}
