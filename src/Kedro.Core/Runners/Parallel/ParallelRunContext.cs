using System.Collections.Concurrent;
using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Microsoft.Extensions.Logging;

namespace Kedro.Runners.Parallel;

/// <summary>
/// One run of a <see cref="ParallelRunner"/>: its catalog, hooks, how many nodes may run at once, and how each node and
/// each dataset is described to a worker (computed once per run).
/// </summary>
internal sealed class ParallelRunContext : IDisposable
{
    private readonly ConcurrentDictionary<Node, FunctionIdentity> _functions = new();
    private readonly Dictionary<string, DatasetMessage> _datasets = new(StringComparer.Ordinal);
    private SemaphoreSlim _slots = new(1);

    public ParallelRunContext(SharedMemoryDataCatalog catalog, SharedMemoryManager manager, bool isAsync, ILogger logger, TimeProvider timeProvider)
    {
        Catalog = catalog;
        Manager = manager;
        IsAsync = isAsync;
        Logger = logger;
        TimeProvider = timeProvider;
    }

    public SharedMemoryDataCatalog Catalog { get; }

    /// <summary>The run's shared memory.</summary>
    public SharedMemoryManager Manager { get; }

    /// <summary>The serializers the workers must register, exported once per run.</summary>
    public SerializerMessage[] Serializers { get; private set; } = [];

    public bool IsAsync { get; }

    public ILogger Logger { get; }

    public TimeProvider TimeProvider { get; }

    public HookManager Hooks { get; private set; } = new();

    public string? RunId { get; private set; }

    /// <summary>At most this many nodes run at once (the run's worker count).</summary>
    public SemaphoreSlim Slots => _slots;

    public void SetWorkerCount(int count)
    {
        _slots.Dispose();
        _slots = new SemaphoreSlim(count);
    }

    public void ExportSerializers() =>
        Serializers = [.. Manager.Serializers.ExportRegistrations().Select(r => new SerializerMessage { ValueType = r.ValueType, SerializerType = r.SerializerType })];

    public void SetHooks(HookManager hooks, string? runId)
    {
        Hooks = hooks;
        RunId = runId;
    }

    /// <summary>Records how a node's function is re-created in a worker, or why it cannot be.</summary>
    public string? AddNode(Node node)
    {
        var reason = FunctionIdentity.WhyNotPortable(node.Func, out var identity);
        if (identity is not null)
        {
            _functions[node] = identity;
        }

        return reason;
    }

    /// <summary>Records how a dataset reaches a worker, or why it cannot.</summary>
    public string? AddDataset(string name, IDataset dataset, (Dictionary<string, object?> Catalog, Dictionary<string, object?> Credentials, Dictionary<string, string?> LoadVersions, string? SaveVersion) config)
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

        if (config.Catalog.GetValueOrDefault(name) is not Dictionary<string, object?> entry)
        {
            return $"it is a '{dataset.GetType().Name}' created in code, which cannot be described as configuration for a worker process; declare it in the catalog configuration";
        }

        var resolved = WithCredentials(entry, config.Credentials);
        var factories = new List<FactoryMessage>();
        foreach (var typeName in TypeNames(resolved))
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

        var json = ConfigJson.TryWrite(resolved);
        if (json is null)
        {
            return "its configuration holds values that are not plain configuration (text, numbers, booleans, lists and mappings)";
        }

        _datasets[name] = new DatasetMessage
        {
            Name = name,
            Kind = DatasetKinds.Config,
            Config = json,
            LoadVersion = config.LoadVersions.GetValueOrDefault(name),
            SaveVersion = config.SaveVersion,
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
            Inputs = Names(node.RawInputs),
            Outputs = Names(node.RawOutputs),
            Confirms = NamesOf(node.Confirms),
            Datasets = [.. datasets],
            SharedDirectory = Manager.Directory,
            Serializers = Serializers,
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
    public void Dispose()
    {
        try
        {
            foreach (var name in Catalog.Keys)
            {
                // Every dataset of this run leaves its shared memory, holding or not a value, so the catalog keeps working
                // after the run (an empty one reports that nothing was saved, as before the run).
                if (Catalog.Get(name) is SharedMemoryDataset shared && ReferenceEquals(shared.Manager, Manager))
                {
                    shared.Detach();
                }
            }
        }
        finally
        {
            Manager.Dispose();
            _slots.Dispose();
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

    /// <summary>Puts back the credentials that <see cref="DataCatalog.ToConfig"/> moved out under a name.</summary>
    private static Dictionary<string, object?> WithCredentials(Dictionary<string, object?> entry, Dictionary<string, object?> credentials)
    {
        var copy = new Dictionary<string, object?>(entry, StringComparer.Ordinal);
        foreach (var (key, value) in entry)
        {
            if (key == "credentials" && value is string reference && credentials.TryGetValue(reference, out var resolved))
            {
                copy[key] = resolved;
            }
            else if (value is Dictionary<string, object?> nested)
            {
                copy[key] = WithCredentials(nested, credentials);
            }
        }

        return copy;
    }
}
