using Kedro.Hooks.Internal;
using Kedro.IO;
using Kedro.Pipelines;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kedro.Hooks;

/// <summary>
/// Holds the registered hook implementations and calls them (Kedro's pluggy hook manager). Implementations
/// are called last-registered first, as pluggy does; an exception from a hook propagates at once.
/// Registering is thread-safe and calls may come from several threads at once (under <c>ThreadRunner</c>).
/// </summary>
public sealed class HookManager
{
    private readonly Lock _lock = new();
    private readonly ILogger _logger;
    private object[] _all = [];
    private INodeHooks[] _node = [];
    private IPipelineHooks[] _pipeline = [];
    private IDatasetHooks[] _dataset = [];
    private ICatalogHooks[] _catalog = [];
    private IContextHooks[] _context = [];

    /// <summary>Creates a hook manager with no hooks: every call does nothing.</summary>
    /// <param name="logger">Where registrations are logged at debug level; none by default.</param>
    public HookManager(ILogger? logger = null)
    {
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The registered implementations, in the order they are called (last registered first).</summary>
    public IReadOnlyList<object> Hooks => Volatile.Read(ref _all);

    /// <summary>Whether any registered implementation has node hooks (a runner may skip preparing their arguments otherwise).</summary>
    public bool HasNodeHooks => Volatile.Read(ref _node).Length != 0;

    /// <summary>Whether any registered implementation has dataset hooks (a runner may skip sending data for them otherwise).</summary>
    public bool HasDatasetHooks => Volatile.Read(ref _dataset).Length != 0;

    /// <summary>
    /// Registers an object implementing any of <see cref="INodeHooks"/>, <see cref="IPipelineHooks"/>,
    /// <see cref="IDatasetHooks"/>, <see cref="ICatalogHooks"/> and <see cref="IContextHooks"/>. Registering
    /// the same instance again does nothing.
    /// </summary>
    /// <param name="hooks">The hook implementation (an instance, not a type).</param>
    /// <exception cref="ArgumentException">A <see cref="Type"/> was given instead of an instance, or the object implements no hook interface.</exception>
    public void Register(object hooks)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        if (hooks is Type)
        {
            throw HookErrors.ClassInsteadOfInstance(nameof(hooks));
        }

        if (hooks is not (INodeHooks or IPipelineHooks or IDatasetHooks or ICatalogHooks or IContextHooks))
        {
            throw HookErrors.NoHookInterface(hooks, nameof(hooks));
        }

        lock (_lock)
        {
            if (Array.IndexOf(_all, hooks) >= 0)
            {
                return;
            }

            Volatile.Write(ref _all, Prepend(_all, hooks));
            if (hooks is INodeHooks node)
            {
                Volatile.Write(ref _node, Prepend(_node, node));
            }

            if (hooks is IPipelineHooks pipeline)
            {
                Volatile.Write(ref _pipeline, Prepend(_pipeline, pipeline));
            }

            if (hooks is IDatasetHooks dataset)
            {
                Volatile.Write(ref _dataset, Prepend(_dataset, dataset));
            }

            if (hooks is ICatalogHooks catalog)
            {
                Volatile.Write(ref _catalog, Prepend(_catalog, catalog));
            }

            if (hooks is IContextHooks context)
            {
                Volatile.Write(ref _context, Prepend(_context, context));
            }
        }

        _logger.RegisteredHooks(hooks.GetType().FullName ?? hooks.GetType().Name);
    }

    /// <summary>Whether this instance is registered.</summary>
    /// <param name="hooks">The hook implementation.</param>
    /// <returns><see langword="true"/> when registered.</returns>
    public bool IsRegistered(object hooks) => Array.IndexOf(Volatile.Read(ref _all), hooks) >= 0;

    /// <summary>Calls <see cref="INodeHooks.BeforeNodeRun"/> on every implementation.</summary>
    /// <param name="context">The hook's arguments.</param>
    /// <returns>The answers that are not <see langword="null"/>, in call order (as pluggy returns them).</returns>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> BeforeNodeRun(NodeRunContext context)
    {
        List<IReadOnlyDictionary<string, object?>>? results = null;
        foreach (var hook in Volatile.Read(ref _node))
        {
            var result = hook.BeforeNodeRun(context);
            if (result is not null)
            {
                (results ??= []).Add(result);
            }
        }

        return results ?? (IReadOnlyList<IReadOnlyDictionary<string, object?>>)[];
    }

    /// <summary>Calls <see cref="INodeHooks.AfterNodeRun"/> on every implementation.</summary>
    /// <param name="context">The hook's arguments.</param>
    /// <param name="outputs">The node's outputs by dataset name.</param>
    public void AfterNodeRun(NodeRunContext context, IReadOnlyDictionary<string, object?> outputs)
    {
        foreach (var hook in Volatile.Read(ref _node))
        {
            hook.AfterNodeRun(context, outputs);
        }
    }

    /// <summary>Calls <see cref="INodeHooks.OnNodeError"/> on every implementation.</summary>
    /// <param name="error">The node's exception.</param>
    /// <param name="context">The hook's arguments.</param>
    public void OnNodeError(Exception error, NodeRunContext context)
    {
        foreach (var hook in Volatile.Read(ref _node))
        {
            hook.OnNodeError(error, context);
        }
    }

