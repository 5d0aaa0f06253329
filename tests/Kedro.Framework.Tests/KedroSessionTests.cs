using Kedro.Config;
using Kedro.Framework.Tests.Support;
using Kedro.Hooks;
using Kedro.IO;
using Kedro.Runners;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Kedro.Framework.Tests;

public sealed class KedroSessionTests
{
    [Fact]
    public async Task RunAsync_DefaultPipeline_ReturnsFreeOutputComputedWithParameters()
    {
        using var project = ArithmeticProject.Create();
        using var session = KedroSession.Create(ArithmeticProject.Settings(), project.Path);

        var result = await session.RunAsync();

        Assert.Equal(["d"], result.Keys);
        Assert.Equal(30, result["d"].Load());
    }

    [Fact]
    public async Task RunAsync_WithRuntimeParams_MergesThemOverConfiguredParameters()
    {
        using var project = ArithmeticProject.Create();
        var runtime = new Dictionary<string, object?> { ["nested"] = new Dictionary<string, object?> { ["factor"] = 3 } };
        using var session = KedroSession.Create(ArithmeticProject.Settings(), project.Path, runtimeParams: runtime);

        var result = await session.RunAsync();

        Assert.Equal(45, result["d"].Load());
        var parameters = session.LoadContext().Params;
        Assert.Equal(5, Assert.IsType<Dictionary<string, object?>>(parameters["nested"])["other"]);
    }

    [Fact]
    public async Task RunAsync_WithEnv_ReadsThatEnvironmentOverBase()
    {
        using var project = ArithmeticProject.Create();
        project.Write("conf/prod/parameters.yml", "b: 100\n");
        var runtime = new Dictionary<string, object?> { ["nested"] = new Dictionary<string, object?> { ["factor"] = 3 } };
        using var session = KedroSession.Create(ArithmeticProject.Settings(), project.Path, env: "prod", runtimeParams: runtime);

        var result = await session.RunAsync();

        Assert.Equal(330, result["d"].Load());
        Assert.Equal("prod", session.LoadContext().Env);
    }

    [Fact]
    public async Task RunAsync_WithUnknownEnv_FailsNamingTheMissingFolder()
    {
        using var project = ArithmeticProject.Create();
        using var session = KedroSession.Create(ArithmeticProject.Settings(), project.Path, env: "nowhere");

        var error = await Assert.ThrowsAsync<MissingConfigException>(() => session.RunAsync());

        Assert.Contains("Given configuration path either does not exist or is not a valid directory", error.Message);
        Assert.Contains("nowhere", error.Message);
    }

    [Fact]
    public async Task RunAsync_SecondRunAfterSuccess_ThrowsKedroSessionErrorAndRunsOnce()
    {
        using var project = ArithmeticProject.Create();
        var hooks = new RecordingHooks();
        using var session = KedroSession.Create(ArithmeticProject.Settings(hooks), project.Path);
        await session.RunAsync();

        var error = await Assert.ThrowsAsync<KedroSessionException>(() => session.RunAsync());

        Assert.Equal(
            "A run has already been completed as part of the active KedroSession. KedroSession has a 1-1 mapping with runs, and thus only one run should be executed per session.",
            error.Message);
        Assert.Single(hooks.Calls, c => c == "before_pipeline_run");
        Assert.Single(hooks.Calls, c => c == "after_pipeline_run");
    }

    [Fact]
    public async Task RunAsync_AfterFailedRun_CanRunAgainAndFiresErrorHookOnce()
    {
        using var project = ArithmeticProject.Create();
        var hooks = new RecordingHooks();
        using var session = KedroSession.Create(ArithmeticProject.Settings(hooks), project.Path);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => session.RunAsync(new RunOptions { NodeNames = ["scale_node"] }));
        var result = await session.RunAsync();

