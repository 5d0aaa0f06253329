using Kedro.Runners;

namespace Kedro.Framework;

/// <summary>
/// What <see cref="KedroSession.RunAsync"/> runs (the arguments of Kedro's <c>session.run</c>). Filters are applied
/// to the combined pipelines and intersected, in Kedro's order: tags, from nodes, to nodes, node names, from inputs,
/// to outputs, namespaces.
/// </summary>
public sealed record RunOptions
{
    /// <summary>The registered pipelines to combine and run; <c>__default__</c> when null or empty.</summary>
    public IReadOnlyList<string>? PipelineNames { get; init; }

    /// <summary>Run only nodes with any of these tags.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The runner; a <see cref="SequentialRunner"/> when null.</summary>
    public AbstractRunner? Runner { get; init; }

    /// <summary>Run only the nodes with these names.</summary>
    public IReadOnlyList<string>? NodeNames { get; init; }

    /// <summary>Run these nodes and everything downstream of them.</summary>
    public IReadOnlyList<string>? FromNodes { get; init; }

    /// <summary>Run these nodes and everything upstream of them.</summary>
    public IReadOnlyList<string>? ToNodes { get; init; }

    /// <summary>Run the nodes that consume these datasets and everything downstream of them.</summary>
    public IReadOnlyList<string>? FromInputs { get; init; }

    /// <summary>Run the nodes that produce these datasets and everything upstream of them.</summary>
    public IReadOnlyList<string>? ToOutputs { get; init; }

    /// <summary>Dataset names mapped to the version to load for each.</summary>
    public IReadOnlyDictionary<string, string>? LoadVersions { get; init; }

    /// <summary>Run only the nodes in these namespaces.</summary>
    public IReadOnlyList<string>? Namespaces { get; init; }

    /// <summary>Run only the nodes whose persistent outputs are missing, and what they need.</summary>
    public bool OnlyMissingOutputs { get; init; }
}
