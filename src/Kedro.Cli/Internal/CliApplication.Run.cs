using System.CommandLine;
using Kedro.Framework;

namespace Kedro.Cli.Internal;

/// <summary>The <c>run</c> command.</summary>
internal sealed partial class CliApplication
{
    private Command CreateRunCommand()
    {
        var fromInputs = CliOptions.List("--from-inputs", null,
            "A list of dataset names which should be used as a starting point: run the nodes that consume them and everything downstream.", "datasets");
        var toOutputs = CliOptions.List("--to-outputs", null,
            "A list of dataset names which should be used as an end point: run the nodes that produce them and everything upstream.", "datasets");
        var fromNodes = CliOptions.List("--from-nodes", null,
            "A list of node names which should be used as a starting point: run them and everything downstream.", "nodes");
        var toNodes = CliOptions.List("--to-nodes", null,
            "A list of node names which should be used as an end point: run them and everything upstream.", "nodes");
        var nodes = CliOptions.List("--nodes", "-n", "Run only nodes with specified names.", "nodes");
        var runner = new Option<string?>("--runner", "-r")
        {
            Description = $"Specify a runner that you want to run the pipeline with. Available runners: {string.Join(", ", _builder.Runners.Names.Select(static n => "'" + n + "'"))}. Defaults to 'SequentialRunner'.",
            HelpName = "name",
        };
        var isAsync = new Option<bool>("--async")
        {
            Description = "Load and save node inputs and outputs asynchronously. If not specified, load and save datasets synchronously.",
        };
        var runnerParams = CliOptions.List("--runner-params", null,
            "Arguments of the runner as key=value pairs separated by commas: max_workers=4 (ThreadRunner, ParallelRunner), is_async=true.", "key=value");
        var env = CliOptions.Env();
        var tags = CliOptions.List("--tags", "-t",
            "Construct the pipeline using only nodes which have this tag attached. Several tags (comma-separated or repeated) select nodes having any of them.", "tags");
        var loadVersions = CliOptions.List("--load-versions", "-lv",
            "Specify a particular dataset version (timestamp) for loading, as dataset_name:YYYY-MM-DDThh.mm.ss.sssZ; several comma-separated.", "dataset:version");
        var pipeline = new Option<string?>("--pipeline", "-p")
        {
            Description = "Name of the registered pipeline to run. If not set, the '__default__' pipeline is run.",
            HelpName = "name",
        };
        var pipelines = CliOptions.List("--pipelines", null,
            "Comma-separated names of registered pipelines to run together (combined). Cannot be used with '--pipeline'.", "names");
        var namespaces = CliOptions.List("--namespaces", "-ns", "Run only nodes within these namespaces (comma-separated).", "namespaces");
        var confSource = CliOptions.ConfSource();
        var parameters = CliOptions.List("--params", null,
            "Specify extra parameters that you want to pass to the context initialiser. Items must be separated by comma, keys and " +
            "values by an equals sign, example: param1=value1,param2=value2. Each item is split at the first equals sign, so values " +
            "may contain '='. To pass a nested parameter, separate keys by '.', example: param_group.param1=value1. Values are typed " +
            "as in YAML (123 is a number, true a boolean, an empty value null).", "key=value");
        var onlyMissing = new Option<bool>("--only-missing-outputs")
        {
            Description = "Run only nodes with missing outputs. If all persistent outputs of a node exist, skip the node (nodes whose outputs are needed still run).",
        };

        var command = new Command("run", "Run the pipeline.")
        {
            fromInputs, toOutputs, fromNodes, toNodes, nodes, runner, isAsync, runnerParams, env, tags, loadVersions,
            pipeline, pipelines, namespaces, confSource, parameters, onlyMissing,
        };
        command.SetAction((parseResult, cancellationToken) => ExecuteAsync(parseResult, async () =>
        {
            var single = parseResult.GetValue(pipeline);
            var many = OptionParsers.SplitCommas(parseResult.GetValue(pipelines)).Distinct(StringComparer.Ordinal).ToList();
            if (single is not null && many.Count > 0)
            {
                throw CliErrors.PipelineAndPipelines();
            }

            var runtimeParams = OptionParsers.ParseParams(parseResult.GetValue(parameters));
            var runnerArguments = OptionParsers.ParseParams(parseResult.GetValue(runnerParams), "runner_params");
            var asyncFlag = parseResult.GetValue(isAsync);
            var (runnerAsync, maxWorkers, otherRunnerArguments) = RunnerSettings(runnerArguments, asyncFlag);
            var versions = OptionParsers.ParseLoadVersions(parseResult.GetValue(loadVersions));
            var conf = ResolveConfSource(parseResult.GetValue(confSource));
            var live = _interactive;
            var (settings, projectPath, logs) = Prepare(parseResult, live);
            var progress = new RunProgress(settings.TimeProvider);
            if (live)
            {
                settings.Hooks.Add(progress);
            }

            var selectedRunner = _builder.Runners.Create(
                parseResult.GetValue(runner) ?? "SequentialRunner",
                new RunnerContext(runnerAsync, maxWorkers, settings.LoggerFactory, settings.TimeProvider, projectPath, parseResult.GetValue(env), otherRunnerArguments));
            try
            {
                using var session = KedroSession.Create(settings, projectPath, parseResult.GetValue(env), runtimeParams, conf);
                var options = new RunOptions
                {
                    PipelineNames = single is not null ? [single] : many,
                    Tags = OptionParsers.SplitCommas(parseResult.GetValue(tags)),
                    Runner = selectedRunner,
                    NodeNames = OptionParsers.SplitCommasOutsideBrackets(parseResult.GetValue(nodes)),
                    FromNodes = OptionParsers.SplitCommasOutsideBrackets(parseResult.GetValue(fromNodes)),
                    ToNodes = OptionParsers.SplitCommasOutsideBrackets(parseResult.GetValue(toNodes)),
                    FromInputs = OptionParsers.SplitCommas(parseResult.GetValue(fromInputs)),
                    ToOutputs = OptionParsers.SplitCommas(parseResult.GetValue(toOutputs)),
                    LoadVersions = versions,
                    Namespaces = OptionParsers.SplitCommasOutsideBrackets(parseResult.GetValue(namespaces)),
                    OnlyMissingOutputs = parseResult.GetValue(onlyMissing),
                };
                if (!live)
                {
                    await session.RunAsync(options, cancellationToken).ConfigureAwait(false);
                    return Success;
                }

                var console = CreateAnsiConsole();
                logs.Hold = true;
                // A runner may do all its work before its task is returned (SequentialRunner does), so the run goes
                // to the thread pool and this thread draws the view meanwhile.
                var run = Task.Run(() => session.RunAsync(options, cancellationToken), CancellationToken.None);
                try
                {
                    await LiveProgressView.ShowAsync(console, progress, run).ConfigureAwait(false);
                    await run.ConfigureAwait(false);
                }
                finally
                {
                    logs.Hold = false;
                    var snapshot = progress.Take();
                    if (snapshot.Durations.Count > 0)
                    {
                        console.Write(LiveProgressView.Summary(snapshot));
                    }
                }

                return Success;
            }
            finally
            {
                switch (selectedRunner)
                {
                    case IAsyncDisposable asyncDisposable:
                        await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                        break;
                    case IDisposable disposable:
                        disposable.Dispose();
                        break;
                }
            }
        }, cancellationToken));
        return command;
    }

    private static (bool IsAsync, int? MaxWorkers, Dictionary<string, object?> Others) RunnerSettings(Dictionary<string, object?> runnerArguments, bool asyncFlag)
    {
        var isAsync = asyncFlag;
        int? maxWorkers = null;
        var others = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in runnerArguments)
        {
            switch (key)
            {
                case "is_async":
                    var requested = value is true || (value is string s && bool.TryParse(s, out var parsed) && parsed);
                    if (asyncFlag && !requested)
                    {
                        throw CliErrors.AsyncAndIsAsyncFalse();
                    }

                    isAsync = requested;
                    break;
                case "max_workers":
                    maxWorkers = value is int workers && workers > 0
                        ? workers
                        : throw CliErrors.BadMaxWorkers(value);
                    break;
                default:
                    others[key] = value;
                    break;
            }
        }

        return (isAsync, maxWorkers, others);
    }
}
