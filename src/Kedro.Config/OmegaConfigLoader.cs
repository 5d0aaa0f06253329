using Kedro.Config.Internal;
using Microsoft.Extensions.Logging;

namespace Kedro.Config;

/// <summary>
/// Kedro's configuration loader. For a key such as <c>"catalog"</c>, <c>"parameters"</c>, <c>"credentials"</c> or
/// <c>"globals"</c> it reads the YAML/JSON files matching the key's glob patterns in <c>conf/base</c> and in the run
/// environment's folder (<c>conf/local</c> by default), merges the files of each folder (a key defined in two files of
/// one folder is an error), resolves <c>${...}</c> interpolations within each folder, and lays the run environment over
/// base. Every access loads the files again and returns a fresh tree of dictionaries, lists and scalars.
/// </summary>
/// <remarks>
/// Interpolations: <c>${a.b}</c> (a key of the same configuration in the same folder), <c>${globals:key,default}</c>,
/// <c>${runtime_params:key,default}</c>, <c>${oc.env:VAR,default}</c> (credentials only) and custom resolvers.
/// Top-level keys starting with <c>_</c> can be referenced but are removed from the result (except in parameters).
/// Runtime parameters are merged over the parameters of each folder that has parameter files.
/// </remarks>
public sealed class OmegaConfigLoader
{
    private const string Globals = "globals";
    private const string Parameters = "parameters";
    private const string Credentials = "credentials";

    private static readonly IReadOnlyDictionary<string, Func<IReadOnlyList<object?>, object?>> NoResolvers =
        new Dictionary<string, Func<IReadOnlyList<object?>, object?>>(StringComparer.Ordinal);

    private readonly Dictionary<string, object?> _runtimeParams;
    private readonly Dictionary<string, Dictionary<string, object?>> _assigned = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, Func<IReadOnlyList<object?>, object?>> _customResolvers;
    private readonly ILogger? _logger;
    private Dictionary<string, object?>? _globals;

    /// <summary>Creates a loader; nothing is read until a key is accessed.</summary>
    /// <param name="confSource">The configuration folder (Kedro's <c>conf</c>).</param>
    /// <param name="env">The run environment; <see langword="null"/> uses <paramref name="defaultRunEnv"/>.</param>
    /// <param name="runtimeParams">Parameters given at run time (<c>--params</c>); they override <c>parameters</c> and feed <c>${runtime_params:...}</c>.</param>
    /// <param name="baseEnv">The base environment folder; <c>""</c> reads <paramref name="confSource"/> itself.</param>
    /// <param name="defaultRunEnv">The environment used when <paramref name="env"/> is not given.</param>
    /// <param name="configPatterns">Glob patterns per key, merged over <see cref="DefaultConfigPatterns"/>.</param>
    /// <param name="logger">Receives debug messages (never configuration values).</param>
    /// <param name="mergeStrategy">Per key, how the run environment is laid over base: <c>"destructive"</c> (the default:
    /// top-level keys are replaced whole) or <c>"soft"</c> (a recursive merge).</param>
    /// <param name="customResolvers">Extra interpolation resolvers by name (<c>${name:arg1,arg2}</c>); each receives the
    /// typed arguments and returns the value.</param>
    /// <param name="ignoreHidden">Whether files and folders whose name starts with '.' are skipped.</param>
    public OmegaConfigLoader(
        string confSource,
        string? env = null,
        IReadOnlyDictionary<string, object?>? runtimeParams = null,
        string baseEnv = "base",
        string defaultRunEnv = "local",
        IReadOnlyDictionary<string, IReadOnlyList<string>>? configPatterns = null,
        ILogger? logger = null,
        IReadOnlyDictionary<string, string>? mergeStrategy = null,
        IReadOnlyDictionary<string, Func<IReadOnlyList<object?>, object?>>? customResolvers = null,
        bool ignoreHidden = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(confSource);
        ConfSource = confSource;
        BaseEnv = baseEnv ?? string.Empty;
        DefaultRunEnv = defaultRunEnv ?? string.Empty;
        Env = env ?? DefaultRunEnv;
        var patterns = new Dictionary<string, IReadOnlyList<string>>(DefaultConfigPatterns, StringComparer.Ordinal);
        foreach (var pair in configPatterns ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            patterns[pair.Key] = [.. pair.Value];
        }

        ConfigPatterns = patterns;
        _runtimeParams = ConfigTree.CopyMapping(runtimeParams, normalizeScalars: true);
        MergeStrategy = new Dictionary<string, string>(mergeStrategy ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        _customResolvers = customResolvers ?? NoResolvers;
        IgnoreHidden = ignoreHidden;
        _logger = logger;
    }

    /// <summary>Kedro's default patterns: <c>catalog*</c>, <c>parameters*</c>, <c>credentials*</c> (each also as a folder
    /// and at any depth) and <c>globals.yml</c>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> DefaultConfigPatterns { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["catalog"] = ["catalog*", "catalog*/**", "**/catalog*"],
            [Parameters] = ["parameters*", "parameters*/**", "**/parameters*"],
            [Credentials] = ["credentials*", "credentials*/**", "**/credentials*"],
            [Globals] = ["globals.yml"],
        };

