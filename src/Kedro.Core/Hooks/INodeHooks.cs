namespace Kedro.Hooks;

/// <summary>
/// Hooks around each node run (Kedro's <c>NodeSpecs</c>). Every member has an empty default body:
/// implement only what you need and register the instance with <see cref="HookManager.Register"/>.
/// </summary>
public interface INodeHooks
{
    /// <summary>
    /// Called after the node's inputs are loaded and before the node runs (Kedro's <c>before_node_run</c>).
    /// </summary>
    /// <param name="context">The node, the catalog, a copy of the loaded inputs, the mode and the run id.</param>
    /// <returns>
    /// <see langword="null"/>, or dataset names mapped to values that replace the loaded inputs. When several
    /// hooks answer, the one registered first wins.
    /// </returns>
    IReadOnlyDictionary<string, object?>? BeforeNodeRun(NodeRunContext context) => null;

    /// <summary>Called after the node ran and before its outputs are saved (Kedro's <c>after_node_run</c>).</summary>
    /// <param name="context">The node, the catalog, the inputs it ran with, the mode and the run id.</param>
    /// <param name="outputs">The node's outputs by dataset name.</param>
    void AfterNodeRun(NodeRunContext context, IReadOnlyDictionary<string, object?> outputs)
    {
    }

    /// <summary>
    /// Called when the node function itself fails (Kedro's <c>on_node_error</c>); not for failures to load or save.
    /// The error is re-thrown afterwards.
    /// </summary>
    /// <param name="error">The node's exception.</param>
    /// <param name="context">The node, the catalog, the inputs it ran with, the mode and the run id.</param>
    void OnNodeError(Exception error, NodeRunContext context)
    {
    }
}
