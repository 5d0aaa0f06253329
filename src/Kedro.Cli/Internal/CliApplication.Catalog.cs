using System.CommandLine;
using Kedro.Framework;
using Kedro.IO;
using Kedro.Pipelines;

namespace Kedro.Cli.Internal;

/// <summary>The <c>catalog</c> commands (Kedro 1.x: <c>describe-datasets</c>, <c>list-patterns</c>, <c>resolve-patterns</c>).</summary>
internal sealed partial class CliApplication
{
    private Command CreateCatalogCommand()
    {
        var command = new Command("catalog", "Inspect the project's data catalog.");

        var describeEnv = CliOptions.Env();
        var describePipelines = CliOptions.List("--pipeline", "-p",
            "Names of the pipelines to describe (comma-separated). Defaults to every registered pipeline.", "names");
        var describe = new Command("describe-datasets",
            "Describe the datasets each pipeline uses, grouped by type: those configured in the catalog ('datasets'), those " +
            "resolved from dataset factory patterns ('factories') and those created at run time ('defaults'). Parameters are left out.")
        {
            describeEnv, describePipelines,
        };
        describe.Aliases.Add("list");
        describe.SetAction((parseResult, cancellationToken) => ExecuteAsync(parseResult, async () =>
        {
            var (catalog, registry) = LoadCatalog(parseResult, parseResult.GetValue(describeEnv));
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (name, pipeline) in SelectPipelines(registry, parseResult.GetValue(describePipelines)))
            {
                result[name] = DescribeDatasets(catalog, pipeline);
            }

            await _output.WriteAsync(YamlWriter.Write(result)).ConfigureAwait(false);
            return Success;
        }, cancellationToken));

        var patternsEnv = CliOptions.Env();
        var listPatterns = new Command("list-patterns",
            "List the dataset factory patterns of the catalog in the order they are matched, then the catch-all and run-time patterns.")
        {
            patternsEnv,
        };
        listPatterns.SetAction((parseResult, cancellationToken) => ExecuteAsync(parseResult, async () =>
        {
            var (catalog, _) = LoadCatalog(parseResult, parseResult.GetValue(patternsEnv));
            await _output.WriteAsync(YamlWriter.Write(catalog.ConfigResolver.ListPatterns().ToList())).ConfigureAwait(false);
            return Success;
        }, cancellationToken));

        var resolveEnv = CliOptions.Env();
        var resolvePipelines = CliOptions.List("--pipeline", "-p",
            "Names of the pipelines whose datasets are resolved (comma-separated). Defaults to every registered pipeline.", "names");
        var resolve = new Command("resolve-patterns",
            "Show the configuration of every dataset: the catalog's explicit entries and, for each dataset the pipelines use, the " +
            "configuration its matching factory pattern resolves to. Credentials are shown by reference, never by value.")
        {
            resolveEnv, resolvePipelines,
        };
        resolve.SetAction((parseResult, cancellationToken) => ExecuteAsync(parseResult, async () =>
        {
            var (catalog, registry) = LoadCatalog(parseResult, parseResult.GetValue(resolveEnv));
            var result = ResolvePatterns(catalog, SelectPipelines(registry, parseResult.GetValue(resolvePipelines)).Select(static p => p.Pipeline));
            await _output.WriteAsync(YamlWriter.Write(result)).ConfigureAwait(false);
            return Success;
        }, cancellationToken));

        command.Subcommands.Add(describe);
        command.Subcommands.Add(listPatterns);
        command.Subcommands.Add(resolve);
        return command;
    }

    private (DataCatalog Catalog, PipelineRegistry Registry) LoadCatalog(ParseResult parseResult, string? env)
    {
        var (settings, projectPath, _) = Prepare(parseResult, liveView: false);
        using var session = KedroSession.Create(settings, projectPath, env);
        return (session.LoadContext().Catalog, settings.Pipelines);
    }

    private static List<(string Name, Pipeline Pipeline)> SelectPipelines(PipelineRegistry registry, string[]? requested)
    {
        var names = OptionParsers.SplitCommas(requested);
        if (names.Count == 0)
        {
            return registry.Select(static p => (p.Key, p.Value)).ToList();
        }

        return names.Distinct(StringComparer.Ordinal)
            .Select(name => registry.TryGetValue(name, out var pipeline)
                ? (name, pipeline)
                : throw CliErrors.PipelineNotFoundForCatalog(name, registry.Keys))
            .ToList();
    }

    private static Dictionary<string, object?> DescribeDatasets(DataCatalog catalog, Pipeline pipeline)
    {
        var explicitNames = new List<string>();
        var factories = new List<string>();
        var defaults = new List<string>();
        var configured = new HashSet<string>(catalog.Keys, StringComparer.Ordinal);
        foreach (var name in pipeline.Datasets().Order(StringComparer.Ordinal))
        {
            if (IsParameter(name))
            {
                continue;
            }

            if (configured.Contains(name))
            {
                explicitNames.Add(name);
            }
            else if (catalog.ConfigResolver.MatchDatasetPattern(name) is not null || catalog.ConfigResolver.MatchUserCatchAllPattern(name) is not null)
            {
                factories.Add(name);
            }
            else
            {
                defaults.Add(name);
            }
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        AddGroup("datasets", explicitNames);
        AddGroup("factories", factories);
        AddGroup("defaults", defaults);
        return result;

        void AddGroup(string key, List<string> names)
        {
            if (names.Count == 0)
            {
                return;
            }

            var byType = new SortedDictionary<string, object?>(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var type = catalog.GetDatasetType(name) ?? typeof(MemoryDataset).FullName!;
                if (!byType.TryGetValue(type, out var list))
                {
                    list = new List<object?>();
                    byType[type] = list;
                }

                ((List<object?>)list!).Add(name);
            }

            result[key] = byType;
        }
    }

    private static Dictionary<string, object?> ResolvePatterns(DataCatalog catalog, IEnumerable<Pipeline> pipelines)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, config) in catalog.ConfigResolver.Config)
        {
            if (!IsParameter(name))
            {
                result[name] = CatalogConfigResolver.UnresolveCredentials(name + "_credentials", config).Config;
            }
        }

        var used = new SortedSet<string>(pipelines.SelectMany(static p => p.Datasets()), StringComparer.Ordinal);
        foreach (var name in used)
        {
            if (result.ContainsKey(name) || IsParameter(name))
            {
                continue;
            }

            if (catalog.ConfigResolver.MatchDatasetPattern(name) is not null || catalog.ConfigResolver.MatchUserCatchAllPattern(name) is not null)
            {
                result[name] = CatalogConfigResolver.UnresolveCredentials(name + "_credentials", catalog.ConfigResolver.ResolvePattern(name)).Config;
            }
        }

        return result;
    }

    private static bool IsParameter(string name) => name == "parameters" || name.StartsWith("params:", StringComparison.Ordinal);
}
