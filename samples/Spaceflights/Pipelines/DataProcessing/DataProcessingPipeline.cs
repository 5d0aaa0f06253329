using Kedro.Pipelines;

namespace Spaceflights.Pipelines.DataProcessing;

/// <summary>The <c>data_processing</c> pipeline.</summary>
internal static class DataProcessingPipeline
{
    /// <summary>Creates the pipeline (Kedro's <c>create_pipeline</c>).</summary>
    /// <returns>The pipeline.</returns>
    public static Pipeline Create() => new(
    [
        Node.Create(DataProcessingNodes.PreprocessCompanies,
            inputs: "companies", outputs: "preprocessed_companies", name: "preprocess_companies_node"),
        Node.Create(DataProcessingNodes.PreprocessShuttles,
            inputs: "shuttles", outputs: "preprocessed_shuttles", name: "preprocess_shuttles_node"),
        Node.Create(DataProcessingNodes.CreateModelInputTable,
            inputs: ["preprocessed_shuttles", "preprocessed_companies", "reviews"], outputs: "model_input_table",
            name: "create_model_input_table_node"),
    ]);
}
