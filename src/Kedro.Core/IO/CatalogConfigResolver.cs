using System.Collections.Concurrent;
using Kedro.IO.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kedro.IO;

/// <summary>
/// Resolves catalog configuration (Kedro's <c>CatalogConfigResolver</c>): credentials references, dataset
/// factory patterns such as <c>{name}_csv</c>, the optional user catch-all pattern and the runtime patterns
/// (<c>{default}</c>) that runners fall back to.
/// </summary>
/// <remarks>
/// Patterns match whole names, case-insensitively; a <c>{field}</c> takes one or more characters. Patterns are
/// ranked by specificity (characters outside braces, most first), then by number of placeholders (most
/// first), then by the pattern text, as in Kedro. This type is safe to use from many threads.
/// </remarks>
public sealed class CatalogConfigResolver
{
    /// <summary>The key of a credentials reference in dataset configuration.</summary>
    public const string CredentialsKey = "credentials";

    private static readonly IReadOnlyDictionary<string, object?> MemoryRuntimePatterns = new Dictionary<string, object?>
    {
        ["{default}"] = new Dictionary<string, object?> { ["type"] = "kedro.io.MemoryDataset" },
    };

    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Dictionary<string, object?>> _resolvedConfigs = new(StringComparer.Ordinal);
    private readonly List<string> _configOrder = [];
    private readonly List<(FactoryPattern Pattern, Dictionary<string, object?> Config)> _datasetPatterns = [];
    private readonly (FactoryPattern Pattern, Dictionary<string, object?> Config)? _userCatchAll;
    private readonly List<(FactoryPattern Pattern, Dictionary<string, object?> Config, bool HasFields)> _runtimePatterns = [];

    /// <summary>Creates a resolver.</summary>
    /// <param name="config">The catalog configuration: dataset name or pattern -> dataset configuration.</param>
    /// <param name="credentials">Credentials by name; a <c>credentials: name</c> entry is replaced by <c>credentials[name]</c>.</param>
    /// <param name="defaultRuntimePatterns">
    /// The patterns runners fall back to; when <see langword="null"/> a warning is logged and
    /// <c>{default}: {type: kedro.io.MemoryDataset}</c> is used, as in Kedro.
    /// </param>
    /// <param name="logger">Where warnings go; none when <see langword="null"/>.</param>
    /// <exception cref="DatasetException">An entry is not a mapping, a pattern uses placeholders its name lacks, or there is more than one catch-all pattern.</exception>
    /// <exception cref="KeyNotFoundException">A credentials reference names credentials that do not exist.</exception>
    public CatalogConfigResolver(
        IDictionary<string, object?>? config = null,
        IDictionary<string, object?>? credentials = null,
        IDictionary<string, object?>? defaultRuntimePatterns = null,
        ILogger? logger = null)
    {
        _logger = logger ?? NullLogger.Instance;
        IReadOnlyDictionary<string, object?> runtime;
        if (defaultRuntimePatterns is null)
        {
            runtime = MemoryRuntimePatterns;
            _logger.RuntimePatternsDefaulted("{'{default}': {'type': 'kedro.io.MemoryDataset'}}");
        }
        else
        {
            runtime = ConfigTree.CopyMapping(defaultRuntimePatterns);
        }

        foreach (var (pattern, patternConfig) in runtime)
        {
            var runtimeConfig = ConfigTree.CopyMapping(patternConfig);
            _runtimePatterns.Add((FactoryPattern.Parse(pattern), runtimeConfig, ConfigTree.Strings(runtimeConfig).Any(FactoryPattern.IsPattern)));
        }

        var creds = credentials is null ? [] : ConfigTree.CopyMapping(credentials);
        var patterns = new List<(FactoryPattern Pattern, Dictionary<string, object?> Config)>();
        foreach (var (name, entry) in config ?? new Dictionary<string, object?>())
        {
            if (!ConfigTree.IsMapping(entry))
            {
                throw CatalogErrors.NotAValidConfig(name);
            }

            var resolved = ResolveCredentials(name, ConfigTree.CopyMapping(entry), creds);
            if (IsPattern(name))
            {
                ValidatePatternConfig(name, resolved);
                patterns.Add((FactoryPattern.Parse(name), resolved));
            }
            else
            {
                _resolvedConfigs[name] = resolved;
                _configOrder.Add(name);
            }
        }

        patterns.Sort((x, y) =>
        {
            var bySpecificity = y.Pattern.Specificity.CompareTo(x.Pattern.Specificity);
            if (bySpecificity != 0)
            {
                return bySpecificity;
            }

            var byPlaceholders = y.Pattern.PlaceholderCount.CompareTo(x.Pattern.PlaceholderCount);
            return byPlaceholders != 0 ? byPlaceholders : string.CompareOrdinal(x.Pattern.Pattern, y.Pattern.Pattern);
        });
        var catchAll = patterns.Where(p => p.Pattern.Specificity == 0).Select(p => p.Pattern.Pattern).ToList();
        if (catchAll.Count > 1)
        {
            throw CatalogErrors.MultipleCatchAll(catchAll);
        }

        if (patterns.Count > 0 && patterns[^1].Pattern.Specificity == 0)
        {
            _userCatchAll = patterns[^1];
            patterns.RemoveAt(patterns.Count - 1);
        }

        _datasetPatterns.AddRange(patterns);
    }

