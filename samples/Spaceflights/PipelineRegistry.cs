using Kedro.Pipelines;
using Spaceflights.Pipelines.DataProcessing;
using Spaceflights.Pipelines.DataScience;
using Spaceflights.Pipelines.Reporting;

namespace Spaceflights;

/// <summary>The project's pipelines by name (Kedro's <c>pipeline_registry.py</c>).</summary>
internal static class PipelineRegistry
{
    /// <summary>Registers <c>data_processing</c>, <c>data_science</c> and <c>reporting</c>, and all three as <c>__default__</c>.</summary>
    /// <returns>A mapping from pipeline names to pipelines.</returns>
    public static IReadOnlyDictionary<string, Pipeline> Register()
    {
        var pipelines = new Dictionary<string, Pipeline>(StringComparer.Ordinal)
        {
            ["data_processing"] = DataProcessingPipeline.Create(),
            ["data_science"] = DataSciencePipeline.Create(),
            ["reporting"] = ReportingPipeline.Create(),
        };
        pipelines["__default__"] = pipelines.Values.Aggregate((all, pipeline) => all + pipeline);
        return pipelines;
    }
}