    /// <summary>The configuration folder.</summary>
    public string ConfSource { get; }

    /// <summary>The run environment: the one given, else <see cref="DefaultRunEnv"/>.</summary>
    public string Env { get; }

    /// <summary>The base environment folder name (<c>base</c>).</summary>
    public string BaseEnv { get; }

    /// <summary>The environment used when none is given (<c>local</c>).</summary>
    public string DefaultRunEnv { get; }

    /// <summary>The glob patterns per key: the defaults with the given patterns merged over them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ConfigPatterns { get; }

    /// <summary>The runtime parameters.</summary>
    public IReadOnlyDictionary<string, object?> RuntimeParams => _runtimeParams;

    /// <summary>The merge strategy per key (<c>destructive</c> when a key is absent).</summary>
    public IReadOnlyDictionary<string, string> MergeStrategy { get; }

    /// <summary>Whether hidden files and folders are skipped.</summary>
    public bool IgnoreHidden { get; }

    /// <summary>The keys that can be loaded: those with patterns.</summary>
    public IEnumerable<string> Keys => ConfigPatterns.Keys;

    /// <summary>
    /// Loads a key's configuration (fresh on every access), or returns a copy of the value assigned to it.
    /// Assigning replaces loading for that key; assigning <c>"globals"</c> also changes what <c>${globals:...}</c> sees.
    /// </summary>
    /// <param name="key">A key with patterns, such as <c>"catalog"</c>.</param>
    /// <exception cref="KeyNotFoundException">The key has no patterns.</exception>
    /// <exception cref="MissingConfigException">A configuration folder does not exist, or no file matches the key's patterns.</exception>
    /// <exception cref="BadConfigException">A file is invalid, a key is duplicated, or an interpolation cannot be resolved.</exception>
    public Dictionary<string, object?> this[string key]
    {
        get => Load(key);
        set
        {
            ArgumentNullException.ThrowIfNull(key);
            var copy = ConfigTree.CopyMapping(value, normalizeScalars: true);
            _assigned[key] = copy;
            if (key == Globals)
            {
                _globals = ConfigTree.CopyMapping(copy);
            }
        }
    }

    /// <summary>Like the indexer, but <see langword="null"/> for a key that has no patterns and no assigned value.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The configuration, or <see langword="null"/>.</returns>
    public Dictionary<string, object?>? Get(string key) =>
        _assigned.ContainsKey(key) || ConfigPatterns.ContainsKey(key) ? this[key] : null;