    /// <summary>The resolved (credentials filled in) configuration of every plain, non-pattern entry, in configuration order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> Config
    {
        get
        {
            var result = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
            lock (_configOrder)
            {
                foreach (var name in _configOrder)
                {
                    if (_resolvedConfigs.TryGetValue(name, out var config))
                    {
                        result[name] = ConfigTree.CopyMapping(config);
                    }
                }
            }

            return result;
        }
    }

    /// <summary>The runtime patterns (for example <c>{default}</c>) this resolver falls back to.</summary>
    public IReadOnlyList<string> RuntimePatterns => _runtimePatterns.Select(p => p.Pattern.Pattern).ToList();

    /// <summary>Whether a catalog key is a dataset factory pattern: it contains <c>{</c>.</summary>
    /// <param name="name">A catalog key.</param>
    /// <returns><see langword="true"/> for a pattern.</returns>
    public static bool IsPattern(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return FactoryPattern.IsPattern(name);
    }

    /// <summary>
    /// The dataset patterns and the user catch-all with their configuration (credentials resolved in place), in matching
    /// order; the runtime patterns are not included. A derived catalog built from another one starts from these.
    /// </summary>
    /// <returns>Each pattern with a copy of its configuration.</returns>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyDictionary<string, object?>>> PatternConfigs()
    {
        var result = _datasetPatterns
            .Select(p => KeyValuePair.Create(p.Pattern.Pattern, (IReadOnlyDictionary<string, object?>)ConfigTree.CopyMapping(p.Config)))
            .ToList();
        if (_userCatchAll is { } catchAll)
        {
            result.Add(KeyValuePair.Create(catchAll.Pattern.Pattern, (IReadOnlyDictionary<string, object?>)ConfigTree.CopyMapping(catchAll.Config)));
        }

        return result;
    }

    /// <summary>
    /// All patterns in matching order: dataset patterns by specificity, then the user catch-all (if any), then
    /// the runtime patterns not already listed (Kedro's <c>list_patterns()</c>).
    /// </summary>
    /// <returns>The patterns.</returns>
    public IReadOnlyList<string> ListPatterns()
    {
        var result = _datasetPatterns.Select(p => p.Pattern.Pattern).ToList();
        if (_userCatchAll is { } catchAll)
        {
            result.Add(catchAll.Pattern.Pattern);
        }

        foreach (var (pattern, _, _) in _runtimePatterns)
        {
            if (!result.Contains(pattern.Pattern, StringComparer.Ordinal))
            {
                result.Add(pattern.Pattern);
            }
        }

        return result;
    }

