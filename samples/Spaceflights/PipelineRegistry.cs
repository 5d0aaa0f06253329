using Kedro.Pipelines;
using Spaceflights.Pipelines.DataProcessing;
using Spaceflights.Pipelines.DataScience;

namespace Spaceflights;

/// <summary>The project's pipelines by name (Kedro's <c>pipeline_registry.py</c>).</summary>
internal static class PipelineRegistry
{
    /// <summary>Registers the project's pipelines: <c>data_processing</c>, <c>data_science</c>, and both as <c>__default__</c>.</summary>
    /// <returns>A mapping from pipeline names to pipelines.</returns>
    public static IReadOnlyDictionary<string, Pipeline> Register()
    {
        var dataProcessing = DataProcessingPipeline.Create();
        var dataScience = DataSciencePipeline.Create();
        return new Dictionary<string, Pipeline>(StringComparer.Ordinal)
        {
            ["__default__"] = dataProcessing + dataScience,
            ["data_processing"] = dataProcessing,
            ["data_science"] = dataScience,
        };
    }
}
