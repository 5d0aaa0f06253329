using Kedro.Pipelines;

namespace KedroStarter.Pipelines.DataProcessing;

/// <summary>The <c>data_processing</c> pipeline: nodes wired together by dataset names.</summary>
public static class DataProcessingPipeline
{
    /// <summary>Creates the pipeline.</summary>
    /// <returns>The pipeline.</returns>
    public static Pipeline Create() => new(
    [
        Node.Create(DataProcessingNodes.PreprocessShuttles,
            inputs: "shuttles", outputs: "preprocessed_shuttles", name: "preprocess_shuttles_node"),
        Node.Create(DataProcessingNodes.SummarisePrices,
            inputs: ["preprocessed_shuttles", "params:min_capacity"], outputs: "price_summary", name: "summarise_prices_node"),
    ]);
}
