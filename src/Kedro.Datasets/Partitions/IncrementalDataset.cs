using Kedro.Datasets.Internal;
using Kedro.IO;
using Kedro.Pipelines;
using Microsoft.Extensions.Logging;

namespace Kedro.Datasets.Partitions;

/// <summary>
/// A folder of partitions of which a load returns only those newer than a checkpoint (Kedro's
/// <c>partitions.IncrementalDataset</c>). A load lists the folder as <see cref="PartitionedDataset"/> does, keeps the
/// partitions whose id compares true against the checkpoint (<c>comparison_func(partition_id, checkpoint)</c>, by default
/// "greater than", ordinal), and loads each of them: a dictionary of partition id to data, typed as the node asks
/// (<c>IReadOnlyDictionary&lt;string, DataFrame&gt;</c>); nothing new loads an empty dictionary. <see cref="Confirm"/>
/// (a node's <c>confirms</c>) writes the last partition id of that listing to the checkpoint.
/// </summary>
/// <remarks>
/// The checkpoint is by default a <c>text.TextDataset</c> at <c>{path}/CHECKPOINT</c>. Saves write partitions as
/// <see cref="PartitionedDataset"/> does and do not move the checkpoint.
/// </remarks>
public sealed class IncrementalDataset : AbstractDataset<object>, ITypedLoadDataset, IConfirmableDataset
{
    /// <summary>The checkpoint's file name in the dataset's folder when the checkpoint names no file.</summary>
    public const string DefaultCheckpointFileName = "CHECKPOINT";

    /// <summary>The checkpoint's type when the checkpoint names no type.</summary>
    public const string DefaultCheckpointType = "text.TextDataset";

    private readonly PartitionSet _set;
    private readonly IDataset _checkpoint;
    private readonly string? _checkpointPath;
    private readonly Func<string, string, bool> _comparison;
    private readonly Lock _gate = new();
    private List<Partition>? _listing;

    /// <summary>Creates the dataset.</summary>
    /// <param name="path">The folder holding the partitions (a local path; <c>file://</c> is dropped, other protocols are refused).</param>
    /// <param name="dataset">The partition dataset: a type name (<c>"pandas.CSVDataset"</c>) or a mapping with <c>type</c> and its arguments.</param>
    /// <param name="checkpoint">
    /// The checkpoint: <see langword="null"/> for the default, a string (the <c>force_checkpoint</c> value), or a mapping with the
    /// checkpoint dataset's <c>type</c>, <c>filepath</c> and other arguments, and optionally <c>comparison_func</c> (<c>operator.gt</c>,
    /// <c>ge</c>, <c>lt</c>, <c>le</c>, <c>eq</c>, <c>ne</c>, or the full name of an <see cref="IPartitionComparison"/> class) and
    /// <c>force_checkpoint</c> (used instead of the stored checkpoint; <c>""</c> loads every partition).
    /// </param>
    /// <param name="filepathArg">The partition dataset's argument that receives each partition's path.</param>
    /// <param name="filenameSuffix">Only files whose path ends with it are partitions; it is removed from ids and added on save.</param>
    /// <param name="credentials">Passed to each partition dataset and to the checkpoint as their <c>credentials</c>, unless they have their own.</param>
    /// <param name="loadArgs">The listing's options: <c>maxdepth</c> and <c>withdirs</c>.</param>
    /// <param name="fsArgs">File system options; none are supported for local files, so any key is refused.</param>
    /// <param name="metadata">Free-form information about the dataset, kept for plugins and tools.</param>
    /// <param name="comparison">Decides which partitions are new, instead of the checkpoint's <c>comparison_func</c> (code only: a worker process of <c>ParallelRunner</c> re-creates the dataset from configuration, where the named form works).</param>
    /// <param name="registry">The registry that creates the partition and checkpoint datasets; <see cref="DatasetTypeRegistry.Default"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where warnings about the configuration go.</param>
    /// <exception cref="ArgumentException">An argument is missing, of the wrong kind, or not supported.</exception>
    /// <exception cref="DatasetException">The partition dataset or checkpoint is versioned, or cannot be created.</exception>
    public IncrementalDataset(
        string path,
        object dataset,
        object? checkpoint = null,
        string filepathArg = "filepath",
        string filenameSuffix = "",
        IReadOnlyDictionary<string, object?>? credentials = null,
        IReadOnlyDictionary<string, object?>? loadArgs = null,
        IReadOnlyDictionary<string, object?>? fsArgs = null,
        IReadOnlyDictionary<string, object?>? metadata = null,
        Func<string, string, bool>? comparison = null,
        DatasetTypeRegistry? registry = null,
        ILogger? logger = null)
    {
        Logger = logger ?? Logger;
        _set = new PartitionSet(nameof(IncrementalDataset), path, dataset, filepathArg, filenameSuffix, credentials, loadArgs, fsArgs, registry, Logger);
        Metadata = metadata;

        var config = checkpoint switch
        {
            null => new Dictionary<string, object?>(StringComparer.Ordinal),
            string force => new Dictionary<string, object?>(StringComparer.Ordinal) { ["force_checkpoint"] = force },
            _ => DatasetArguments.Mapping(checkpoint, nameof(IncrementalDataset), "checkpoint")!,
        };
        foreach (var key in (ReadOnlySpan<string>)["version", "versioned"])
        {
            if (config.ContainsKey(key))
            {
                throw PartitionErrors.VersionedCheckpoint(nameof(IncrementalDataset), key);
            }
        }

        ForceCheckpoint = config.Remove("force_checkpoint", out var forced) && forced is not null ? PartitionSet.CheckpointText(forced) : null;
        _comparison = comparison ?? PartitionComparisons.Resolve(config.Remove("comparison_func", out var named) ? named : null);

        var merged = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["type"] = DefaultCheckpointType,
            ["filepath"] = System.IO.Path.Combine(_set.Path, DefaultCheckpointFileName),
        };
        if (credentials is not null)
        {
            merged["credentials"] = credentials;
            if (config.ContainsKey("credentials"))
            {
                Logger.CredentialsNotPropagated(PartitionErrors.CredentialsNotPropagated("checkpoint"));
            }
        }