    /// <summary>
    /// Where a key of a configuration is written, for messages that point at the file: the first file of the run
    /// environment, then of <see cref="BaseEnv"/>, matching the configuration's patterns that declares the key, with the
    /// line and column the loader read it at. The files are read again (as every load reads them); values are not resolved.
    /// </summary>
    /// <param name="key">The configuration, such as <c>"catalog"</c> or <c>"parameters"</c>.</param>
    /// <param name="path">The key within it, outermost first: <c>["companies"]</c>, or <c>["model", "test_size"]</c>.</param>
    /// <returns>The location, or <see langword="null"/> when no readable file declares the key, the configuration has no
    /// patterns, or the configuration folder is not a local folder.</returns>
    public ConfigLocation? Locate(string key, IReadOnlyList<string> path)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(path);
        if (path.Count == 0 || !ConfigPatterns.TryGetValue(key, out var patterns))
        {
            return null;
        }

        var environments = Env == BaseEnv ? [BaseEnv] : new[] { Env, BaseEnv };
        foreach (var folder in environments.Select(environment => Path.Combine(ConfSource, environment)).Where(Directory.Exists))
        {
            foreach (var file in ConfigFiles.Find(ConfSource, folder, patterns, IgnoreHidden))
            {
                if (TryReadFile(file) is { } root && KeyMark(root, path) is { HasLine: true } mark)
                {
                    return new ConfigLocation(file, mark.Line, mark.Column);
                }
            }
        }

        return null;

