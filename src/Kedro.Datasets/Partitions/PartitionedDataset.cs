using Kedro.Datasets.Internal;
using Kedro.IO;
using Kedro.Pipelines;
using Microsoft.Extensions.Logging;

namespace Kedro.Datasets.Partitions;

/// <summary>
/// A folder of files of one dataset type, loaded and saved as a dictionary of partition id to partition (Kedro's
/// <c>partitions.PartitionedDataset</c>). A partition id is the file's path relative to the folder, with <c>/</c>, without
/// <c>filename_suffix</c>. A load lists the folder (recursively, sorted by path) and returns, for each partition, a function
/// that loads it, so a node reads only the partitions it calls; the node's parameter type chooses the partition type:
/// <c>IReadOnlyDictionary&lt;string, Func&lt;DataFrame&gt;&gt;</c>, or <c>IReadOnlyDictionary&lt;string,
/// Func&lt;CancellationToken, ValueTask&lt;DataFrame&gt;&gt;&gt;</c> to load asynchronously (untyped:
/// <c>Func&lt;object?&gt;</c>). A save takes a dictionary of partition id to data, or to a function returning the data
/// (called one partition at a time, so only one partition is in memory).
/// </summary>
/// <remarks>
/// Each partition's dataset is created through the <see cref="DatasetTypeRegistry"/> from the <c>dataset</c> definition with
/// its path in <c>filepath_arg</c>, so any registered type works, a user's own too. The listing is kept until the dataset is
/// released or saved to.
/// </remarks>
public sealed class PartitionedDataset : AbstractDataset<object>, ITypedLoadDataset
{
    private readonly PartitionSet _set;
    private readonly Lock _gate = new();
    private List<Partition>? _listing;

    /// <summary>Creates the dataset.</summary>
    /// <param name="path">The folder holding the partitions (a local path; <c>file://</c> is dropped, other protocols are refused).</param>
    /// <param name="dataset">The partition dataset: a type name (<c>"pandas.CSVDataset"</c>) or a mapping with <c>type</c> and its arguments.</param>
    /// <param name="filepathArg">The partition dataset's argument that receives each partition's path.</param>
    /// <param name="filenameSuffix">Only files whose path ends with it are partitions; it is removed from ids and added on save.</param>
    /// <param name="credentials">Passed to each partition dataset as its <c>credentials</c>, unless <paramref name="dataset"/> has its own.</param>
    /// <param name="loadArgs">The listing's options: <c>maxdepth</c> (1 lists the folder's own files) and <c>withdirs</c> (folders are partitions too).</param>
    /// <param name="fsArgs">File system options; none are supported for local files, so any key is refused.</param>
    /// <param name="overwrite">Whether a save replaces every existing partition (the folder is replaced once the new partitions are written).</param>
    /// <param name="metadata">Free-form information about the dataset, kept for plugins and tools.</param>
    /// <param name="saveLazily">Whether a function given as a partition's data is called to produce it; otherwise the function itself is saved.</param>
    /// <param name="registry">The registry that creates the partition datasets; <see cref="DatasetTypeRegistry.Default"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where warnings about the configuration go.</param>
    /// <exception cref="ArgumentException">An argument is missing, of the wrong kind, or not supported.</exception>
    /// <exception cref="DatasetException">The partition dataset definition is versioned or cannot be created.</exception>
    public PartitionedDataset(
        string path,
        object dataset,
        string filepathArg = "filepath",
        string filenameSuffix = "",
        IReadOnlyDictionary<string, object?>? credentials = null,
        IReadOnlyDictionary<string, object?>? loadArgs = null,
        IReadOnlyDictionary<string, object?>? fsArgs = null,
        bool overwrite = false,
        IReadOnlyDictionary<string, object?>? metadata = null,
        bool saveLazily = true,
        DatasetTypeRegistry? registry = null,
        ILogger? logger = null)
    {
        Logger = logger ?? Logger;
        _set = new PartitionSet(nameof(PartitionedDataset), path, dataset, filepathArg, filenameSuffix, credentials, loadArgs, fsArgs, registry, Logger);
        Overwrite = overwrite;
        SaveLazily = saveLazily;
        Metadata = metadata;
    }

    /// <summary>The folder holding the partitions.</summary>
    public string Path => _set.Path;

