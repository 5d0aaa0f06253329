using Kedro.IO;
using Kedro.Pipelines;

namespace Kedro.Hooks;

/// <summary>The arguments of the node hooks (Kedro's <c>node, catalog, inputs, is_async, run_id</c>).</summary>
public sealed class NodeRunContext
{
    /// <summary>Creates the arguments of a node hook call.</summary>
    /// <param name="node">The node.</param>
    /// <param name="catalog">The catalog the node loads from and saves to.</param>
    /// <param name="inputs">The node's inputs by dataset name.</param>
    /// <param name="isAsync">Whether inputs are loaded and outputs saved concurrently.</param>
    /// <param name="runId">The run's id, or <see langword="null"/>.</param>
    public NodeRunContext(Node node, DataCatalog catalog, IReadOnlyDictionary<string, object?> inputs, bool isAsync, string? runId)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(inputs);
        Node = node;
        Catalog = catalog;
        Inputs = inputs;
        IsAsync = isAsync;
        RunId = runId;
    }

    /// <summary>The node.</summary>
    public Node Node { get; }

    /// <summary>The catalog the node loads from and saves to.</summary>
    public DataCatalog Catalog { get; }

    /// <summary>The node's inputs by dataset name.</summary>
    public IReadOnlyDictionary<string, object?> Inputs { get; }

    /// <summary>Whether inputs are loaded and outputs saved concurrently (Kedro's <c>is_async</c>).</summary>
    public bool IsAsync { get; }

    /// <summary>The run's id, or <see langword="null"/>.</summary>
    public string? RunId { get; }
}