    /// <summary>The first dataset pattern (not the catch-all) that matches a name.</summary>
    /// <param name="name">A dataset name.</param>
    /// <returns>The pattern, or <see langword="null"/>.</returns>
    public string? MatchDatasetPattern(string name) =>
        _datasetPatterns.FirstOrDefault(p => p.Pattern.Match(name) is not null).Pattern?.Pattern;

    /// <summary>The user catch-all pattern, when there is one and it matches the name.</summary>
    /// <param name="name">A dataset name.</param>
    /// <returns>The pattern, or <see langword="null"/>.</returns>
    public string? MatchUserCatchAllPattern(string name) =>
        _userCatchAll is { } c && c.Pattern.Match(name) is not null ? c.Pattern.Pattern : null;

    /// <summary>The runtime pattern used for a name (runtime patterns are catch-alls).</summary>
    /// <param name="name">A dataset name.</param>
    /// <returns>The pattern, or <see langword="null"/> when there are no runtime patterns.</returns>
    public string? MatchRuntimePattern(string name) =>
        _runtimePatterns.FirstOrDefault(p => p.Pattern.Match(name) is not null).Pattern?.Pattern
        ?? (_runtimePatterns.Count > 0 ? _runtimePatterns[0].Pattern.Pattern : null);

    /// <summary>The pattern that resolves a name: a dataset pattern, else the user catch-all, else the runtime pattern.</summary>
    /// <param name="name">A dataset name.</param>
    /// <returns>The pattern, or <see langword="null"/>.</returns>
    public string? MatchPattern(string name) =>
        MatchDatasetPattern(name) ?? MatchUserCatchAllPattern(name) ?? MatchRuntimePattern(name);

    /// <summary>
    /// The configuration for a name (Kedro's <c>resolve_pattern</c>): a plain entry's resolved configuration, or the
    /// matching pattern's configuration with every <c>{field}</c> replaced by the value captured from the name.
    /// </summary>
    /// <param name="name">A dataset name.</param>
    /// <returns>A fresh copy of the configuration; empty when nothing applies.</returns>
    public IReadOnlyDictionary<string, object?> ResolvePattern(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_resolvedConfigs.TryGetValue(name, out var plain))
        {
            return ConfigTree.CopyMapping(plain);
        }