        Assert.Contains("Pipeline input(s) {'c'} not found", error.Message);
        Assert.Same(error, Assert.Single(hooks.PipelineErrors));
        Assert.Single(hooks.Calls, c => c == "after_pipeline_run");
        Assert.Equal(30, result["d"].Load());
    }

    [Fact]
    public async Task RunAsync_UnknownPipeline_SuggestsCloseNames()
    {
        using var project = ArithmeticProject.Create();
        using var session = KedroSession.Create(ArithmeticProject.Settings(), project.Path);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => session.RunAsync(new RunOptions { PipelineNames = ["__defult__"] }));

        Assert.Equal(
            "Failed to find the pipeline named '__defult__'. It needs to be generated and returned by the 'register_pipelines' function. Did you mean one of these instead?\n    __default__",
            error.Message);
    }

    [Fact]
    public async Task RunAsync_UnknownPipelineWithoutCloseMatch_EndsWithTrailingSpace()
    {
        using var project = ArithmeticProject.Create();
        using var session = KedroSession.Create(ArithmeticProject.Settings(), project.Path);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => session.RunAsync(new RunOptions { PipelineNames = ["doesnotexist"] }));

        Assert.Equal(
            "Failed to find the pipeline named 'doesnotexist'. It needs to be generated and returned by the 'register_pipelines' function. ",
            error.Message);
    }

    [Theory]
    [InlineData("pipeline", "other", "e", 15)]
    [InlineData("tags", "t1", "c", 15)]
    [InlineData("to_outputs", "c", "c", 15)]
    [InlineData("to_nodes", "add_node", "c", 15)]
    [InlineData("namespaces", "", "d", 30)]
    public async Task RunAsync_WithFilter_RunsTheSelectedNodes(string kind, string value, string output, int expected)
    {
        using var project = ArithmeticProject.Create();
        using var session = KedroSession.Create(ArithmeticProject.Settings(), project.Path);
        var options = kind switch
        {
            "pipeline" => new RunOptions { PipelineNames = [value] },
            "tags" => new RunOptions { Tags = [value] },
            "to_outputs" => new RunOptions { ToOutputs = [value] },
            "to_nodes" => new RunOptions { ToNodes = [value] },
            _ => new RunOptions { Namespaces = [] },
        };

        var result = await session.RunAsync(options);

        Assert.Equal(expected, result[output].Load());
    }

    [Fact]
    public async Task RunAsync_FromInputs_RunsDownstreamOfTheDatasetProvidedByAHook()
    {
        using var project = ArithmeticProject.Create();
        var settings = ArithmeticProject.Settings(new SeedHook("c", 15));
        using var session = KedroSession.Create(settings, project.Path);

        var result = await session.RunAsync(new RunOptions { FromInputs = ["c"] });

        Assert.Equal(30, result["d"].Load());
    }

    [Fact]
    public async Task RunAsync_UnknownNodeName_ReportsIt()
    {
        using var project = ArithmeticProject.Create();
        using var session = KedroSession.Create(ArithmeticProject.Settings(), project.Path);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => session.RunAsync(new RunOptions { NodeNames = ["zzz"] }));

        Assert.StartsWith("Pipeline does not contain nodes named ['zzz'].", error.Message);
    }

    [Fact]
    public async Task RunAsync_FiltersLeavingNoNode_FailsWithKedrosMessage()
    {
        using var project = ArithmeticProject.Create();
        using var session = KedroSession.Create(ArithmeticProject.Settings(), project.Path);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            session.RunAsync(new RunOptions { Tags = ["t1"], NodeNames = ["scale_node"] }));

        Assert.StartsWith("Pipeline contains no nodes after applying all provided filters.", error.Message);
    }

    [Fact]
    public async Task RunAsync_FiresContextCatalogPipelineAndNodeHooksInKedrosOrder()
    {
        using var project = ArithmeticProject.Create();
        var hooks = new RecordingHooks();
        using var session = KedroSession.Create(ArithmeticProject.Settings(hooks), project.Path);

        await session.RunAsync();

        Assert.Equal(
            [
                "after_context_created", "after_catalog_created", "before_pipeline_run",
                "before_node_run:add_node", "after_node_run:add_node",
                "before_node_run:scale_node", "after_node_run:scale_node",
                "after_pipeline_run",
            ],
            hooks.Calls);
        Assert.IsType<KedroContext>(hooks.Context);
        Assert.Equal(["d"], hooks.RunResult!.Keys);
    }

    [Fact]
    public async Task RunAsync_RunParams_RecordWhatWasAsked()
    {
        using var project = ArithmeticProject.Create();
        var hooks = new RecordingHooks();
        using var session = KedroSession.Create(ArithmeticProject.Settings(hooks), project.Path);

        await session.RunAsync(new RunOptions { Tags = ["t1"], Runner = new ThreadRunner(), OnlyMissingOutputs = true });

        var runParams = Assert.Single(hooks.RunParams);
        Assert.Equal(session.SessionId, runParams.RunId);
        Assert.Equal(project.Path.Replace('\\', '/'), runParams.ProjectPath);
        Assert.Null(runParams.Env);
        Assert.Equal(["t1"], runParams.Tags);
        Assert.Null(runParams.PipelineNames);
        Assert.Equal("ThreadRunner", runParams.Runner);
        Assert.True(runParams.OnlyMissingOutputs);
        Assert.Empty(runParams.RuntimeParams);
    }

    [Fact]
    public async Task RunAsync_CatalogHookDuringRun_GetsTheSessionIdAsSaveVersion()
    {
        using var project = ArithmeticProject.Create();
        project.Write("conf/local/catalog.yml", "archive:\n  type: MemoryDataset\n  versioned: true\n");   // versioned, never loaded
        var hooks = new RecordingHooks();
        using var session = KedroSession.Create(ArithmeticProject.Settings(hooks), project.Path);

        await session.RunAsync(new RunOptions { LoadVersions = new Dictionary<string, string> { ["archive"] = "x" } });

        var created = Assert.Single(hooks.CatalogCreated);
        Assert.Equal(session.SessionId, created.SaveVersion);
        Assert.Equal("x", created.LoadVersions!["archive"]);
        Assert.Equal(5, created.Parameters["b"]);
    }

    [Fact]
    public async Task RunAsync_LoadVersionForUnknownDataset_Fails()
    {
        using var project = ArithmeticProject.Create();
        using var session = KedroSession.Create(ArithmeticProject.Settings(), project.Path);

        var error = await Assert.ThrowsAnyAsync<DatasetException>(() =>
            session.RunAsync(new RunOptions { LoadVersions = new Dictionary<string, string> { ["nope"] = "2020-01-01T00.00.00.000Z" } }));

        Assert.Contains("'load_versions' keys [nope] are not found in the catalog.", error.Message);
    }

    [Fact]
    public void Create_SessionId_IsKedrosTimestampFromTheClock()
    {
        using var project = ArithmeticProject.Create();
        var settings = ArithmeticProject.Settings();
        settings.TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero));

        using var session = KedroSession.Create(settings, project.Path);

        Assert.Equal("2026-01-02T03.04.05.678Z", session.SessionId);
        Assert.Equal(session.SessionId, session.Store["session_id"]);
        Assert.False(session.Store.ContainsKey("env"));
        Assert.False(session.Store.ContainsKey("runtime_params"));
    }

    [Fact]
    public void Create_WithEnvAndRuntimeParams_RecordsThemInTheStore()
    {
        using var project = ArithmeticProject.Create();
        var runtime = new Dictionary<string, object?> { ["x"] = 1 };

        using var session = KedroSession.Create(ArithmeticProject.Settings(), project.Path, env: "local", runtimeParams: runtime);

        Assert.Equal("local", session.Store["env"]);
        Assert.Equal(1, ((IReadOnlyDictionary<string, object?>)session.Store["runtime_params"]!)["x"]);
        Assert.Equal(project.Path, session.Store["project_path"]);
    }

    [Fact]
    public void Create_HookRegisteredAsType_FailsWithKedrosMessage()
    {
        var settings = ArithmeticProject.Settings();
        settings.Hooks.Add(typeof(RecordingHooks));

        var error = Assert.Throws<ArgumentException>(() => KedroSession.Create(settings, Path.GetTempPath()));

        Assert.StartsWith("KedroSession expects hooks to be registered as instances.", error.Message);
    }

    [Fact]
    public async Task RunAsync_LogsKedroProjectLine()
    {
        using var project = ArithmeticProject.Create();
        var logs = new ListLogger();
        var settings = ArithmeticProject.Settings();
        settings.LoggerFactory = logs.Factory;
        using var session = KedroSession.Create(settings, project.Path);

        await session.RunAsync();

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message == "Kedro project arithmetic");
        Assert.Contains("Running node: add_node: Add([a;params:b]) -> [c]", logs.Messages);
        Assert.Contains("Completed 2 out of 2 tasks", logs.Messages);
    }

    [Fact]
    public async Task RunAsync_Cancelled_FiresErrorHookAndThrows()
    {
        using var project = ArithmeticProject.Create();
        var hooks = new RecordingHooks();
        using var session = KedroSession.Create(ArithmeticProject.Settings(hooks), project.Path);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.RunAsync(cancellationToken: cancellation.Token));

        Assert.Single(hooks.PipelineErrors);
        Assert.DoesNotContain("after_pipeline_run", hooks.Calls);
    }

    [Fact]
    public void Run_Synchronous_ReturnsTheSameResult()
    {
        using var project = ArithmeticProject.Create();
        using var session = KedroSession.Create(ArithmeticProject.Settings(), project.Path);

        var result = session.Run();

        Assert.Equal(30, result["d"].Load());
    }

    private sealed class SeedHook(string name, object value) : ICatalogHooks
    {
        public void AfterCatalogCreated(
            DataCatalog catalog,
            IReadOnlyDictionary<string, object?> confCatalog,
            IReadOnlyDictionary<string, object?> confCreds,
            IReadOnlyDictionary<string, object?> parameters,
            string? saveVersion,
            IReadOnlyDictionary<string, string>? loadVersions) => catalog.Set(name, value);
    }
}
