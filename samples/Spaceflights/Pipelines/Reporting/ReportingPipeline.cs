using Kedro.Pipelines;

namespace Spaceflights.Pipelines.Reporting;

/// <summary>The <c>reporting</c> pipeline: two plots of the passenger capacity and a confusion matrix.</summary>
internal static class ReportingPipeline
{
    /// <summary>Creates the pipeline (Kedro's <c>create_pipeline</c>).</summary>
    /// <returns>The pipeline.</returns>
    public static Pipeline Create() => new(
    [
        Node.Create(ReportingNodes.ComparePassengerCapacityExp,
            inputs: "preprocessed_shuttles", outputs: "shuttle_passenger_capacity_plot_exp"),
        Node.Create(ReportingNodes.ComparePassengerCapacityGo,
            inputs: "preprocessed_shuttles", outputs: "shuttle_passenger_capacity_plot_go"),
        Node.Create(ReportingNodes.CreateConfusionMatrix,
            inputs: "companies", outputs: "dummy_confusion_matrix"),
    ]);
}