        foreach (var (key, value) in config)
        {
            merged[key] = value;
        }

        var checkpointType = merged["type"] as string ?? throw PartitionErrors.TypeMissing(nameof(IncrementalDataset), "checkpoint");
        _checkpointPath = merged.GetValueOrDefault("filepath") is string file ? System.IO.Path.GetFullPath(DatasetArguments.LocalPath(file, nameof(IncrementalDataset))) : null;
        _checkpoint = PartitionSet.RegistryFor(registry ?? DatasetTypeRegistry.Default, checkpointType)
            .Create(nameof(IncrementalDataset) + " checkpoint", merged);
    }

    /// <summary>The folder holding the partitions.</summary>
    public string Path => _set.Path;

    /// <summary>The checkpoint used instead of the stored one, or <see langword="null"/>.</summary>
    public string? ForceCheckpoint { get; }

    /// <summary>Free-form information about the dataset (Kedro's <c>metadata</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Metadata { get; }

    /// <inheritdoc/>
    /// <remarks>
    /// <see cref="object"/> loads an ordered <c>IReadOnlyDictionary&lt;string, object?&gt;</c>; a dictionary of <c>T</c> loads
    /// each new partition as <c>T</c>.
    /// </remarks>
    public object? Load(Type requestedType) =>
        TypedLoads.Run(this, Logger, requestedType, type =>
        {
            var (valueType, dictionary, partitions) = Prepare(type);
            foreach (var partition in partitions)
            {
                dictionary.Add(partition.Id, PartitionLoads.Load(_set, partition, valueType));
            }

            return dictionary;
        });

    /// <inheritdoc/>
    public ValueTask<object?> LoadAsync(Type requestedType, CancellationToken cancellationToken = default) =>
        TypedLoads.RunAsync(this, Logger, requestedType, async (type, token) =>
        {
            var (valueType, dictionary, partitions) = Prepare(type);
            foreach (var partition in partitions)
            {
                dictionary.Add(partition.Id, await PartitionLoads.LoadAsync(_set, partition, valueType, token).ConfigureAwait(false));
            }

            return dictionary;
        }, cancellationToken);

    /// <summary>
    /// Writes the last partition id of the listing the last load saw (or of a new listing when nothing was loaded since the
    /// dataset was released) to the checkpoint; nothing listed leaves the checkpoint as it is.
    /// </summary>
    /// <exception cref="DatasetException">The checkpoint cannot be read or written.</exception>
    public void Confirm()
    {
        var partitions = Listing();
        if (partitions.Count > 0)
        {
            _checkpoint.Save(partitions[^1].Id);
        }

        Invalidate();
    }

    internal static IncrementalDataset Create(DatasetFactoryContext context)
    {
        const string Type = nameof(IncrementalDataset);
        context.EnsureOnlyArguments("path", "dataset", "checkpoint", "filepath_arg", "filename_suffix", "credentials", "load_args",
            "fs_args", "metadata");
        if (context.Version is not null)
        {
            throw PartitionErrors.VersionedSelf(Type);
        }

        return new IncrementalDataset(
            PartitionArguments.Path(context, Type),
            PartitionArguments.Dataset(context, Type),
            context.Arguments.GetValueOrDefault("checkpoint"),
            context.Get<string>("filepath_arg") ?? "filepath",
            context.Get<string>("filename_suffix") ?? string.Empty,
            DatasetArguments.Mapping(context, "credentials"),
            DatasetArguments.Mapping(context, "load_args"),
            DatasetArguments.Mapping(context, "fs_args"),
            DatasetArguments.Mapping(context, "metadata"),
            comparison: null,
            context.Registry,
            NodeLogging.DefaultLoggerFactory.CreateLogger<IncrementalDataset>());
    }

    /// <inheritdoc/>
    protected override object LoadCore() => Load(typeof(object))!;

    /// <inheritdoc/>
    protected override void SaveCore(object data)
    {
        _set.SaveAsync(data, overwrite: false, lazily: true, isAsync: false, Logger, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        Invalidate();
    }

    /// <inheritdoc/>
    protected override async ValueTask SaveCoreAsync(object data, CancellationToken cancellationToken)
    {
        await _set.SaveAsync(data, overwrite: false, lazily: true, isAsync: true, Logger, cancellationToken).ConfigureAwait(false);
        Invalidate();
    }

    /// <inheritdoc/>
    /// <remarks>Whether there is at least one partition newer than the checkpoint.</remarks>
    protected override bool ExistsCore() => Listing().Count > 0;

    /// <inheritdoc/>
    /// <remarks>Forgets the listing; the next load lists the folder and reads the checkpoint again.</remarks>
    protected override void ReleaseCore() => Invalidate();

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?>
    {
        ["path"] = _set.Path,
        ["dataset_type"] = _set.ReportedType,
        ["dataset_config"] = _set.DescribedConfig,
    };

    private (Type Value, System.Collections.IDictionary Dictionary, List<Partition> Partitions) Prepare(Type requestedType)
    {
        if (PartitionLoads.Dictionary(requestedType, typeof(object)) is not var (valueType, dictionary))
        {
            throw FileDatasetErrors.CannotLoadAs(this, _set.Path, requestedType, PartitionErrors.EagerShapes(requestedType));
        }

        return (valueType, dictionary, Listing());
    }

    private List<Partition> Listing()
    {
        lock (_gate)
        {
            if (_listing is null)
            {
                var checkpoint = ReadCheckpoint();
                var all = _set.List(Logger, excluded: _checkpointPath);
                _listing = checkpoint is null ? all : all.FindAll(p => _comparison(p.Id, checkpoint));
            }

            return _listing;
        }
    }

    private string? ReadCheckpoint()
    {
        if (ForceCheckpoint is not null)
        {
            return ForceCheckpoint;
        }

        if (!_checkpoint.Exists())
        {
            return null;
        }

        return _checkpoint.Load() is { } value ? PartitionSet.CheckpointText(value) : null;
    }

    private void Invalidate()
    {
        lock (_gate)
        {
            _listing = null;
        }
    }
}