        static MapNode? TryReadFile(string file)
        {
            try
            {
                return YamlReader.ReadFile(file);
            }
            catch (Exception e) when (e is BadConfigException or IOException or UnauthorizedAccessException)
            {
                return null; // a file that cannot be read locates nothing; loading it reports the problem
            }
        }
    }

    private static SourceMark? KeyMark(MapNode root, IReadOnlyList<string> path)
    {
        var map = root;
        for (var i = 0; ; i++)
        {
            if (!map.Entries.TryGetValue(path[i], out var value))
            {
                return null;
            }

            if (i == path.Count - 1)
            {
                return map.KeyMarks.TryGetValue(path[i], out var mark) ? mark : value.Mark;
            }

            if (value is not MapNode inner)
            {
                return null;
            }

            map = inner;
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"OmegaConfigLoader(conf_source={ConfSource}, env={Env}, runtime_params={PythonLiterals.Repr(ConfigTree.Copy(_runtimeParams))}, "
        + $"config_patterns={PythonLiterals.Dict(ConfigPatterns)}, "
        + $"base_env={BaseEnv}, default_run_env={DefaultRunEnv}, merge_strategy={PythonLiterals.Dict(MergeStrategy)})";

    private Dictionary<string, object?> Load(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_assigned.TryGetValue(key, out var assigned))
        {
            return ConfigTree.CopyMapping(assigned);
        }

        if (!ConfigPatterns.TryGetValue(key, out var patterns))
        {
            throw ConfigErrors.NoPatterns(key);
        }

        if (key != Globals)
        {
            _globals ??= LoadGlobals();
        }

        var processed = 0;
        var basePath = Path.Combine(ConfSource, BaseEnv);
        var config = LoadFolder(basePath, key, patterns, ref processed);
        if (Env == BaseEnv)
        {
            return config;
        }

        var envPath = Path.Combine(ConfSource, Env);
        var envConfig = LoadFolder(envPath, key, patterns, ref processed);
        var result = Merge(config, envConfig, key, envPath);
        if (processed == 0 && key != Globals)
        {
            throw ConfigErrors.NoFiles(basePath, envPath, patterns);
        }

        return result;
    }

    private Dictionary<string, object?> LoadGlobals()
    {
        if (!ConfigPatterns.ContainsKey(Globals))
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        try
        {
            return Load(Globals);
        }
        catch (MissingConfigException)
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }
    }

    private Dictionary<string, object?> LoadFolder(string folder, string key, IReadOnlyList<string> patterns, ref int processed)
    {
        if (!Directory.Exists(folder))
        {
            throw ConfigErrors.ConfigPathMissing(folder);
        }

        var files = ConfigFiles.Find(ConfSource, folder, patterns, IgnoreHidden);
        _logger?.LoadingConfigFiles(key, files.Count, folder);
        var perFile = files.Select(file => (File: file, Root: YamlReader.ReadFile(file))).ToList();
        processed += perFile.Count;
        CheckDuplicates(key, perFile);
        if (perFile.Count == 0)
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        Dictionary<string, object?> resolved;
        if (key == Credentials)
        {
            // As Kedro does for credentials, each file's interpolations are resolved on their own, before the files are merged.
            resolved = perFile
                .Select(entry => Resolve(entry.Root, key))
                .Aggregate((current, next) => ConfigTree.Merge(current, next, ConfigErrors.CannotMergeMappingWithList));
        }
        else
        {
            var merged = perFile.Skip(1).Aggregate(perFile[0].Root, (current, next) => NodeMerge.Deep(current, next.Root));
            if (key == Parameters && _runtimeParams.Count > 0)
            {
                merged = NodeMerge.Deep(merged, (MapNode)ConfigNode.FromPlain(_runtimeParams, SourceMark.RuntimeParameters));
            }

            resolved = Resolve(merged, key);
        }

        if (key == Parameters)
        {
            return resolved;
        }

        // A new dictionary rather than removals, which would let later insertions take the removed keys' places.
        var visible = new Dictionary<string, object?>(resolved.Count, StringComparer.Ordinal);
        foreach (var pair in resolved.Where(pair => !pair.Key.StartsWith('_')))
        {
            visible.Add(pair.Key, pair.Value);
        }

        return visible;
    }

    private Dictionary<string, object?> Resolve(MapNode root, string key)
    {
        Func<Dictionary<string, object?>> globals = () => _globals ?? new Dictionary<string, object?>(StringComparer.Ordinal);
        return new Interpolator(root, key, globals, _runtimeParams, _customResolvers).ResolveRoot();
    }

    private static void CheckDuplicates(string key, List<(string File, MapNode Root)> perFile)
    {
        var keysPerFile = perFile
            .Select(entry => key == Parameters ? NodeMerge.LeafKeys(entry.Root) : NodeMerge.TopLevelKeys(entry.Root))
            .ToList();
        var duplicates = new List<string>();
        var locations = new List<string>();
        for (var i = 0; i < perFile.Count; i++)
        {
            for (var j = i + 1; j < perFile.Count; j++)
            {
                var overlap = keysPerFile[i].Keys.Where(name => keysPerFile[j].ContainsKey(name) && !name.StartsWith('_')).ToList();
                if (overlap.Count == 0)
                {
                    continue;
                }

                duplicates.Add(ConfigErrors.DuplicateKeys(perFile[i].File, perFile[j].File, overlap));
                locations.AddRange(overlap.Order(StringComparer.Ordinal)
                    .Select(name => ConfigErrors.DuplicateKeyLocation(name, keysPerFile[i][name], keysPerFile[j][name])));
            }
        }

        if (duplicates.Count > 0)
        {
            throw ConfigErrors.DuplicateKeysAcrossFiles(duplicates, locations, perFile[0].File);
        }
    }

    private Dictionary<string, object?> Merge(Dictionary<string, object?> config, Dictionary<string, object?> envConfig, string key, string envPath)
    {
        var strategy = MergeStrategy.GetValueOrDefault(key, "destructive");
        if (strategy.Equals("soft", StringComparison.OrdinalIgnoreCase))
        {
            return ConfigTree.Merge(config, envConfig, ConfigErrors.CannotMergeMappingWithList);
        }

        if (!strategy.Equals("destructive", StringComparison.OrdinalIgnoreCase))
        {
            throw ConfigErrors.MergeStrategy(strategy);
        }

        var common = config.Keys.Intersect(envConfig.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (common.Count > 0 && key != Credentials && _logger is not null && _logger.IsEnabled(LogLevel.Debug))
        {
            _logger.OverridingTopLevelKeys(envPath, string.Join(", ", common));
        }

        foreach (var pair in envConfig)
        {
            config[pair.Key] = pair.Value;
        }

        return config;
    }
}
