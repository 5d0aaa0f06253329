using System.Collections.Concurrent;
using Kedro.Hooks;
using Kedro.IO;
using Kedro.WorkerProcesses.Pool;
using Kedro.WorkerProcesses.Protocol;
using Kedro.WorkerProcesses.Serialization;
using Kedro.WorkerProcesses.SharedMemory;
using Kedro.WorkerProcesses.Worker;
using Kedro.Pipelines;
using Kedro.Runners;
using Microsoft.Extensions.Logging;

namespace Kedro.WorkerProcesses.Runner;

/// <summary>
/// One run of a <see cref="ParallelRunner"/>: its shared memory, how each node and each dataset is described to a worker
/// (computed once, when the run starts), and the running of one node on a worker of the pool. Disposed when the run ends.
/// </summary>
internal sealed class ParallelExecutor : NodeExecutor
{
    private readonly ConcurrentDictionary<Node, FunctionIdentity> _functions = new();
    private readonly Dictionary<string, DatasetMessage> _datasets = new(StringComparer.Ordinal);
    private readonly WorkerPool _pool;
    private readonly Action _ended;
    private int _disposed;

    private ParallelExecutor(RunPlan plan, SharedMemoryDataCatalog catalog, SharedMemoryManager manager, WorkerPool pool, int workerCount, Action ended)
        : base(workerCount)
    {
        Plan = plan;
        Catalog = catalog;
        Manager = manager;
        _pool = pool;
        _ended = ended;
    }

    public RunPlan Plan { get; }

    public SharedMemoryDataCatalog Catalog { get; }

    /// <summary>The run's shared memory.</summary>
    public SharedMemoryManager Manager { get; }

    /// <summary>The serializers the workers must register, exported once per run.</summary>
    public SerializerMessage[] Serializers { get; private set; } = [];

    /// <summary>The value converters registered in this process, sent to every worker.</summary>
    public ConverterMessage[] Converters { get; private set; } = [];

    public bool IsAsync => Plan.IsAsync;

    public ILogger Logger => Plan.Logger;

    public TimeProvider TimeProvider => Plan.TimeProvider;

    public HookManager Hooks => Plan.Hooks;

    public string? RunId => Plan.RunId;

    /// <summary>
    /// Starts a run: gives the catalog's shared-memory datasets the run's shared memory, checks that every dataset and
    /// node can reach a worker (all offenders listed at once; nothing has run), and starts the workers the run needs.
    /// <paramref name="ended"/> is called once when the executor is disposed, also when this method throws.
    /// </summary>
    public static ParallelExecutor Start(RunPlan plan, WorkerPool pool, int maxWorkers, Action ended)
    {
        SharedMemoryManager? manager = null;
        ParallelExecutor? executor = null;
        try
        {
            var catalog = (SharedMemoryDataCatalog)plan.Catalog; // ParallelRunner.PrepareCatalog made it
            manager = new SharedMemoryManager(logger: plan.Logger);
            catalog.SetManagerDatasets(manager, plan.Pipeline.Datasets());
            executor = new ParallelExecutor(plan, catalog, manager, pool, plan.WorkerCount(maxWorkers), ended);
            executor.Validate();
            if (!plan.IsAsync)
            {
                plan.Logger.SynchronousMode();
            }

            if (plan.Nodes.Count > 0)
            {
                pool.EnsureStarted(executor.Concurrency!.Value);
            }

            return executor;
        }
        catch
        {
            if (executor is not null)
            {
                executor.End();
            }
            else
            {
                manager?.Dispose();
                ended();
            }

            throw;
        }
    }

    /// <inheritdoc/>
    public override async ValueTask<NodeOutcome> RunNodeAsync(Node node, CancellationToken cancellationToken)
    {
        WorkerProcess worker;
        try
        {
            worker = await _pool.RentAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return NodeOutcome.Cancelled;
        }

        var job = new ParallelNodeRun(this, node, worker, cancellationToken);
        try
        {
            return await job.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            if (job.WorkerLost)
            {
                worker.Kill();
            }

            _pool.Return(worker);
        }
    }

