using Kedro.Pipelines;
using KedroStarter.Pipelines.DataProcessing;

namespace KedroStarter;

/// <summary>The project's pipelines by name (Kedro's <c>pipeline_registry.py</c>).</summary>
public static class PipelineRegistry
{
    /// <summary>Registers the project's pipelines; <c>__default__</c> is what <c>run</c> runs without <c>--pipelines</c>.</summary>
    /// <returns>A mapping from pipeline names to pipelines.</returns>
    public static IReadOnlyDictionary<string, Pipeline> Register()
    {
        var dataProcessing = DataProcessingPipeline.Create();
        return new Dictionary<string, Pipeline>
        {
            ["__default__"] = dataProcessing,
            ["data_processing"] = dataProcessing,
        };
    }
}
