using System.Collections;
using System.Text.RegularExpressions;
using Kedro.IO.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kedro.IO;

/// <summary>
/// The data catalog (Kedro's <c>DataCatalog</c>): datasets by name, created from configuration on first use, dataset
/// factory patterns, credentials, load and save versions, and the load/save/exists/release/confirm calls runners make.
/// </summary>
/// <remarks>
/// Datasets from configuration are created lazily, on first access. Names matching a dataset factory pattern are
/// "in" the catalog and are created and registered on first access. <see cref="Get"/> with
/// <c>fallbackToRuntimePattern</c> creates and registers a dataset for any name from the runtime pattern
/// (<c>{default}</c>: a <see cref="MemoryDataset"/>; a derived catalog passes other runtime patterns to the protected
/// constructor). Every member is safe to call from many threads at once; a dataset is created once even when many
/// threads ask for it together.
/// </remarks>
public partial class DataCatalog : IReadOnlyCollection<string>
{
    private readonly Lock _lock = new();
    private readonly OrderedDictionary<string, IDataset> _datasets = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, LazyDataset> _lazy = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _loadVersions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, object?>> _createdFrom = new(StringComparer.Ordinal);
    private readonly DatasetTypeRegistry _registry;
    private readonly ILogger _logger;
    private string? _saveVersion;

    /// <summary>Creates a catalog.</summary>
    /// <param name="datasets">Datasets by name; they win over configuration entries of the same name (with a warning).</param>
    /// <param name="configResolver">The configuration (plain entries and patterns); none when <see langword="null"/>.</param>
    /// <param name="loadVersions">The version to load per dataset name.</param>
    /// <param name="saveVersion">The version every versioned dataset saves.</param>
    /// <param name="registry">The dataset types <c>type:</c> may name; <see cref="DatasetTypeRegistry.Default"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where Kedro's catalog messages are logged; none when <see langword="null"/>.</param>
    /// <exception cref="DatasetException">A configuration entry is invalid.</exception>
    /// <exception cref="VersionAlreadyExistsException">Two datasets have different save versions.</exception>
    public DataCatalog(
        IDictionary<string, IDataset>? datasets = null,
        CatalogConfigResolver? configResolver = null,
        IReadOnlyDictionary<string, string>? loadVersions = null,
        string? saveVersion = null,
        DatasetTypeRegistry? registry = null,
        ILogger? logger = null)
        : this(datasets, configResolver, loadVersions, saveVersion, registry, logger, MemoryRuntimePatterns())
    {
    }

    /// <summary>Creates a catalog whose runtime fallback (<c>{default}</c>) creates other datasets than <see cref="MemoryDataset"/>.</summary>
    /// <param name="datasets">Datasets by name; they win over configuration entries of the same name (with a warning).</param>
    /// <param name="configResolver">The configuration; when <see langword="null"/> an empty one with <paramref name="defaultRuntimePatterns"/>.</param>
    /// <param name="loadVersions">The version to load per dataset name.</param>
    /// <param name="saveVersion">The version every versioned dataset saves.</param>
    /// <param name="registry">The dataset types <c>type:</c> may name; <see cref="DatasetTypeRegistry.Default"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where Kedro's catalog messages are logged.</param>
    /// <param name="defaultRuntimePatterns">The runtime patterns, for example <c>{default}: {type: SharedMemoryDataset}</c>.</param>
    protected DataCatalog(
        IDictionary<string, IDataset>? datasets,
        CatalogConfigResolver? configResolver,
        IReadOnlyDictionary<string, string>? loadVersions,
        string? saveVersion,
        DatasetTypeRegistry? registry,
        ILogger? logger,
        IDictionary<string, object?> defaultRuntimePatterns)
    {
        _logger = logger ?? NullLogger.Instance;
        _registry = registry ?? DatasetTypeRegistry.Default;
        ConfigResolver = configResolver ?? new CatalogConfigResolver(defaultRuntimePatterns: defaultRuntimePatterns, logger: _logger);
        _saveVersion = saveVersion;
        foreach (var (name, version) in loadVersions ?? new Dictionary<string, string>())
        {
            _loadVersions[name] = version;
        }

        foreach (var (name, dataset) in datasets ?? new Dictionary<string, IDataset>())
        {
            ValidateVersions(name, dataset);
            _datasets[name] = dataset;
        }

        foreach (var (name, config) in ConfigResolver.Config)
        {
            if (_datasets.ContainsKey(name))
            {
                _logger.DatasetAlreadyProvided(name);
                ConfigResolver.RemoveConfig(name);
            }
            else
            {
                _lazy[name] = CreateLazy(name, ConfigTree.CopyMapping(config));
            }
        }
    }