    /// <summary>Ends the run's use of shared memory (see <see cref="End"/>).</summary>
    public override ValueTask DisposeAsync()
    {
        End();
        return base.DisposeAsync();
    }

    /// <summary>Kedro's checks before a parallel run: the catalog, then the datasets and nodes as a worker sees them.</summary>
    private void Validate()
    {
        Catalog.ValidateCatalog(names: null, Manager.Serializers);
        Serializers = [.. Manager.Serializers.ExportRegistrations().Select(r => new SerializerMessage { ValueType = r.ValueType, SerializerType = r.SerializerType })];
        Converters = ConverterTransfer.Export();
        var nodes = Plan.Nodes;
        var datasetProblems = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in nodes.SelectMany(n => n.Inputs.Concat(n.Outputs).Concat(n.Confirms)).Distinct(StringComparer.Ordinal))
        {
            if (AddDataset(name, Catalog[name]) is { } reason)
            {
                datasetProblems[name] = reason;
            }
        }

        if (datasetProblems.Count > 0)
        {
            throw new DatasetException(SharedMemoryMessages.CannotUseWithMultiprocessing(datasetProblems, [], []));
        }

        var nodeProblems = new List<string>();
        foreach (var node in nodes)
        {
            if (AddNode(node) is { } reason)
            {
                nodeProblems.Add($"{node.Name} ({reason})");
            }
        }

