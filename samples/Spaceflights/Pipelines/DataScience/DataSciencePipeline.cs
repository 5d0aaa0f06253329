using Kedro.Pipelines;

namespace Spaceflights.Pipelines.DataScience;

/// <summary>The <c>data_science</c> pipeline.</summary>
internal static class DataSciencePipeline
{
    /// <summary>Creates the pipeline (Kedro's <c>create_pipeline</c>).</summary>
    /// <returns>The pipeline.</returns>
    public static Pipeline Create() => new(
    [
        Node.Create(DataScienceNodes.SplitData,
            inputs: ["model_input_table", "params:model_options"], outputs: ["X_train", "X_test", "y_train", "y_test"],
            name: "split_data_node"),
        Node.Create(DataScienceNodes.TrainModel,
            inputs: ["X_train", "y_train"], outputs: "regressor", name: "train_model_node"),
        Node.Create(DataScienceNodes.EvaluateModel,
            inputs: ["regressor", "X_test", "y_test"], outputs: null, name: "evaluate_model_node"),
    ]);
}
