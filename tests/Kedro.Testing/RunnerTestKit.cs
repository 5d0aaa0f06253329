using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;
using Microsoft.Extensions.Logging;

namespace Kedro.Testing.Runners;

/// <summary>Kedro's LoggingDataset: records loads and releases; persistent.</summary>
public sealed class LoggingDataset(List<(string Op, string Name)> log, string name, object? value = null) : IDataset
{
    private object? _value = value;

    public bool IsEphemeral => false;

    public bool IsSingleProcess => false;

    public object? Load()
    {
        lock (log)
        {
            log.Add(("load", name));
        }

        return _value;
    }

    public void Save(object? data) => _value = data;

    public bool Exists() => _value is not null;

    public void Release()
    {
        lock (log)
        {
            log.Add(("release", name));
        }

        _value = null;
    }

    public IReadOnlyDictionary<string, object?> Describe() => new Dictionary<string, object?> { ["name"] = name };

    public ValueTask<object?> LoadAsync(CancellationToken cancellationToken = default) => new(Load());

    public ValueTask SaveAsync(object? data, CancellationToken cancellationToken = default)
    {
        Save(data);
        return default;
    }
}

/// <summary>Kedro's PersistentDataset: a non-ephemeral dataset delegating to callbacks; records every save.</summary>
public sealed class PersistentDataset(Func<object?>? load = null, Func<bool>? exists = null) : IConfirmableDataset
{
    private readonly List<object?> _saved = [];

    public IReadOnlyList<object?> Saved
    {
        get
        {
            lock (_saved)
            {
                return [.. _saved];
            }
        }
    }

    public int Confirmed { get; private set; }

    public bool IsEphemeral => false;

    public bool IsSingleProcess => false;

    public object? Load() => load is not null ? load() : Saved[^1];

    public void Save(object? data)
    {
        lock (_saved)
        {
            _saved.Add(data);
        }
    }

    public bool Exists() => exists?.Invoke() ?? Saved.Count > 0;

    public void Release()
    {
    }

    public void Confirm() => Confirmed++;

    public IReadOnlyDictionary<string, object?> Describe() => new Dictionary<string, object?>();

    public ValueTask<object?> LoadAsync(CancellationToken cancellationToken = default) => new(Load());

    public ValueTask SaveAsync(object? data, CancellationToken cancellationToken = default)
    {
        Save(data);
        return default;
    }
}

/// <summary>Shared helpers and Kedro's test pipelines (anatomy §4 preamble).</summary>
public static class Kit
{
    /// <summary>The in-process runner kinds, as theory data (<c>[MemberData(nameof(Kit.RunnerKinds), MemberType = typeof(Kit))]</c>).</summary>
    public static IEnumerable<object[]> RunnerKinds { get; } = [["sequential"], ["sequential-async"], ["thread"], ["thread-async"]];

    public static AbstractRunner Runner(string kind, ILogger? logger = null) => kind switch
    {
        "sequential" => new SequentialRunner(logger: logger),
        "sequential-async" => new SequentialRunner(isAsync: true, logger: logger),
        "thread" => new ThreadRunner(logger: logger),
        "thread-async" => new ThreadRunner(isAsync: true, logger: logger),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static object? Identity(object? x) => x;

    public static Func<object?, object?> Fail => _ => throw new InvalidOperationException("test exception");

    public static Node N(string name, Delegate func, DatasetNames? inputs, DatasetNames? outputs) =>
        Node.Create(func, inputs, outputs, name: name);

    /// <summary>fan_out_fan_in: A→B, B→C, B→D, B→E, [C,D,E]→Z.</summary>
    public static Pipeline FanOutFanIn() => new(
    [
        N("a_b", Identity, "A", "B"),
        N("b_c", Identity, "B", "C"),
        N("b_d", Identity, "B", "D"),
        N("b_e", Identity, "B", "E"),
        N("fan_in", (object? c, object? d, object? e) => new List<object?> { c, d, e }, new[] { "C", "D", "E" }, "Z"),
    ]);

    /// <summary>two_branches_crossed, optionally with failing nodes.</summary>
    public static Pipeline TwoBranchesCrossed(params string[] failing)
    {
        Delegate F(string name) => failing.Contains(name) ? Fail : Identity;
        return new(
        [
            N("node1_A", F("node1_A"), "ds0_A", "ds1_A"),
            N("node1_B", F("node1_B"), "ds0_B", "ds1_B"),
            N("node2", failing.Contains("node2")
                ? new Func<object?, object?, (object?, object?)>((a, b) => throw new InvalidOperationException("test exception"))
                : new Func<object?, object?, (object?, object?)>((a, b) => (a, b)), new[] { "ds1_A", "ds1_B" }, new[] { "ds2_A", "ds2_B" }),
            N("node3_A", F("node3_A"), "ds2_A", "ds3_A"),
            N("node3_B", F("node3_B"), "ds2_B", "ds3_B"),
            N("node4_A", F("node4_A"), "ds3_A", "ds4_A"),
            N("node4_B", F("node4_B"), "ds3_B", "ds4_B"),
        ]);
    }

    /// <summary>persistent_catalog: one persistent dataset (loads 0) under ds0_A, ds0_B, ds2_A, ds2_B, dsX, dsY; params:p = 1.</summary>
    public static DataCatalog PersistentCatalog()
    {
        var persistent = new PersistentDataset(() => 0);
        return new DataCatalog(new Dictionary<string, IDataset>
        {
            ["ds0_A"] = persistent,
            ["ds0_B"] = persistent,
            ["ds2_A"] = persistent,
            ["ds2_B"] = persistent,
            ["dsX"] = persistent,
            ["dsY"] = persistent,
            ["params:p"] = new MemoryDataset(1),
        });
    }

    public static DataCatalog Catalog(params (string Name, object? Value)[] data) =>
        new(data.ToDictionary(d => d.Name, d => d.Value as IDataset ?? new MemoryDataset(d.Value)));
}

/// <summary>Records every hook call as a line "Hook:detail".</summary>
public sealed class RecordingHooks(string name = "h") : INodeHooks, IDatasetHooks
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

    public Func<NodeRunContext, IReadOnlyDictionary<string, object?>?>? Overrides { get; init; }

    public List<Exception> Errors { get; } = [];

    private void Add(string call)
    {
        lock (_calls)
        {
            _calls.Add(call);
        }
    }

    public IReadOnlyDictionary<string, object?>? BeforeNodeRun(NodeRunContext context)
    {
        Add($"{name}:before_node_run:{context.Node.Name}");
        return Overrides?.Invoke(context);
    }

    public void AfterNodeRun(NodeRunContext context, IReadOnlyDictionary<string, object?> outputs) =>
        Add($"{name}:after_node_run:{context.Node.Name}");

    public void OnNodeError(Exception error, NodeRunContext context)
    {
        lock (Errors)
        {
            Errors.Add(error);
        }

        Add($"{name}:on_node_error:{context.Node.Name}");
    }

    public void BeforeDatasetLoaded(string datasetName, Node node) => Add($"{name}:before_dataset_loaded:{datasetName}");

    public void AfterDatasetLoaded(string datasetName, object? data, Node node) => Add($"{name}:after_dataset_loaded:{datasetName}");

    public void BeforeDatasetSaved(string datasetName, object? data, Node node) => Add($"{name}:before_dataset_saved:{datasetName}");

    public void AfterDatasetSaved(string datasetName, object? data, Node node) => Add($"{name}:after_dataset_saved:{datasetName}");
}