        if (nodeProblems.Count > 0)
        {
            throw ParallelErrors.NodesNotSerialisable(nodeProblems);
        }
    }

    /// <summary>Records how a node's function is re-created in a worker, or why it cannot be.</summary>
    private string? AddNode(Node node)
    {
        var reason = FunctionIdentity.WhyNotPortable(node.Func, out var identity);
        if (identity is not null)
        {
            _functions[node] = identity;
        }

        return reason;
    }

    /// <summary>Records how a dataset reaches a worker, or why it cannot.</summary>
    private string? AddDataset(string name, IDataset dataset)
    {
        if (_datasets.ContainsKey(name))
        {
            return null;
        }

        if (dataset.IsSingleProcess)
        {
            return "it is single-process";
        }

        if (SharedState.IsShared(dataset))
        {
            _datasets[name] = new DatasetMessage { Name = name, Kind = DatasetKinds.Shared };
            return null;
        }

        if (dataset is MemoryDataset)
        {
            _datasets[name] = new DatasetMessage { Name = name, Kind = DatasetKinds.Parent };
            return null;
        }

        if (Catalog.GetSpecification(name) is not { } specification)
        {
            return $"it is a '{dataset.GetType().Name}' created in code, which cannot be described as configuration for a worker process; declare it in the catalog configuration";
        }

        var factories = new List<FactoryMessage>();
        foreach (var typeName in TypeNames(specification.Config))
        {
            if (Catalog.Registry.GetRegistration(typeName) is not { } registration)
            {
                continue;
            }

            if (FunctionIdentity.WhyNotPortable(registration.Factory, out var identity) is { } reason)
            {
                return $"the factory registered for its type '{registration.TypeName}' cannot be re-created in a worker process: {reason}";
            }

            factories.Add(new FactoryMessage { TypeName = registration.TypeName, Names = [.. registration.Names], Factory = identity! });
        }

        var json = ConfigJson.TryWrite(specification.Config);
        if (json is null)
        {
            return "its configuration holds values that are not plain configuration (text, numbers, booleans, lists and mappings)";
        }

        _datasets[name] = new DatasetMessage
        {
            Name = name,
            Kind = DatasetKinds.Config,
            Config = json,
            LoadVersion = specification.LoadVersion,
            SaveVersion = specification.SaveVersion,
            Factories = [.. factories],
        };
        return null;
    }

    /// <summary>The message that runs <paramref name="node"/> in a worker.</summary>
    public RunNodeMessage Describe(Node node)
    {
        var names = node.Inputs.Concat(node.Outputs).Concat(node.Confirms).Distinct(StringComparer.Ordinal);
        var datasets = new List<DatasetMessage>();
        foreach (var name in names)
        {
            var dataset = _datasets[name];
            datasets.Add(dataset.Kind == DatasetKinds.Shared
                ? new DatasetMessage { Name = name, Kind = DatasetKinds.Shared, Shared = SharedState.Describe(Catalog, name) }
                : dataset);
        }

        var local = node.Namespace is null ? node.Name : node.Name[(node.Namespace.Length + 1)..];
        var given = node.ToString().StartsWith(local + ": ", StringComparison.Ordinal) ? local : null;
        return new RunNodeMessage
        {
            Function = _functions[node],
            NodeName = node.Name,
            GivenName = given,
            Namespace = node.Namespace,
            Tags = [.. node.Tags],
            Inputs = Names(node.DeclaredInputs),
            Outputs = Names(node.DeclaredOutputs),
            Confirms = NamesOf(node.Confirms),
            Datasets = [.. datasets],
            SharedDirectory = Manager.Directory,
            Serializers = Serializers,
            Converters = Converters,
            IsAsync = IsAsync,
            RunId = RunId,
            NodeHooks = Hooks.HasNodeHooks,
            DatasetHooks = Hooks.HasDatasetHooks,
        };
    }

    /// <summary>
    /// Ends the run's use of shared memory: values still held (the free outputs the runner returns, and anything a failed
    /// run left) move into this process and every dataset of the run forgets the manager, then the run directory is
    /// deleted with every segment.
    /// </summary>
    private void End()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var errors = new List<Exception>();
        try
        {
            Catalog.ClearManager(Manager);
            foreach (var name in Catalog.Keys)
            {
                // Every dataset of this run leaves its shared memory, holding or not a value, so the catalog keeps working
                // after the run (an empty one reports that nothing was saved, as before the run). One that fails does not
                // keep the others in the run's memory, which is deleted next.
                try
                {
                    if (Catalog.Get(name) is SharedMemoryDataset shared && ReferenceEquals(shared.Manager, Manager))
                    {
                        shared.Detach();
                    }
                }
#pragma warning disable CA1031 // Collected and thrown together once every dataset is detached.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    errors.Add(e);
                }
            }
        }
        finally
        {
            Manager.Dispose();
            _ended();
        }

        if (errors.Count > 0)
        {
            throw errors.Count == 1 ? errors[0] : new AggregateException(errors);
        }
    }

    private static NamesMessage Names(DatasetNames names) =>
        names.IsSingle ? new NamesMessage { Shape = 's', Names = [names.SingleName!] }
        : names.IsList ? new NamesMessage { Shape = 'l', Names = [.. names.Names] }
        : names.IsDictionary ? new NamesMessage { Shape = 'd', Keys = [.. names.Entries.Select(e => e.Key)], Names = [.. names.Entries.Select(e => e.Value)] }
        : new NamesMessage { Shape = 'n' };

    private static NamesMessage NamesOf(IReadOnlyList<string> names) =>
        names.Count == 0 ? new NamesMessage { Shape = 'n' } : new NamesMessage { Shape = 'l', Names = [.. names] };

    private static IEnumerable<string> TypeNames(object? tree)
    {
        if (tree is IEnumerable<KeyValuePair<string, object?>> mapping)
        {
            foreach (var (key, value) in mapping)
            {
                if (key == "type" && value is string type)
                {
                    yield return type;
                }
                else
                {
                    foreach (var nested in TypeNames(value))
                    {
                        yield return nested;
                    }
                }
            }
        }
        else if (tree is System.Collections.IList list)
        {
            foreach (var item in list)
            {
                foreach (var nested in TypeNames(item))
                {
                    yield return nested;
                }
            }
        }
    }
}