    /// <summary>Calls <see cref="IDatasetHooks.BeforeDatasetLoaded"/> on every implementation.</summary>
    /// <param name="datasetName">The dataset's name.</param>
    /// <param name="node">The node that loads it.</param>
    public void BeforeDatasetLoaded(string datasetName, Node node)
    {
        foreach (var hook in Volatile.Read(ref _dataset))
        {
            hook.BeforeDatasetLoaded(datasetName, node);
        }
    }

    /// <summary>Calls <see cref="IDatasetHooks.AfterDatasetLoaded"/> on every implementation.</summary>
    /// <param name="datasetName">The dataset's name.</param>
    /// <param name="data">The loaded data.</param>
    /// <param name="node">The node that loaded it.</param>
    public void AfterDatasetLoaded(string datasetName, object? data, Node node)
    {
        foreach (var hook in Volatile.Read(ref _dataset))
        {
            hook.AfterDatasetLoaded(datasetName, data, node);
        }
    }

    /// <summary>Calls <see cref="IDatasetHooks.BeforeDatasetSaved"/> on every implementation.</summary>
    /// <param name="datasetName">The dataset's name.</param>
    /// <param name="data">The data about to be saved.</param>
    /// <param name="node">The node that produced it.</param>
    public void BeforeDatasetSaved(string datasetName, object? data, Node node)
    {
        foreach (var hook in Volatile.Read(ref _dataset))
        {
            hook.BeforeDatasetSaved(datasetName, data, node);
        }
    }

    /// <summary>Calls <see cref="IDatasetHooks.AfterDatasetSaved"/> on every implementation.</summary>
    /// <param name="datasetName">The dataset's name.</param>
    /// <param name="data">The saved data.</param>
    /// <param name="node">The node that produced it.</param>
    public void AfterDatasetSaved(string datasetName, object? data, Node node)
    {
        foreach (var hook in Volatile.Read(ref _dataset))
        {
            hook.AfterDatasetSaved(datasetName, data, node);
        }
    }

    /// <summary>Calls <see cref="IPipelineHooks.BeforePipelineRun"/> on every implementation.</summary>
    /// <param name="runParams">What the run was asked to do.</param>
    /// <param name="pipeline">The pipeline about to run.</param>
    /// <param name="catalog">The catalog it runs with.</param>
    public void BeforePipelineRun(RunParams runParams, Pipeline pipeline, DataCatalog catalog)
    {
        foreach (var hook in Volatile.Read(ref _pipeline))
        {
            hook.BeforePipelineRun(runParams, pipeline, catalog);
        }
    }

    /// <summary>Calls <see cref="IPipelineHooks.AfterPipelineRun"/> on every implementation.</summary>
    /// <param name="runParams">What the run was asked to do.</param>
    /// <param name="runResult">The runner's result.</param>
    /// <param name="pipeline">The pipeline that ran.</param>
    /// <param name="catalog">The catalog it ran with.</param>
    public void AfterPipelineRun(RunParams runParams, IReadOnlyDictionary<string, IDataset> runResult, Pipeline pipeline, DataCatalog catalog)
    {
        foreach (var hook in Volatile.Read(ref _pipeline))
        {
            hook.AfterPipelineRun(runParams, runResult, pipeline, catalog);
        }
    }

    /// <summary>Calls <see cref="IPipelineHooks.OnPipelineError"/> on every implementation.</summary>
    /// <param name="error">The exception that stopped the run.</param>
    /// <param name="runParams">What the run was asked to do.</param>
    /// <param name="pipeline">The pipeline that failed.</param>
    /// <param name="catalog">The catalog it ran with.</param>
    public void OnPipelineError(Exception error, RunParams runParams, Pipeline pipeline, DataCatalog catalog)
    {
        foreach (var hook in Volatile.Read(ref _pipeline))
        {
            hook.OnPipelineError(error, runParams, pipeline, catalog);
        }
    }

    /// <summary>Calls <see cref="ICatalogHooks.AfterCatalogCreated"/> on every implementation.</summary>
    /// <param name="catalog">The new catalog.</param>
    /// <param name="confCatalog">The catalog configuration.</param>
    /// <param name="confCreds">The credentials configuration.</param>
    /// <param name="parameters">The parameters.</param>
    /// <param name="saveVersion">The save version, or <see langword="null"/>.</param>
    /// <param name="loadVersions">The load versions, or <see langword="null"/>.</param>
    public void AfterCatalogCreated(
        DataCatalog catalog,
        IReadOnlyDictionary<string, object?> confCatalog,
        IReadOnlyDictionary<string, object?> confCreds,
        IReadOnlyDictionary<string, object?> parameters,
        string? saveVersion,
        IReadOnlyDictionary<string, string>? loadVersions)
    {
        foreach (var hook in Volatile.Read(ref _catalog))
        {
            hook.AfterCatalogCreated(catalog, confCatalog, confCreds, parameters, saveVersion, loadVersions);
        }
    }

    /// <summary>Calls <see cref="IContextHooks.AfterContextCreated"/> on every implementation.</summary>
    /// <param name="context">The new project context.</param>
    public void AfterContextCreated(object context)
    {
        foreach (var hook in Volatile.Read(ref _context))
        {
            hook.AfterContextCreated(context);
        }
    }

    private static T[] Prepend<T>(T[] items, T item)
    {
        var result = new T[items.Length + 1];
        result[0] = item;
        Array.Copy(items, 0, result, 1, items.Length);
        return result;
    }
}
