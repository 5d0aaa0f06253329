using Kedro.Cli.Tests.Support;
using Kedro.Hooks;
using Kedro.Pipelines;

namespace Kedro.Cli.Tests;

public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_Default_RunsEveryNodeAndWritesOutputsWithKedroLogLines()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Equal("20", project.Read("data/02_output/total.txt"));
        Assert.Contains("21", project.Read("data/03_reports/summary.json"));
        Assert.Equal(["parse", "sum", "report"], result.NodesRun);
        Assert.Contains("INFO     Kedro project cli_test_project", result.Output);
        Assert.Contains("Loading data from numbers (TextDataset)...", result.Output);
        Assert.Contains("Completed 3 out of 3 tasks", result.Output);
        Assert.Contains("Pipeline execution completed successfully", result.Output);
    }

    [Fact]
    public async Task Run_NodeLoggingThroughKedroLogging_AppearsInTheOutput()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run");

        Assert.Contains("INFO     Total is 20", result.Output);
    }

    [Fact]
    public async Task Run_WithTypedParams_OverridesParametersIncludingNestedOnes()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run", "--params", "scale=3, nested.offset=100");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("30", project.Read("data/02_output/total.txt"));
        Assert.Contains("130", project.Read("data/03_reports/summary.json"));
    }

    [Theory]
    [InlineData("scale=two", "Error: Invalid value for scale: two. Expected a whole number (int), as node 'sum' declares for 'params:scale' (int).")]
    [InlineData("nested.offset=1.5", "Error: Invalid value for nested.offset: 1.5. Expected a whole number (int), as node 'report' declares for 'params:nested.offset' (int): 1.5 is not a whole number.")]
    [InlineData("threshold=high", "Error: Invalid value for threshold: high. Expected a number, like 'threshold: 0.5' in 'conf/base/parameters.yml', line 5.")]
    [InlineData("nested.limit=ten", "Error: Invalid value for nested.limit: ten. Expected a whole number, like 'limit: 10' in 'conf/base/parameters.yml', line 4.")]
    [InlineData("nested=3", "Error: Invalid value for nested: 3. Expected a mapping, like 'nested' in 'conf/base/parameters.yml', line 2.")]
    public async Task Run_WithParamsOfTheWrongType_FailsBeforeAnyNodeRuns(string value, string message)
    {
        using var project = new CliTestProject();
        project.Write("conf/base/parameters.yml", "scale: 2\nnested:\n  offset: 1\n  limit: 10\nthreshold: 0.5\n");

        var result = await project.RunAsync("run", "--params", value);

        AssertFailedBeforeAnyNodeRan(result, message);
        Assert.Contains("Correct the value given with '--params'; no node has run.", result.Error, StringComparison.Ordinal);
        Assert.False(project.Exists("data/02_output/total.txt"));
    }

    [Theory]
    [InlineData("nested.limit=123456789012345678901234")]
    [InlineData("threshold=123456789012345678901234")]
    public async Task Run_WithParamsIntegerBeyond64Bits_FitsAWholeNumberOrANumberOfTheParameterFiles(string value)
    {
        using var project = new CliTestProject();
        project.Write("conf/base/parameters.yml", "scale: 2\nnested:\n  offset: 1\n  limit: 10\nthreshold: 0.5\n");

        var result = await project.RunAsync("run", "--params", value);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(project.Exists("data/02_output/total.txt"));
    }

    [Fact]
    public async Task Run_WithParamsIntegerBeyond64BitsForAnInt_FailsSayingItIsOutOfRange()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run", "--params", "scale=123456789012345678901234");

        AssertFailedBeforeAnyNodeRan(result, "Error: Invalid value for scale: 123456789012345678901234. Expected a whole number (int), as node 'sum' declares for 'params:scale' (int): 123456789012345678901234 is out of range");
        Assert.False(project.Exists("data/02_output/total.txt"));
    }

    [Fact]
    public async Task Run_WithAParamsKeyNothingUses_WarnsWithACloseMatchAndRuns()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run", "--params", "scal=3");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(
            "WARNING  Parameter 'scal' given with '--params' is not used: no node to run takes it and no parameter file declares it. Did you mean 'scale'?",
            result.Output,
            StringComparison.Ordinal);
        Assert.Equal("20", project.Read("data/02_output/total.txt"));
    }

    [Fact]
    public async Task Run_WithAParamsKeyReadByTheCatalog_DoesNotWarn()
    {
        using var project = new CliTestProject();
        project.Write("conf/base/catalog.yml", CliTestProject.Catalog.Replace("data/02_output/total.txt", "data/02_output/${runtime_params:out_name}.txt", StringComparison.Ordinal));

        var result = await project.RunAsync("run", "--params", "out_name=sum");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("is not used", result.Output, StringComparison.Ordinal);
        Assert.Equal("20", project.Read("data/02_output/sum.txt"));
    }

    [Fact]
    public async Task Run_WithLoadVersionsForADatasetNotVersioned_FailsSayingSo()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run", "--load-versions", "total:2026-01-01T00.00.00.000Z");

        AssertFailedBeforeAnyNodeRan(
            result,
            "Error: 'load_versions' names a dataset that is not versioned: 'total'. A version can only be loaded from a dataset whose catalog entry sets 'versioned: true'");
        Assert.Contains("The entry is in 'conf/base/catalog.yml', line 4.", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("credentials: db", "db: postgresql://scott@localhost/test\n",
        "Error: The credentials 'db' that dataset 'numbers' refers to are the text 'postgresql://scott@localhost/test', but must be a mapping")]
    [InlineData("credentials: db", "db:\n  - scott\n  - tiger\n",
        "Error: The credentials 'db' that dataset 'numbers' refers to are a list, but must be a mapping")]
    [InlineData("credentials: [scott, tiger]", "db:\n  con: x\n",
        "Error: The credentials of dataset 'numbers' are a list, but must be a mapping")]
    public async Task Run_WithCredentialsThatAreNotAMapping_FailsSayingSoAndWhere(string reference, string credentials, string message)
    {
        using var project = new CliTestProject();
        project.Write("conf/base/catalog.yml", CliTestProject.Catalog.Replace(
            "filepath: data/01_raw/numbers.txt", "filepath: data/01_raw/numbers.txt\n  " + reference, StringComparison.Ordinal));
        project.Write("conf/local/credentials.yml", credentials);

        var result = await project.RunAsync("run");

        AssertFailedBeforeAnyNodeRan(result, message);
        Assert.Contains("Write them as a mapping under their name in credentials.yml", result.Error, StringComparison.Ordinal);
        Assert.Contains("The entry is in 'conf/base/catalog.yml', line 1.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithAnArgumentTheDatasetDoesNotTake_FailsWithOneCleanMessage()
    {
        using var project = new CliTestProject();
        project.Write("conf/base/catalog.yml", CliTestProject.Catalog.Replace(
            "filepath: data/01_raw/numbers.txt", "filepath: data/01_raw/numbers.txt\n  bogus: 1", StringComparison.Ordinal));

        var result = await project.RunAsync("run");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Dataset 'numbers' must only contain arguments valid for the constructor of", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Error: \n", result.Error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("..", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad", "Invalid format of `params` option: Item `bad` must contain a key and a value separated by `=`.")]
    [InlineData("foo=bar,bad", "Invalid format of `params` option: Item `bad` must contain a key and a value separated by `=`.")]
    [InlineData("=value", "Invalid format of `params` option: Parameter key cannot be an empty string.")]
    [InlineData(" =value", "Invalid format of `params` option: Parameter key cannot be an empty string.")]
    public async Task Run_WithMalformedParams_IsAUsageError(string value, string message)
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run", "--params", value);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Error: " + message, result.Error.Trim());
    }

    [Fact]
    public async Task Run_PipelineAndPipelinesTogether_Fails()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run", "--pipeline", "reporting", "--pipelines", "data_processing");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Options '--pipeline' and '--pipelines' cannot be used together", result.Error);
    }

    [Fact]
    public async Task Run_Pipelines_CombinesAndDeduplicatesThem()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run", "--pipelines", "data_processing,extra,data_processing");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["count", "parse", "sum"], result.NodesRun.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_UnknownPipeline_FailsWithSuggestion()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run", "-p", "reportin");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Error: Failed to find the pipeline named 'reportin'.", result.Error);
        Assert.Contains("    reporting", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Theory]
    [InlineData(new[] { "--tags", "prep, model" }, new[] { "parse", "sum" })]
    [InlineData(new[] { "-t", "prep", "-t", "report" }, new[] { "parse", "report" })]
    [InlineData(new[] { "--nodes", "parse,sum" }, new[] { "parse", "sum" })]
    [InlineData(new[] { "--from-nodes", "parse" }, new[] { "parse", "sum", "report" })]
    [InlineData(new[] { "--to-nodes", "sum" }, new[] { "parse", "sum" })]
    [InlineData(new[] { "--to-outputs", "total" }, new[] { "parse", "sum" })]
    [InlineData(new[] { "--from-inputs", "total" }, new[] { "report" })]
    [InlineData(new[] { "--pipelines", "__default__,extra", "-ns", "extra" }, new[] { "count" })]
    public async Task Run_WithSelector_RunsOnlyTheSelectedNodes(string[] selector, string[] expected)
    {
        using var project = new CliTestProject();
        project.Write("data/02_output/total.txt", "5");

        var result = await project.RunAsync(["run", .. selector]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, result.NodesRun);
    }

    [Fact]
    public async Task Run_FiltersLeavingNothing_FailsWithKedrosMessage()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run", "--tags", "prep", "--nodes", "report");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Error: Pipeline contains no nodes after applying all provided filters.", result.Error);
    }

    [Theory]
    [InlineData("--nodes", "parse,sum,parse")]
    [InlineData("--from-nodes", "parse,parse")]
    [InlineData("--to-nodes", "sum,sum")]
    public async Task Run_WhenANodeIsNamedTwice_FailsWithKedrosDuplicateNameMessage(string option, string value)
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run", option, value);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Error: Pipeline nodes must have unique names. The following node names appear more than once:", result.Error);
        Assert.Contains("Free nodes:\n  - " + value.Split(',')[0] + "\n", result.Error.ReplaceLineEndings("\n"));
        Assert.Empty(result.NodesRun);
    }

    [Fact]
    public async Task Run_WithEnv_ReadsThatEnvironment()
    {
        using var project = new CliTestProject();
        project.Write("conf/prod/parameters.yml", "scale: 10\n");

        var result = await project.RunAsync("run", "--env", "prod");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("100", project.Read("data/02_output/total.txt"));
    }

    [Fact]
    public async Task Run_WithMissingEnv_FailsNamingTheFolder()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run", "-e", "staging");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Error: Given configuration path either does not exist or is not a valid directory", result.Error);
        Assert.Contains("staging", result.Error);
    }

    [Fact]
    public async Task Run_WithConfSource_ReadsThatFolder()
    {
        using var project = new CliTestProject();
        project.Write("alternate_conf/base/catalog.yml", CliTestProject.Catalog);
        project.Write("alternate_conf/base/parameters.yml", "scale: 7\nnested:\n  offset: 0\n");
        Directory.CreateDirectory(Path.Combine(project.Path, "alternate_conf", "local"));

        var result = await project.RunAsync("run", "--conf-source", Path.Combine(project.Path, "alternate_conf"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("70", project.Read("data/02_output/total.txt"));
    }

    [Fact]
    public async Task Run_WithMissingConfSource_IsAUsageError()
    {
        using var project = new CliTestProject();
        var missing = Path.Combine(project.Path, "nonexistent_dir");

        var result = await project.RunAsync("run", "--conf-source", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"Error: Invalid value for '--conf-source': Path '{missing}' does not exist.", result.Error.Trim());
    }

    [Theory]
    [InlineData("2020-05-12T12.00.00", "Error: Expected the form of 'load_versions' to be 'dataset_name:YYYY-MM-DDThh.mm.ss.sssZ',found 2020-05-12T12.00.00 instead")]
    [InlineData("total:../escape", "Error: Version string '../escape' is not allowed.")]
    [InlineData("total:..", "Error: Version string '..' is not allowed.")]
    public async Task Run_WithBadLoadVersions_Fails(string value, string message)
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run", "--load-versions", value);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(message, result.Error);
    }

    [Fact]
    public async Task Run_VersionedOutput_SavesUnderTheSessionIdAndLoadsAGivenVersion()
    {
        using var project = new CliTestProject();
        project.Write("conf/local/catalog.yml", "total:\n  type: text.TextDataset\n  filepath: data/02_output/total.txt\n  versioned: true\n");
        project.Write("data/02_output/total.txt/2020-01-01T00.00.00.000Z/total.txt", "1000");

        var first = await project.RunAsync("run", "--pipelines", "data_processing");
        var versions = Directory.GetDirectories(Path.Combine(project.Path, "data/02_output/total.txt")).Select(Path.GetFileName).Order().ToList();
        var second = await project.RunAsync("run", "--pipelines", "reporting", "-lv", "total:2020-01-01T00.00.00.000Z");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(2, versions.Count);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d\.\d\d\.\d\d\.\d{3}Z$", versions[1]);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("1001", project.Read("data/03_reports/summary.json"));
    }

    [Theory]
    [InlineData("SequentialRunner")]
    [InlineData("ThreadRunner")]
    [InlineData("kedro.runner.ThreadRunner")]
    [InlineData("ParallelRunner")]
    public async Task Run_WithRunner_RunsEveryNode(string runner)
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run", "--runner", runner, "--runner-params", "max_workers=2");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["parse", "report", "sum"], result.NodesRun.Order(StringComparer.Ordinal));
        Assert.Equal("20", project.Read("data/02_output/total.txt"));
    }

    [Fact]
    public async Task Run_WithUnknownRunner_IsAUsageErrorListingRunners()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run", "-r", "MagicRunner");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Runner 'MagicRunner' is not known. Use one of: SequentialRunner, ThreadRunner, ParallelRunner.", result.Error);
    }

    [Fact]
    public async Task Run_Async_LogsAsynchronousMode()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run", "--async");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Asynchronous mode is enabled for loading and saving data.", result.Output);
    }

    [Fact]
    public async Task Run_AsyncWithIsAsyncFalse_Fails()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run", "--async", "--runner-params", "is_async=false");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Options '--async' and '--runner-params=is_async=False' cannot be used together.", result.Error);
    }

    [Fact]
    public async Task Run_RunnerParamsWithoutValue_IsAUsageError()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run", "--runner-params", "max_workers");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Invalid format of `runner_params` option: Item `max_workers` must contain a key and a value separated by `=`.", result.Error);
    }

    [Fact]
    public async Task Run_OnlyMissingOutputsTwice_SkipsEverythingTheSecondTime()
    {
        using var project = new CliTestProject();

        var first = await project.RunAsync("run", "--only-missing-outputs");
        var second = await project.RunAsync("run", "--only-missing-outputs");

        Assert.Equal(["parse", "sum", "report"], first.NodesRun);
        Assert.Equal(0, second.ExitCode);
        Assert.Empty(second.NodesRun);
        Assert.Contains("Skipping all 3 nodes (all persistent outputs exist)", second.Output);
    }

    [Fact]
    public async Task Run_WhenANodeFails_ExitsOneWithTheErrorAndSuggestsResume()
    {
        using var project = new CliTestProject();
        project.Write("data/01_raw/numbers.txt", "1\nnot a number\n");

        var result = await project.RunAsync("run");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error: ", result.Error);
        Assert.Contains("not a number", result.Error + result.Output);
        Assert.Contains("ERROR    Node parse: Parse([numbers]) -> [values] failed with error", result.Output);
        Assert.Contains("No nodes ran. Repeat the previous command to attempt a new run.", result.Output);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Run_WhenALaterNodeFails_SuggestsResumingFromIt()
    {
        using var project = new CliTestProject();
        project.Write("conf/base/parameters.yml", "scale: 2\nnested:\n  offset: not_a_number\n");

        var result = await project.RunAsync("run");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--from-nodes \"report\"", result.Output);
    }

    [Fact]
    public async Task Run_Verbose_ShowsDebugLinesAndTheStackTrace()
    {
        using var project = new CliTestProject();
        project.Write("data/01_raw/numbers.txt", "x\n");

        var result = await project.RunAsync("run", "--verbose");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("DEBUG", result.Output);
        Assert.Contains("   at ", result.Error);
    }

    [Fact]
    public async Task Run_Cancelled_ExitsWith130()
    {
        using var project = new CliTestProject();
        using var cancellation = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new Dictionary<string, Pipeline>
        {
            ["__default__"] = new Pipeline([Node.Create(
                async (string numbers, CancellationToken token) =>
                {
                    started.TrySetResult();
                    await Task.Delay(TimeSpan.FromMinutes(1), token);
                    return numbers;
                },
                "numbers",
                "copy",
                name: "slow")]),
        };

        var run = project.RunAsync(["run"], p => p.AddPipelines(() => slow), cancellation.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(130, result.ExitCode);
        Assert.Contains("Aborted!", result.Error);
    }

    [Fact]
    public async Task Run_WithUserHooks_FiresThemAroundTheRun()
    {
        using var project = new CliTestProject();
        var hooks = new PipelineHooks();

        var result = await project.RunAsync(["run", "--nodes", "parse"], p => p.AddHooks(hooks), CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["before", "after"], hooks.Calls);
    }

    [Fact]
    public async Task Run_UnknownOption_IsAUsageError()
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync("run", "--frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--frobnicate", result.Error);
        Assert.Contains("--help", result.Error);
    }

    [Fact]
    public async Task Run_OutsideAProject_ExitsOneExplainingHowToFindIt()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await KedroProject.RunAsync(
            ["run"],
            p => p.AddPipelines(CliTestProject.Pipelines).WithConsole(output, error)
                .ConfigureSettings(static s => s.ConfSource = "conf-folder-that-does-not-exist"));

        Assert.Equal(1, code);
        Assert.StartsWith("Error: Could not find a Kedro project", error.ToString());
    }

    private sealed class PipelineHooks : IPipelineHooks
    {
        public List<string> Calls { get; } = [];

        public void BeforePipelineRun(RunParams runParams, Pipeline pipeline, Kedro.IO.DataCatalog catalog) => Calls.Add("before");

        public void AfterPipelineRun(RunParams runParams, IReadOnlyDictionary<string, Kedro.IO.IDataset> runResult, Pipeline pipeline, Kedro.IO.DataCatalog catalog) =>
            Calls.Add("after");
    }

    private static void AssertFailedBeforeAnyNodeRan(CliResult result, string error)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(error, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.NodesRun);
    }
}