    /// <summary>The configuration resolver: plain entries, dataset factory patterns and runtime patterns.</summary>
    public CatalogConfigResolver ConfigResolver { get; }

    /// <summary>The dataset type registry this catalog creates datasets with.</summary>
    public DatasetTypeRegistry Registry => _registry;

    /// <summary>The version every versioned dataset saves (Kedro's <c>_save_version</c>).</summary>
    public string? SaveVersion
    {
        get
        {
            lock (_lock)
            {
                return _saveVersion;
            }
        }
    }

    /// <summary>The recorded load versions by dataset name (Kedro's <c>_load_versions</c>).</summary>
    public IReadOnlyDictionary<string, string> LoadVersions
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, string>(_loadVersions, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// The names of every dataset: those not yet created from configuration (in configuration order) followed by the
    /// created ones (in the order they were added). Pattern-matched names appear once they have been used.
    /// </summary>
    public IReadOnlyList<string> Keys
    {
        get
        {
            lock (_lock)
            {
                var keys = new List<string>(_lazy.Count + _datasets.Count);
                keys.AddRange(_lazy.Keys);
                keys.AddRange(_datasets.Keys);
                return keys;
            }
        }
    }

    /// <summary>The number of datasets in <see cref="Keys"/>.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _lazy.Count + _datasets.Count;
            }
        }
    }

    /// <summary>Gets a dataset (creating it from configuration or a pattern on first use), or adds or replaces one.</summary>
    /// <param name="name">The dataset name.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="DatasetNotFoundException">Getting a name that is neither registered nor matched by a pattern.</exception>
    /// <remarks>Setting an existing name replaces it and logs the warning <c>Replacing dataset '{name}'</c>. Use <see cref="Set"/> to add raw data.</remarks>
    public IDataset this[string name]
    {
        get => Get(name) ?? throw CatalogErrors.NotFound(name);
        set => Set(name, value);
    }

    /// <summary>
    /// Creates a catalog from configuration as parsed from <c>catalog.yml</c> (Kedro's <c>DataCatalog.from_config</c>):
    /// dataset name or factory pattern -> mapping with <c>type</c> and the dataset's arguments.
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
    public static DataCatalog FromConfig(
        IDictionary<string, object?>? config,
        IDictionary<string, object?>? credentials = null,
        IReadOnlyDictionary<string, string>? loadVersions = null,
        string? saveVersion = null,
        DatasetTypeRegistry? registry = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null)
    {
        var resolver = new CatalogConfigResolver(config, credentials, MemoryRuntimePatterns(), logger);
        ValidateLoadVersions(resolver, loadVersions);
        return new DataCatalog(
            datasets: null,
            resolver,
            loadVersions,
            saveVersion ?? DatasetVersions.GenerateTimestamp(timeProvider),
            registry,
            logger);
    }

    /// <summary>
    /// Gets a dataset. A configured dataset is created on first access; a name matching a dataset factory pattern is
    /// created and registered; with <paramref name="fallbackToRuntimePattern"/> any other name gets a dataset from the
    /// runtime pattern (a <see cref="MemoryDataset"/>), which is registered too.
    /// </summary>
    /// <param name="name">The dataset name.</param>
    /// <param name="fallbackToRuntimePattern">Whether to create a runtime dataset for an unknown name (runners do).</param>
    /// <param name="version">For a versioned dataset, a copy with this version is returned and the stored one is untouched; ignored otherwise.</param>
    /// <returns>The dataset, or <see langword="null"/> when the name is unknown and there is no fallback.</returns>
    /// <exception cref="DatasetException">The dataset's configuration cannot be turned into a dataset.</exception>
    public IDataset? Get(string name, bool fallbackToRuntimePattern = false, DatasetVersion? version = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        IDataset? dataset;
        lock (_lock)
        {
            if (!_datasets.TryGetValue(name, out dataset))
            {
                if (!_lazy.TryGetValue(name, out var lazy))
                {
                    var config = ConfigResolver.ResolveFromPatterns(name, fallbackToRuntimePattern);
                    if (config is null)
                    {
                        return null;
                    }

                    lazy = CreateLazy(name, config);
                }

                // A configured entry stays until its dataset is created: when creation fails, the next access
                // reports the same configuration error instead of finding the name gone.
                dataset = CreateDataset(lazy.Name, lazy.Config, lazy.LoadVersion, lazy.SaveVersion);
                ValidateVersions(name, dataset);
                _lazy.Remove(name);
                _datasets[name] = dataset;
                _createdFrom[name] = lazy.Config;
            }
        }

        return version is null ? dataset : WithVersion(name, dataset, version);
    }

    /// <summary>
    /// Adds or replaces a dataset. A value that is not an <see cref="IDataset"/> is raw data and is wrapped in a
    /// <see cref="MemoryDataset"/>, as Kedro's <c>catalog[name] = data</c> does.
    /// </summary>
    /// <param name="name">The dataset name.</param>
    /// <param name="value">A dataset, or data.</param>
    /// <exception cref="VersionAlreadyExistsException">The dataset's save version differs from the catalog's.</exception>
    public void Set(string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        var replacing = false;
        lock (_lock)
        {
            if (_datasets.ContainsKey(name) || _lazy.ContainsKey(name))
            {
                replacing = true;
                _datasets.Remove(name);
                _lazy.Remove(name);
                _loadVersions.Remove(name);
                _createdFrom.Remove(name);
                ConfigResolver.RemoveConfig(name);
            }

            if (value is IDataset dataset)
            {
                ValidateVersions(name, dataset);
            }
            else
            {
                dataset = new MemoryDataset(value);
            }

            _datasets[name] = dataset;
        }

        if (replacing)
        {
            _logger.ReplacingDataset(name);
        }

        if (value is not IDataset)
        {
            _logger.AddingInputData(name);
        }
    }

    /// <summary>
    /// Whether a name is in the catalog: registered, configured, or matched by a dataset factory pattern or the user
    /// catch-all pattern (case-insensitively). Runtime patterns are not considered.
    /// </summary>
    /// <param name="name">The dataset name.</param>
    /// <returns><see langword="true"/> when <see cref="Get"/> would return a dataset without the runtime fallback.</returns>
    public bool Contains(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            if (_datasets.ContainsKey(name) || _lazy.ContainsKey(name))
            {
                return true;
            }
        }

        return ConfigResolver.MatchesUserPattern(name);
    }

    /// <summary>Every dataset, created if needed, in <see cref="Keys"/> order (Kedro's <c>values()</c>).</summary>
    /// <returns>The datasets.</returns>
    public IReadOnlyList<IDataset> Values() => Items().Select(p => p.Value).ToList();

    /// <summary>Every name with its dataset, created if needed, in <see cref="Keys"/> order (Kedro's <c>items()</c>).</summary>
    /// <returns>The pairs.</returns>
    public IReadOnlyList<KeyValuePair<string, IDataset>> Items() =>
        Keys.Select(name => (Name: name, Dataset: Get(name)))
            .Where(p => p.Dataset is not null)
            .Select(p => KeyValuePair.Create(p.Name, p.Dataset!))
            .ToList();

    /// <summary>
    /// The type name of a dataset (Kedro's <c>get_type</c>; named so because <c>GetType</c> is taken): the full .NET name of
    /// a created dataset, or of the registered type a configured or pattern-matched one would get (without creating it).
    /// </summary>
    /// <param name="name">The dataset name.</param>
    /// <returns>The type name, or <see langword="null"/> when the name is not in the catalog.</returns>
    public string? GetDatasetType(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Dictionary<string, object?>? config;
        lock (_lock)
        {
            if (_datasets.TryGetValue(name, out var dataset))
            {
                return dataset.GetType().FullName;
            }

            config = _lazy.TryGetValue(name, out var lazy) ? lazy.Config : null;
        }

        config ??= ConfigResolver.ResolveFromPatterns(name, includeRuntime: false);
        return config is null ? null : _registry.DescribeType(config);
    }

    /// <summary>
    /// The names, in <see cref="Keys"/> order, whose name matches <paramref name="nameRegex"/> (a search, not a full
    /// match), whose type name matches <paramref name="typeRegex"/>, and whose type is exactly one of
    /// <paramref name="byType"/>; a <see langword="null"/> criterion keeps everything.
    /// </summary>
    /// <param name="nameRegex">A regular expression searched in each name.</param>
    /// <param name="typeRegex">A regular expression searched in each type name (see <see cref="GetDatasetType"/>).</param>
    /// <param name="byType">Dataset classes; a dataset must be of exactly one of them (not a subclass).</param>
    /// <returns>The matching names.</returns>
    /// <exception cref="ArgumentException">A regular expression is invalid.</exception>
    public IReadOnlyList<string> Filter(string? nameRegex = null, string? typeRegex = null, IEnumerable<Type>? byType = null) =>
        Filter(
            nameRegex is null ? null : new Regex(nameRegex, RegexOptions.None, TimeSpan.FromSeconds(1)),
            typeRegex is null ? null : new Regex(typeRegex, RegexOptions.None, TimeSpan.FromSeconds(1)),
            byType);

    /// <summary>As <see cref="Filter(string?, string?, IEnumerable{Type}?)"/>, with compiled expressions (for example case-insensitive ones).</summary>
    /// <param name="nameRegex">A regular expression searched in each name.</param>
    /// <param name="typeRegex">A regular expression searched in each type name.</param>
    /// <param name="byType">Dataset classes; a dataset must be of exactly one of them (not a subclass).</param>
    /// <returns>The matching names.</returns>
    public IReadOnlyList<string> Filter(Regex? nameRegex, Regex? typeRegex = null, IEnumerable<Type>? byType = null)
    {
        var typeNames = byType?.Select(t => t.FullName).ToHashSet(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var name in Keys)
        {
            if (nameRegex is not null && !nameRegex.IsMatch(name))
            {
                continue;
            }

            if (typeRegex is not null || typeNames is not null)
            {
                var type = GetDatasetType(name) ?? string.Empty;
                if ((typeRegex is not null && !typeRegex.IsMatch(type)) || (typeNames is not null && !typeNames.Contains(type)))
                {
                    continue;
                }
            }

            result.Add(name);
        }

        return result;
    }

    /// <summary>Returns the names in <see cref="Keys"/> order.</summary>
    /// <returns>An enumerator over a snapshot of the names.</returns>
    public IEnumerator<string> GetEnumerator() => Keys.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// One line per dataset, <c>'name': description</c>: a created dataset prints itself, a configured one its type
    /// name. Credentials never appear.
    /// </summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var lines = new List<string>();
        lock (_lock)
        {
            foreach (var (name, dataset) in _datasets)
            {
                lines.Add($"'{name}': {dataset}");
            }

            foreach (var (name, lazy) in _lazy)
            {
                lines.Add($"'{name}': {_registry.DescribeType(lazy.Config)}");
            }
        }

        return string.Join('\n', lines);
    }

    /// <summary>
    /// How to create the dataset <paramref name="name"/> again, elsewhere: the configuration it was (or will be) created
    /// from, with its credentials resolved in place, and its load and save versions. A runner that runs nodes in other
    /// processes or on other machines sends this; keep it out of logs, since it holds the credentials.
    /// </summary>
    /// <param name="name">The dataset name.</param>
    /// <returns>
    /// The specification, or <see langword="null"/> when the dataset was added in code rather than created from
    /// configuration (or is not in the catalog).
    /// </returns>
    public DatasetSpecification? GetSpecification(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            var config = _lazy.TryGetValue(name, out var lazy) ? lazy.Config : _createdFrom.GetValueOrDefault(name);
            return config is null
                ? null
                : new DatasetSpecification(name, ConfigTree.CopyMapping(config), _loadVersions.GetValueOrDefault(name), _saveVersion);
        }
    }

    /// <summary>
    /// The catalog as configuration (Kedro's <c>to_config()</c>): every configured or configuration-created dataset
    /// except memory datasets, with credentials moved out under <c>{name}_credentials</c>; the load versions of
    /// those datasets; and the save version.
    /// </summary>
    /// <returns>The configuration, the credentials it references, the load versions and the save version.</returns>
    public (Dictionary<string, object?> Catalog, Dictionary<string, object?> Credentials, Dictionary<string, string?> LoadVersions, string? SaveVersion) ToConfig()
    {
        var catalog = new Dictionary<string, object?>(StringComparer.Ordinal);
        var credentials = new Dictionary<string, object?>(StringComparer.Ordinal);
        var loadVersions = new Dictionary<string, string?>(StringComparer.Ordinal);
        lock (_lock)
        {
            var entries = _lazy.Select(p => (p.Key, Config: (Dictionary<string, object?>?)p.Value.Config, Dataset: (IDataset?)null))
                .Concat(_datasets.Select(p => (p.Key, Config: _createdFrom.GetValueOrDefault(p.Key), Dataset: (IDataset?)p.Value)));
            foreach (var (name, config, dataset) in entries)
            {
                if (dataset is MemoryDataset || config is null || _registry.IsMemoryType(config.GetValueOrDefault("type")))
                {
                    continue;
                }

                var (unresolved, found) = CatalogConfigResolver.UnresolveCredentials(name + "_credentials", config);
                catalog[name] = unresolved;
                foreach (var (key, value) in found)
                {
                    credentials[key] = value;
                }

                loadVersions[name] = _loadVersions.GetValueOrDefault(name);
            }

            return (catalog, credentials, loadVersions, _saveVersion);
        }
    }

    /// <summary>
    /// Creates a dataset from its resolved configuration; called once per name, under the catalog's lock. A derived
    /// catalog may change how datasets are made (for example to wrap them).
    /// </summary>
    /// <param name="name">The dataset name.</param>
    /// <param name="config">The resolved configuration, with <c>type</c>.</param>
    /// <param name="loadVersion">The load version recorded for the name.</param>
    /// <param name="saveVersion">The catalog's save version.</param>
    /// <returns>The dataset.</returns>
    protected virtual IDataset CreateDataset(
        string name, IReadOnlyDictionary<string, object?> config, string? loadVersion, string? saveVersion) =>
        _registry.Create(name, config, loadVersion, saveVersion, _logger);

    /// <summary>Checks that every <paramref name="loadVersions"/> key is a configured dataset or matches a dataset pattern.</summary>
    /// <param name="resolver">The catalog's configuration.</param>
    /// <param name="loadVersions">The load versions by dataset name.</param>
    /// <exception cref="DatasetNotFoundException">Some keys are not in the catalog; the message lists them.</exception>
    /// <exception cref="DatasetException">Some keys name datasets that are not versioned; the message lists them.</exception>
    protected static void ValidateLoadVersions(CatalogConfigResolver resolver, IReadOnlyDictionary<string, string>? loadVersions)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        var missing = (loadVersions?.Keys ?? [])
            .Where(name => !resolver.HasConfig(name) && resolver.MatchDatasetPattern(name) is null)
            .ToList();
        if (missing.Count > 0)
        {
            throw CatalogErrors.LoadVersionsNotFound(missing);
        }

        var notVersioned = (loadVersions?.Keys ?? [])
            .Where(name => (resolver.HasConfig(name) ? resolver.Config[name] : resolver.ResolveFromPatterns(name, includeRuntime: false)) is { } config
                && !ConfigTree.IsTruthy(config.GetValueOrDefault("versioned")))
            .ToList();
        if (notVersioned.Count > 0)
        {
            throw CatalogErrors.LoadVersionsNotVersioned(notVersioned);
        }
    }

    /// <summary>
    /// Kedro's <c>DataCatalog.default_runtime_patterns</c>: <c>{default}</c> is a <see cref="MemoryDataset"/>.
    /// Unlike Kedro's, it hands values over without copying (<c>copy_mode: assign</c>): a value passes from its
    /// producer to its consumers as it would in a plain program, so a chain of large arrays holds no extra copies.
    /// Declare a <see cref="MemoryDataset"/> with <see cref="CopyMode.DeepCopy"/> in the catalog where a consumer
    /// mutates its input and another consumer must not see that.
    /// </summary>
    /// <returns>A new dictionary with the pattern.</returns>
    protected static IDictionary<string, object?> MemoryRuntimePatterns() => new Dictionary<string, object?>
    {
        ["{default}"] = new Dictionary<string, object?> { ["type"] = "kedro.io.MemoryDataset", ["copy_mode"] = "assign" },
    };

    private LazyDataset CreateLazy(string name, Dictionary<string, object?> config)
    {
        // 'type: null' is accepted here and fails when the dataset is created, as in Kedro's lazy catalog.
        if (!config.ContainsKey("type"))
        {
            throw CatalogErrors.TypeMissing(name);
        }

        config.Remove("validator");
        return new LazyDataset(name, config, _loadVersions.GetValueOrDefault(name), _saveVersion);
    }
}
