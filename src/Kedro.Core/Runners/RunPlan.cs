using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Microsoft.Extensions.Logging;

namespace Kedro.Runners;

/// <summary>
/// One run, as <see cref="AbstractRunner"/> hands it to the runner's <see cref="NodeExecutor"/>: the nodes to run (after
/// <c>onlyMissingOutputs</c>), the catalog with every dataset of the pipeline in it, the hooks and the run's options.
/// Immutable.
/// </summary>
public sealed class RunPlan
{
    internal RunPlan(Pipeline pipeline, DataCatalog catalog, HookManager hooks, string? runId, bool isAsync, ILogger logger, TimeProvider timeProvider)
    {
        Pipeline = pipeline;
        Catalog = catalog;
        Hooks = hooks;
        RunId = runId;
        IsAsync = isAsync;
        Logger = logger;
        TimeProvider = timeProvider;
    }

    /// <summary>The pipeline that runs: the given one, or only the nodes whose outputs are missing and what they need.</summary>
    public Pipeline Pipeline { get; }

    /// <summary>The nodes to run, in the pipeline's topological order.</summary>
    public IReadOnlyList<Node> Nodes => Pipeline.Nodes;

    /// <summary>The number of topological layers (Kedro's <c>len(grouped_nodes)</c>).</summary>
    public int LayerCount => Pipeline.Graph.LayerCount;

    /// <summary>Where inputs are loaded from and outputs saved to; every dataset of the pipeline is in it.</summary>
    public DataCatalog Catalog { get; }

    /// <summary>The hooks to call for each node and dataset, in Kedro's order.</summary>
    public HookManager Hooks { get; }

    /// <summary>The run's id, passed to the node hooks.</summary>
    public string? RunId { get; }

    /// <summary>Whether each node's inputs are loaded and its outputs saved concurrently.</summary>
    public bool IsAsync { get; }

    /// <summary>Where the runner logs.</summary>
    public ILogger Logger { get; }

    /// <summary>The runner's clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// Kedro's number of workers for this run: min(nodes − layers + 1, <paramref name="maxWorkers"/>), at least 1. More would
    /// never all be busy, since no more nodes than that can be ready at once.
    /// </summary>
    /// <param name="maxWorkers">The runner's most workers.</param>
    /// <returns>The number of workers.</returns>
    public int WorkerCount(int maxWorkers) => Math.Max(1, Math.Min(Nodes.Count - LayerCount + 1, maxWorkers));
}
