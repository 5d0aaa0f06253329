using Kedro.Pipelines;

namespace Kedro.Hooks;

/// <summary>
/// Hooks around each load and save a node makes (Kedro's <c>DatasetSpecs</c>). Every member has an empty
/// default body.
/// </summary>
public interface IDatasetHooks
{
    /// <summary>Called before a node's input is loaded (Kedro's <c>before_dataset_loaded</c>).</summary>
    /// <param name="datasetName">The dataset's name in the catalog.</param>
    /// <param name="node">The node that loads it.</param>
    void BeforeDatasetLoaded(string datasetName, Node node)
    {
    }

    /// <summary>Called after a node's input is loaded (Kedro's <c>after_dataset_loaded</c>).</summary>
    /// <param name="datasetName">The dataset's name in the catalog.</param>
    /// <param name="data">The loaded data.</param>
    /// <param name="node">The node that loaded it.</param>
    void AfterDatasetLoaded(string datasetName, object? data, Node node)
    {
    }

    /// <summary>Called before a node's output is saved (Kedro's <c>before_dataset_saved</c>).</summary>
    /// <param name="datasetName">The dataset's name in the catalog.</param>
    /// <param name="data">The data about to be saved.</param>
    /// <param name="node">The node that produced it.</param>
    void BeforeDatasetSaved(string datasetName, object? data, Node node)
    {
    }

    /// <summary>Called after a node's output is saved (Kedro's <c>after_dataset_saved</c>).</summary>
    /// <param name="datasetName">The dataset's name in the catalog.</param>
    /// <param name="data">The saved data.</param>
    /// <param name="node">The node that produced it.</param>
    void AfterDatasetSaved(string datasetName, object? data, Node node)
    {
    }
}
