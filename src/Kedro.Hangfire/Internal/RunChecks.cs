using System.Text;
using Kedro.IO;
using Kedro.Pipelines;

namespace Kedro.Hangfire.Internal;

/// <summary>
/// HangfireRunner's checks before anything runs: every dataset and node of the run must be something a worker process
/// re-creates from the project itself, since a job carries only the run id, the pipeline name and the node name. Each
/// check lists all offenders at once.
/// </summary>
internal static class RunChecks
{
    /// <summary>
    /// Refuses datasets a worker cannot reach: datasets added to the catalog in code (other than parameters and empty
    /// memory datasets, which become files in the run folder), memory datasets declared in the catalog configuration
    /// (their value would stay in one process), and single-process datasets.
    /// </summary>
    /// <param name="pipeline">The pipeline that runs.</param>
    /// <param name="project">The catalog handed to the runner (the project's).</param>
    /// <param name="run">The run's catalog.</param>
    /// <exception cref="DatasetException">Some datasets cannot be used; the message names each and says why.</exception>
    public static void CheckDatasets(Pipeline pipeline, DataCatalog project, DataCatalog run)
    {
        var offenders = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in pipeline.Datasets())
        {
            if (WhyNotReachable(name, project, run) is { } reason)
            {
                offenders[name] = reason;
            }
        }

        if (offenders.Count == 0)
        {
            return;
        }

        var message = new StringBuilder("The following datasets cannot be used with HangfireRunner: [")
            .AppendJoin(", ", offenders.Keys.Select(static n => "'" + n + "'"))
            .Append(']');
        foreach (var (name, reason) in offenders)
        {
            message.Append("\n  '").Append(name).Append("': ").Append(reason);
        }

        message.Append("\nHangfireRunner runs each node in a worker process that re-creates the catalog from the project's configuration: ")
            .Append("declare these datasets in the catalog configuration (conf/base/catalog.yml), or leave a name undeclared so its data ")
            .Append("is kept in the run folder under shared_root.");
        throw new DatasetException(message.ToString());
    }

    /// <summary>
    /// Refuses nodes a worker would not find as they are: every node must be in the registered pipelines the run was
    /// made from, with the same inputs and outputs (a worker rebuilds the pipeline from the project's registry).
    /// </summary>
    /// <param name="pipeline">The pipeline that runs.</param>
    /// <param name="registry">The project's pipelines.</param>
    /// <param name="pipelineNames">The registered pipelines the run was made from.</param>
    /// <exception cref="ArgumentException">Some nodes are not in those pipelines; the message names each.</exception>
    public static void CheckNodes(Pipeline pipeline, IReadOnlyDictionary<string, Pipeline> registry, IReadOnlyList<string> pipelineNames)
    {
        var registered = new Dictionary<string, Node>(StringComparer.Ordinal);
        var missingPipelines = new List<string>();
        var joined = pipelineNames.Where(static n => n.Contains('+', StringComparison.Ordinal)).ToList();
        if (joined.Count > 0)
        {
            throw new ArgumentException(
                $"HangfireRunner cannot run pipeline(s) {string.Join(", ", joined.Select(static n => "'" + n + "'"))}: a job names its pipelines joined with '+', so a registered pipeline name must not contain '+'. Rename the pipeline in the registry.");
        }

        foreach (var name in pipelineNames)
        {
            if (!registry.TryGetValue(name, out var found))
            {
                missingPipelines.Add(name);
                continue;
            }

            foreach (var node in found.Nodes)
            {
                registered.TryAdd(node.Name, node);
            }
        }

        if (missingPipelines.Count > 0)
        {
            throw new ArgumentException(
                $"HangfireRunner cannot run pipeline(s) {Quoted(missingPipelines)}: not registered in the project. A worker re-creates the pipeline from the project's registry; register it there (AddPipelines).");
        }

        var offenders = new List<string>();
        foreach (var node in pipeline.Nodes)
        {
            if (!registered.TryGetValue(node.Name, out var known))
            {
                offenders.Add($"'{node.Name}' (not in the registered pipeline)");
            }
            else if (!node.Inputs.SequenceEqual(known.Inputs, StringComparer.Ordinal) || !node.Outputs.SequenceEqual(known.Outputs, StringComparer.Ordinal))
            {
                offenders.Add($"'{node.Name}' (inputs {Quoted(node.Inputs)} and outputs {Quoted(node.Outputs)} differ from the registered node's {Quoted(known.Inputs)} and {Quoted(known.Outputs)})");
            }
        }

        if (offenders.Count > 0)
        {
            offenders.Sort(StringComparer.Ordinal);
            throw new ArgumentException(
                $"The following nodes cannot be run by HangfireRunner: [{string.Join(", ", offenders)}]" +
                $"\nA worker finds each node by name in the project's registered pipeline(s) {Quoted(pipelineNames)} and runs it as registered: " +
                "run a registered pipeline (filters such as --nodes, --tags and --from-nodes are fine), not one built or changed in code.");
        }
    }

    private static string? WhyNotReachable(string name, DataCatalog project, DataCatalog run)
    {
        if (name == "parameters" || name.StartsWith("params:", StringComparison.Ordinal))
        {
            return null;
        }

        if (run.Get(name, fallbackToRuntimePattern: true) is { IsSingleProcess: true } single)
        {
            return $"it is a single-process '{single.GetType().Name}', whose data stays in one process";
        }

        if (project.Get(name) is not { } dataset)
        {
            return null; // undeclared: a file in the run folder
        }

        if (project.GetSpecification(name) is not null)
        {
            return dataset is MemoryDataset
                ? "it is a MemoryDataset declared in the catalog, whose value would stay in the driver; remove the entry (the data then lives in the run folder) or declare a dataset every worker can read"
                : null;
        }

        return dataset is MemoryDataset memory && !memory.Exists()
            ? null
            : $"it is a '{dataset.GetType().Name}' created in code, which a worker cannot re-create; declare it in the catalog configuration";
    }

    private static string Quoted(IEnumerable<string> names) => "[" + string.Join(", ", names.Select(static n => "'" + n + "'")) + "]";
}
