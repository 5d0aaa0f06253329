using System.CommandLine;

namespace Kedro.Cli.Internal;

/// <summary>The <c>registry</c> commands.</summary>
internal sealed partial class CliApplication
{
    private Command CreateRegistryCommand()
    {
        var command = new Command("registry", "Inspect the project's pipeline registry.");

        var list = new Command("list", "List all pipelines defined in the project's pipeline registry.");
        list.SetAction((parseResult, cancellationToken) => ExecuteAsync(parseResult, async () =>
        {
            var settings = _builder.BuildSettings(projectName: null);
            var names = settings.Pipelines.Keys.Order(StringComparer.Ordinal).Cast<object?>().ToList();
            await _output.WriteAsync(YamlWriter.Write(names)).ConfigureAwait(false);
            return Success;
        }, cancellationToken));

        var name = new Argument<string>("name")
        {
            Description = "The name of the registered pipeline to describe. Defaults to '__default__'.",
            DefaultValueFactory = static _ => Framework.PipelineRegistry.DefaultPipelineName,
        };
        var describe = new Command("describe", "Describe a registered pipeline: the nodes it runs, in order, with their functions.")
        {
            name,
        };
        describe.SetAction((parseResult, cancellationToken) => ExecuteAsync(parseResult, async () =>
        {
            var settings = _builder.BuildSettings(projectName: null);
            var pipelineName = parseResult.GetValue(name) ?? Framework.PipelineRegistry.DefaultPipelineName;
            if (!settings.Pipelines.TryGetValue(pipelineName, out var pipeline))
            {
                throw CliErrors.PipelineNotFoundForRegistry(pipelineName, settings.Pipelines.Keys);
            }

            var nodes = pipeline.Nodes.Select(static n => (object?)$"{n.Name} ({FunctionName(n.Func)})").ToList();
            var result = new Dictionary<string, object?>(StringComparer.Ordinal) { ["Nodes"] = nodes };
            await _output.WriteAsync(YamlWriter.Write(result)).ConfigureAwait(false);
            return Success;
        }, cancellationToken));

        command.Subcommands.Add(list);
        command.Subcommands.Add(describe);
        return command;
    }

    private static string FunctionName(Delegate function)
    {
        var method = function.Method.Name;
        return method.Contains('<', StringComparison.Ordinal) ? "lambda" : method;
    }
}
