using Kedro.IO.Serialization;
using Kedro.WorkerProcesses.Runner;
using Kedro.WorkerProcesses.Serialization;
using Kedro.WorkerProcesses.SharedMemory;
using Microsoft.Extensions.Logging;

namespace Kedro.IO;

/// <summary>
/// The catalog of a parallel run (Kedro's <c>SharedMemoryDataCatalog</c>): a <see cref="DataCatalog"/> whose runtime
/// fallback (<c>{default}</c>) creates a <see cref="SharedMemoryDataset"/>, so that every intermediate value the
/// pipeline does not declare is handed between worker processes through shared memory.
/// </summary>
/// <remarks>
/// <c>ParallelRunner</c> converts a plain catalog with <see cref="From"/>, validates it (<see cref="ValidateCatalog(IEnumerable{string})"/>)
/// and gives its shared-memory datasets the run's shared memory. Datasets declared in configuration are re-created from it inside each worker process, so they
/// are read and written there directly.
/// </remarks>
public sealed class SharedMemoryDataCatalog : DataCatalog
{
    /// <summary>Kedro's names of the shared-memory dataset; its .NET name counts too.</summary>
    private static readonly string[] SharedMemoryTypeNames =
        ["SharedMemoryDataset", "kedro.io.SharedMemoryDataset", "io.SharedMemoryDataset", "kedro.io.shared_memory_dataset.SharedMemoryDataset"];

    /// <summary>The shared-memory dataset by its names, for catalogs whose registry does not know it.</summary>
    private static readonly DatasetTypeRegistry SharedMemoryTypes = new DatasetTypeRegistry().Register(
        static context =>
        {
            context.EnsureOnlyArguments("metadata");
            return new SharedMemoryDataset();
        },
        SharedMemoryTypeNames);

    private readonly Lock _managerLock = new();
    private SharedMemoryManager? _manager;

    /// <summary>Creates a catalog.</summary>
    /// <param name="datasets">Datasets by name; they win over configuration entries of the same name (with a warning).</param>
    /// <param name="configResolver">The configuration; when <see langword="null"/> an empty one whose runtime pattern is <see cref="SharedMemoryDataset"/>.</param>
    /// <param name="loadVersions">The version to load per dataset name.</param>
    /// <param name="saveVersion">The version every versioned dataset saves.</param>
    /// <param name="registry">The dataset types <c>type:</c> may name; <see cref="DatasetTypeRegistry.Default"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where Kedro's catalog messages are logged; none when <see langword="null"/>.</param>
    /// <exception cref="DatasetException">A configuration entry is invalid.</exception>
    /// <exception cref="VersionAlreadyExistsException">Two datasets have different save versions.</exception>
    public SharedMemoryDataCatalog(
        IDictionary<string, IDataset>? datasets = null,
        CatalogConfigResolver? configResolver = null,
        IReadOnlyDictionary<string, string>? loadVersions = null,
        string? saveVersion = null,
        DatasetTypeRegistry? registry = null,
        ILogger? logger = null)
        : base(datasets, configResolver, loadVersions, saveVersion, registry, logger, SharedMemoryRuntimePatterns())
    {
        foreach (var (name, dataset) in datasets ?? new Dictionary<string, IDataset>())
        {
            if (dataset is SharedMemoryDataset shared)
            {
                shared.DatasetName = name;
            }
        }
    }

    /// <summary>The manager set by <see cref="SetManagerDatasets"/>; <see langword="null"/> before.</summary>
    internal SharedMemoryManager? Manager
    {
        get
        {
            lock (_managerLock)
            {
                return _manager;
            }
        }
    }

