using Kedro.IO;
using Kedro.Pipelines;

namespace Kedro.Hooks;

/// <summary>
/// Hooks around a whole pipeline run (Kedro's <c>PipelineSpecs</c>). As in Kedro, the session fires them
/// around <c>runner.Run</c>; runners do not. Every member has an empty default body.
/// </summary>
public interface IPipelineHooks
{
    /// <summary>Called before the pipeline runs (Kedro's <c>before_pipeline_run</c>).</summary>
    /// <param name="runParams">What the run was asked to do.</param>
    /// <param name="pipeline">The pipeline about to run, after filtering.</param>
    /// <param name="catalog">The catalog it runs with.</param>
    void BeforePipelineRun(RunParams runParams, Pipeline pipeline, DataCatalog catalog)
    {
    }

    /// <summary>Called after the pipeline ran successfully (Kedro's <c>after_pipeline_run</c>).</summary>
    /// <param name="runParams">What the run was asked to do.</param>
    /// <param name="runResult">The runner's result: the free outputs as datasets.</param>
    /// <param name="pipeline">The pipeline that ran.</param>
    /// <param name="catalog">The catalog it ran with.</param>
    void AfterPipelineRun(RunParams runParams, IReadOnlyDictionary<string, IDataset> runResult, Pipeline pipeline, DataCatalog catalog)
    {
    }

    /// <summary>Called when the run failed (Kedro's <c>on_pipeline_error</c>); the error is re-thrown afterwards.</summary>
    /// <param name="error">The exception that stopped the run.</param>
    /// <param name="runParams">What the run was asked to do.</param>
    /// <param name="pipeline">The pipeline that failed.</param>
    /// <param name="catalog">The catalog it ran with.</param>
    void OnPipelineError(Exception error, RunParams runParams, Pipeline pipeline, DataCatalog catalog)
    {
    }
}
