using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;

namespace Kedro.Framework.Tests.Support;

/// <summary>Records every hook call in order, with the arguments tests look at.</summary>
public sealed class RecordingHooks : IContextHooks, ICatalogHooks, IPipelineHooks, INodeHooks
{
    private readonly List<string> _calls = [];

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public List<(IReadOnlyDictionary<string, object?> ConfCatalog, IReadOnlyDictionary<string, object?> ConfCreds, IReadOnlyDictionary<string, object?> Parameters, string? SaveVersion, IReadOnlyDictionary<string, string>? LoadVersions)> CatalogCreated { get; } = [];

    public List<RunParams> RunParams { get; } = [];

    public List<Exception> PipelineErrors { get; } = [];

    public IReadOnlyDictionary<string, IDataset>? RunResult { get; private set; }

    public object? Context { get; private set; }

    public void AfterContextCreated(object context)
    {
        Context = context;
        Add("after_context_created");
    }

    public void AfterCatalogCreated(
        DataCatalog catalog,
        IReadOnlyDictionary<string, object?> confCatalog,
        IReadOnlyDictionary<string, object?> confCreds,
        IReadOnlyDictionary<string, object?> parameters,
        string? saveVersion,
        IReadOnlyDictionary<string, string>? loadVersions)
    {
        CatalogCreated.Add((confCatalog, confCreds, parameters, saveVersion, loadVersions));
        Add("after_catalog_created");
    }

    public void BeforePipelineRun(RunParams runParams, Pipeline pipeline, DataCatalog catalog)
    {
        RunParams.Add(runParams);
        Add("before_pipeline_run");
    }

    public void AfterPipelineRun(RunParams runParams, IReadOnlyDictionary<string, IDataset> runResult, Pipeline pipeline, DataCatalog catalog)
    {
        RunResult = runResult;
        Add("after_pipeline_run");
    }

    public void OnPipelineError(Exception error, RunParams runParams, Pipeline pipeline, DataCatalog catalog)
    {
        PipelineErrors.Add(error);
        Add("on_pipeline_error");
    }

    public IReadOnlyDictionary<string, object?>? BeforeNodeRun(NodeRunContext context)
    {
        Add("before_node_run:" + context.Node.Name);
        return null;
    }

    public void AfterNodeRun(NodeRunContext context, IReadOnlyDictionary<string, object?> outputs) => Add("after_node_run:" + context.Node.Name);

    private void Add(string call)
    {
        lock (_calls)
        {
            _calls.Add(call);
        }
    }
}