    /// <summary>
    /// Creates a catalog from configuration as parsed from <c>catalog.yml</c>, as <see cref="DataCatalog.FromConfig"/>
    /// does, with <see cref="SharedMemoryDataset"/> as the runtime fallback.
    /// </summary>
    /// <param name="config">The configuration; <see langword="null"/> gives an empty catalog.</param>
    /// <param name="credentials">Credentials by name, referenced from entries as <c>credentials: name</c>.</param>
    /// <param name="loadVersions">The version to load per dataset; every name must be in the configuration or match a pattern.</param>
    /// <param name="saveVersion">The version to save; a timestamp from <paramref name="timeProvider"/> when <see langword="null"/>.</param>
    /// <param name="registry">The dataset types <c>type:</c> may name; <see cref="DatasetTypeRegistry.Default"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where Kedro's catalog messages are logged.</param>
    /// <param name="timeProvider">The clock for the default save version.</param>
    /// <returns>The catalog; datasets are created when first used.</returns>
    /// <exception cref="DatasetException">An entry is not a mapping, lacks <c>type</c>, or a pattern is invalid.</exception>
    /// <exception cref="DatasetNotFoundException">A <paramref name="loadVersions"/> key is not in the catalog.</exception>
    /// <exception cref="KeyNotFoundException">A credentials reference names credentials that do not exist.</exception>
    public static new SharedMemoryDataCatalog FromConfig(
        IDictionary<string, object?>? config,
        IDictionary<string, object?>? credentials = null,
        IReadOnlyDictionary<string, string>? loadVersions = null,
        string? saveVersion = null,
        DatasetTypeRegistry? registry = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null)
    {
        var resolver = new CatalogConfigResolver(config, credentials, SharedMemoryRuntimePatterns(), logger);
        ValidateLoadVersions(resolver, loadVersions);
        return new SharedMemoryDataCatalog(
            datasets: null,
            resolver,
            loadVersions,
            saveVersion ?? DatasetVersions.GenerateTimestamp(timeProvider),
            registry,
            logger);
    }

    /// <summary>
    /// Converts a plain catalog for a parallel run. Configured datasets and dataset factory patterns keep their
    /// configuration (with the same credentials, load versions and save version) and are re-created from it; datasets
    /// added in code are kept as they are, except memory datasets holding no data (such as the intermediates a runner
    /// registered), which become <see cref="SharedMemoryDataset"/>s. The runtime fallback becomes
    /// <see cref="SharedMemoryDataset"/>. The given catalog is not changed.
    /// </summary>
    /// <param name="catalog">The catalog; returned as it is when it already is a <see cref="SharedMemoryDataCatalog"/>.</param>
    /// <param name="logger">Where the new catalog logs Kedro's catalog messages; none when <see langword="null"/>.</param>
    /// <returns>The shared-memory catalog.</returns>
    /// <exception cref="DatasetException">A configured memory dataset cannot be created.</exception>
    public static SharedMemoryDataCatalog From(DataCatalog catalog, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (catalog is SharedMemoryDataCatalog shared)
        {
            return shared;
        }

        var parts = CatalogParts.Of(catalog, static _ => new SharedMemoryDataset());
        var resolver = new CatalogConfigResolver(parts.Config, parts.Credentials, SharedMemoryRuntimePatterns(), logger);
        return new SharedMemoryDataCatalog(parts.Datasets, resolver, parts.LoadVersions, parts.SaveVersion, catalog.Registry, logger);
    }

    /// <summary>
    /// Gives the run's <see cref="SharedMemoryDataset"/>s the run's manager (Kedro's <c>set_manager_datasets</c>);
    /// shared-memory datasets created later (from the runtime pattern) get it too, until <see cref="ClearManager"/>. Only
    /// the datasets named are touched, so another run on the same catalog keeps its own.
    /// </summary>
    /// <param name="manager">The run's manager.</param>
    /// <param name="names">The datasets of the run.</param>
    /// <exception cref="DatasetException">A value a dataset held in this process cannot be serialised.</exception>
    internal void SetManagerDatasets(SharedMemoryManager manager, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(manager);
        lock (_managerLock)
        {
            _manager = manager;
        }

        foreach (var name in names.Distinct(StringComparer.Ordinal).Where(Contains))
        {
            if (IsSharedMemoryTypeName(GetDatasetType(name)) && Get(name) is SharedMemoryDataset dataset)
            {
                dataset.DatasetName = name;
                dataset.SetManager(manager);
            }
        }
    }

    /// <summary>Forgets <paramref name="manager"/> as the manager of datasets created from now on, when it still is.</summary>
    /// <param name="manager">The manager of a run that ended.</param>
    internal void ClearManager(SharedMemoryManager manager)
    {
        lock (_managerLock)
        {
            if (ReferenceEquals(_manager, manager))
            {
                _manager = null;
            }
        }
    }