    /// <summary>Whether a save replaces every existing partition.</summary>
    public bool Overwrite { get; }

    /// <summary>Whether functions given as partition data are called to produce it.</summary>
    public bool SaveLazily { get; }

    /// <summary>Free-form information about the dataset (Kedro's <c>metadata</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Metadata { get; }

    /// <inheritdoc/>
    /// <remarks>
    /// <see cref="object"/> loads an ordered <c>IReadOnlyDictionary&lt;string, Func&lt;object?&gt;&gt;</c>; a dictionary of
    /// <c>Func&lt;T&gt;</c> or <c>Func&lt;CancellationToken, ValueTask&lt;T&gt;&gt;</c> loads each partition as <c>T</c>.
    /// </remarks>
    public object? Load(Type requestedType) =>
        TypedLoads.Run(this, Logger, requestedType, type => Build(type));

    /// <inheritdoc/>
    public ValueTask<object?> LoadAsync(Type requestedType, CancellationToken cancellationToken = default) =>
        TypedLoads.RunAsync(this, Logger, requestedType, (type, token) =>
        {
            token.ThrowIfCancellationRequested();
            return new ValueTask<object?>(Build(type));
        }, cancellationToken);

    internal static PartitionedDataset Create(DatasetFactoryContext context)
    {
        const string Type = nameof(PartitionedDataset);
        context.EnsureOnlyArguments("path", "dataset", "filepath_arg", "filename_suffix", "credentials", "load_args", "fs_args",
            "overwrite", "metadata", "save_lazily");
        if (context.Version is not null)
        {
            throw PartitionErrors.VersionedSelf(Type);
        }

        return new PartitionedDataset(
            PartitionArguments.Path(context, Type),
            PartitionArguments.Dataset(context, Type),
            context.Get<string>("filepath_arg") ?? "filepath",
            context.Get<string>("filename_suffix") ?? string.Empty,
            DatasetArguments.Mapping(context, "credentials"),
            DatasetArguments.Mapping(context, "load_args"),
            DatasetArguments.Mapping(context, "fs_args"),
            context.Get("overwrite", false),
            DatasetArguments.Mapping(context, "metadata"),
            context.Get("save_lazily", true),
            context.Registry,
            NodeLogging.DefaultLoggerFactory.CreateLogger<PartitionedDataset>());
    }

    /// <inheritdoc/>
    protected override object LoadCore() => Build(typeof(object));

    /// <inheritdoc/>
    protected override void SaveCore(object data)
    {
        _set.SaveAsync(data, Overwrite, SaveLazily, isAsync: false, Logger, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        Invalidate();
    }

    /// <inheritdoc/>
    protected override async ValueTask SaveCoreAsync(object data, CancellationToken cancellationToken)
    {
        await _set.SaveAsync(data, Overwrite, SaveLazily, isAsync: true, Logger, cancellationToken).ConfigureAwait(false);
        Invalidate();
    }

    /// <inheritdoc/>
    /// <remarks>Whether the folder has at least one partition.</remarks>
    protected override bool ExistsCore() => Listing().Count > 0;

    /// <inheritdoc/>
    /// <remarks>Forgets the listing; the next load lists the folder again.</remarks>
    protected override void ReleaseCore() => Invalidate();

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?>
    {
        ["path"] = _set.Path,
        ["dataset_type"] = _set.ReportedType,
        ["dataset_config"] = _set.DescribedConfig,
    };

    private List<Partition> Listing()
    {
        lock (_gate)
        {
            return _listing ??= _set.List(Logger);
        }
    }

    private void Invalidate()
    {
        lock (_gate)
        {
            _listing = null;
        }
    }

    private object Build(Type requestedType)
    {
        if (PartitionLoads.Dictionary(requestedType, typeof(Func<object>)) is not var (valueType, dictionary)
            || PartitionLoads.LazyFactory(valueType) is not { } lazy)
        {
            throw FileDatasetErrors.CannotLoadAs(this, _set.Path, requestedType, PartitionErrors.LazyShapes(requestedType));
        }

        var partitions = Listing();
        if (partitions.Count == 0)
        {
            throw PartitionErrors.NoPartitions(_set.Path);
        }

        foreach (var partition in partitions)
        {
            dictionary.Add(partition.Id, lazy(partition));
        }

        return dictionary;
    }
}