        return ResolveFromPatterns(name, includeRuntime: true) ?? new Dictionary<string, object?>();
    }

    /// <summary>
    /// Moves the first non-empty <c>credentials</c> value of a configuration (searched depth-first) into a
    /// credentials dictionary under <paramref name="credentialsName"/>, leaving the name in its place
    /// (Kedro's <c>unresolve_credentials</c>).
    /// </summary>
    /// <param name="credentialsName">The reference name to put in the configuration, for example <c>cars_credentials</c>.</param>
    /// <param name="config">A resolved dataset configuration.</param>
    /// <returns>The configuration with the reference and the credentials it refers to.</returns>
    public static (Dictionary<string, object?> Config, Dictionary<string, object?> Credentials) UnresolveCredentials(
        string credentialsName, IReadOnlyDictionary<string, object?>? config)
    {
        var copy = ConfigTree.CopyMapping(config);
        var credentials = new Dictionary<string, object?>(StringComparer.Ordinal);
        Unresolve(copy);
        return (copy, credentials);

        bool Unresolve(Dictionary<string, object?> node)
        {
            foreach (var key in node.Keys.ToList())
            {
                var value = node[key];
                if (key == CredentialsKey && ConfigTree.IsTruthy(value))
                {
                    credentials[credentialsName] = ConfigTree.Copy(value);
                    node[key] = credentialsName;
                    return true;
                }

                if (value is Dictionary<string, object?> inner && Unresolve(inner))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Whether a plain entry with this name exists.</summary>
    internal bool HasConfig(string name) => _resolvedConfigs.ContainsKey(name);

    /// <summary>Removes a plain entry (a dataset given in code or assigned later wins over configuration).</summary>
    internal void RemoveConfig(string name)
    {
        lock (_configOrder)
        {
            if (_resolvedConfigs.TryRemove(name, out _))
            {
                _configOrder.Remove(name);
            }
        }
    }

    /// <summary>Whether a name matches a dataset pattern or the user catch-all (runtime patterns are not considered).</summary>
    internal bool MatchesUserPattern(string name) =>
        MatchDatasetPattern(name) is not null || MatchUserCatchAllPattern(name) is not null;

    /// <summary>The configuration a pattern gives a name, or <see langword="null"/> when no pattern applies.</summary>
    internal Dictionary<string, object?>? ResolveFromPatterns(string name, bool includeRuntime)
    {
        foreach (var (pattern, config) in _datasetPatterns)
        {
            if (pattern.Match(name) is { } values)
            {
                return Substitute(name, pattern, config, values);
            }
        }

        if (_userCatchAll is { } catchAll && catchAll.Pattern.Match(name) is { } catchAllValues)
        {
            _logger.CatchAllPatternUsed(catchAll.Pattern.Pattern, name);
            return Substitute(name, catchAll.Pattern, catchAll.Config, catchAllValues);
        }

        if (includeRuntime && _runtimePatterns.Count > 0)
        {
            // The runner asks for every intermediate here, so match each pattern once and copy a configuration
            // without fields as it is.
            foreach (var (pattern, config, hasFields) in _runtimePatterns)
            {
                if (pattern.Match(name) is { } values)
                {
                    return hasFields ? Substitute(name, pattern, config, values) : ConfigTree.CopyMapping(config);
                }
            }

            var (first, firstConfig, _) = _runtimePatterns[0];
            return Substitute(name, first, firstConfig, new Dictionary<string, string>());
        }

        return null;
    }

    private static Dictionary<string, object?> Substitute(
        string name, FactoryPattern pattern, Dictionary<string, object?> config, IReadOnlyDictionary<string, string> values) =>
        (Dictionary<string, object?>)ConfigTree.MapStrings(
            config,
            s => s.Contains('}', StringComparison.Ordinal) ? FactoryPattern.Format(s, values, pattern.Pattern, name) : s)!;

    private static void ValidatePatternConfig(string pattern, Dictionary<string, object?> config)
    {
        var namePlaceholders = FactoryPattern.Placeholders(pattern).ToHashSet(StringComparer.Ordinal);
        var configPlaceholders = ConfigTree.Strings(config)
            .Where(s => s.Contains('}', StringComparison.Ordinal))
            .SelectMany(FactoryPattern.Placeholders)
            .ToHashSet(StringComparer.Ordinal);
        configPlaceholders.ExceptWith(namePlaceholders);
        if (configPlaceholders.Count > 0)
        {
            throw CatalogErrors.IncorrectPatternConfig(configPlaceholders, pattern);
        }
    }

    private static Dictionary<string, object?> ResolveCredentials(
        string dataset, Dictionary<string, object?> config, Dictionary<string, object?> credentials)
    {
        foreach (var key in config.Keys.ToList())
        {
            config[key] = ResolveValue(key, config[key]);
        }

        return config;

        object? ResolveValue(string key, object? value)
        {
            if (key == CredentialsKey && value is string reference)
            {
                if (!credentials.TryGetValue(reference, out var found))
                {
                    throw CatalogErrors.CredentialsNotFound(reference);
                }

                return found is null || ConfigTree.IsMapping(found)
                    ? ConfigTree.Copy(found)
                    : throw CatalogErrors.CredentialsNotAMapping(dataset, reference, found);
            }

            if (key == CredentialsKey && value is not null && !ConfigTree.IsMapping(value))
            {
                throw CatalogErrors.CredentialsNotAMapping(dataset, reference: null, value);
            }

            if (value is Dictionary<string, object?> inner)
            {
                foreach (var innerKey in inner.Keys.ToList())
                {
                    inner[innerKey] = ResolveValue(innerKey, inner[innerKey]);
                }
            }

            return value;
        }
    }
}