    /// <summary>
    /// Checks that every dataset can be used by worker processes (Kedro's <c>validate_catalog</c>), and throws one
    /// exception listing every dataset that cannot, each with the reason: a dataset that is single-process
    /// (<see cref="IDataset.IsSingleProcess"/>); a dataset added in code that cannot be described as configuration for
    /// a worker (only <see cref="SharedMemoryDataset"/>s and <see cref="MemoryDataset"/>s may be); a memory dataset
    /// holding data that cannot be serialised. Registered value serializers and value converters that a worker cannot
    /// re-create are listed too.
    /// </summary>
    /// <param name="names">The datasets to check (the runner passes the pipeline's datasets, already created); every dataset of the catalog, created from configuration if needed, when <see langword="null"/>.</param>
    /// <exception cref="DatasetException">Some datasets cannot be used with multiprocessing; the message lists them all.</exception>
    public void ValidateCatalog(IEnumerable<string>? names = null) =>
        ValidateCatalog(names, Manager?.Serializers ?? ValueSerializerRegistry.Default);

    /// <summary>Kedro's <c>validate_catalog</c> with the serializers of a run.</summary>
    internal void ValidateCatalog(IEnumerable<string>? names, ValueSerializerRegistry serializers)
    {
        var configured = ToConfig().Catalog;
        var offenders = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in (names ?? Keys).Distinct(StringComparer.Ordinal))
        {
            if (Get(name) is not { } dataset)
            {
                continue;
            }

            if (SharedMemoryCatalogConversion.Problem(dataset, configured.ContainsKey(name), serializers) is { } reason)
            {
                offenders[name] = reason;
            }
        }

        var serializerProblems = serializers.FindWorkerProblems();
        var converterProblems = ConverterTransfer.FindWorkerProblems();
        if (offenders.Count > 0 || serializerProblems.Count > 0 || converterProblems.Count > 0)
        {
            throw new DatasetException(SharedMemoryMessages.CannotUseWithMultiprocessing(offenders, serializerProblems, converterProblems));
        }
    }

    /// <summary>
    /// What a worker process needs to re-create this catalog's persistent datasets: <see cref="DataCatalog.ToConfig"/>
    /// without the shared-memory datasets (those travel as segment ids).
    /// </summary>
    internal (Dictionary<string, object?> Catalog, Dictionary<string, object?> Credentials, Dictionary<string, string?> LoadVersions, string? SaveVersion) ToWorkerConfig()
    {
        var (catalog, credentials, loadVersions, saveVersion) = ToConfig();
        foreach (var name in catalog.Keys.ToList())
        {
            if (catalog[name] is IReadOnlyDictionary<string, object?> entry && IsSharedMemoryTypeName(entry.GetValueOrDefault("type") as string))
            {
                catalog.Remove(name);
                loadVersions.Remove(name);
            }
        }

        return (catalog, credentials, loadVersions, saveVersion);
    }

    /// <inheritdoc/>
    protected override IDataset CreateDataset(
        string name, IReadOnlyDictionary<string, object?> config, string? loadVersion, string? saveVersion)
    {
        ArgumentNullException.ThrowIfNull(config);
        var dataset = config.GetValueOrDefault("type") is string type && IsSharedMemoryTypeName(type) && !Registry.Contains(type)
            ? SharedMemoryTypes.Create(name, config, loadVersion, saveVersion)
            : base.CreateDataset(name, config, loadVersion, saveVersion);
        if (dataset is SharedMemoryDataset shared)
        {
            shared.DatasetName = name;
            if (Manager is { } manager)
            {
                shared.SetManager(manager);
            }
        }

        return dataset;
    }

    /// <summary>Kedro's <c>SharedMemoryDataCatalog.default_runtime_patterns</c>: <c>{default}</c> is a <see cref="SharedMemoryDataset"/>.</summary>
    private static Dictionary<string, object?> SharedMemoryRuntimePatterns() => new()
    {
        ["{default}"] = new Dictionary<string, object?> { ["type"] = "SharedMemoryDataset" },
    };

    private static bool IsSharedMemoryTypeName(string? type) =>
        type is not null && (type == typeof(SharedMemoryDataset).FullName || SharedMemoryTypeNames.Contains(type, StringComparer.Ordinal));
}
