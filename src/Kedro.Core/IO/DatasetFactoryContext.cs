using System.Globalization;
using Kedro.IO.Internal;

namespace Kedro.IO;

/// <summary>
/// What a dataset factory registered in a <see cref="DatasetTypeRegistry"/> receives: the dataset's name, its
/// configuration arguments (everything except <c>type</c>, <c>versioned</c> and <c>version</c>; credentials
/// already resolved) and, for a versioned dataset, the versions to load and save.
/// </summary>
public sealed class DatasetFactoryContext
{
    internal DatasetFactoryContext(
        string datasetName,
        string typeName,
        IReadOnlyDictionary<string, object?> arguments,
        DatasetVersion? version,
        string? loadVersion,
        string? saveVersion,
        DatasetTypeRegistry registry)
    {
        DatasetName = datasetName;
        TypeName = typeName;
        Arguments = arguments;
        Version = version;
        LoadVersion = loadVersion;
        SaveVersion = saveVersion;
        Registry = registry;
    }

    /// <summary>The dataset's name in the catalog.</summary>
    public string DatasetName { get; }

    /// <summary>The registered name of the dataset type.</summary>
    public string TypeName { get; }

    /// <summary>The constructor arguments from configuration, in configuration order.</summary>
    public IReadOnlyDictionary<string, object?> Arguments { get; }

    /// <summary>The version to give the dataset when the configuration says <c>versioned: true</c>; otherwise <see langword="null"/>.</summary>
    public DatasetVersion? Version { get; }

    /// <summary>The load version the catalog has for this dataset, whether or not it is versioned (used by wrappers).</summary>
    public string? LoadVersion { get; }

    /// <summary>The catalog's save version (used by wrappers).</summary>
    public string? SaveVersion { get; }

    /// <summary>The registry creating the dataset, to create wrapped datasets from nested configuration.</summary>
    public DatasetTypeRegistry Registry { get; }

    /// <summary>Refuses arguments the dataset type does not take.</summary>
    /// <param name="allowed">The argument names the type accepts.</param>
    /// <exception cref="ArgumentException">An argument is not among <paramref name="allowed"/>.</exception>
    public void EnsureOnlyArguments(params IEnumerable<string> allowed)
    {
        var names = allowed.ToHashSet(StringComparer.Ordinal);
        foreach (var key in Arguments.Keys)
        {
            if (!names.Contains(key))
            {
                throw CatalogErrors.UnexpectedArgument(TypeName, key);
            }
        }
    }

    /// <summary>Whether an argument is present (even when its value is null).</summary>
    /// <param name="name">The argument name.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Has(string name) => Arguments.ContainsKey(name);

    /// <summary>An argument converted to <typeparamref name="T"/>, or <paramref name="defaultValue"/> when absent or null.</summary>
    /// <typeparam name="T">The wanted type; numbers and strings are converted with the invariant culture.</typeparam>
    /// <param name="name">The argument name.</param>
    /// <param name="defaultValue">The value when the argument is absent.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The value cannot be converted.</exception>
    public T? Get<T>(string name, T? defaultValue = default)
    {
        if (!Arguments.TryGetValue(name, out var value) || value is null)
        {
            return defaultValue;
        }

        if (value is T typed)
        {
            return typed;
        }

        try
        {
            var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
            return target.IsEnum
                ? (T)Enum.Parse(target, Convert.ToString(value, CultureInfo.InvariantCulture)!, ignoreCase: true)
                : (T)Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException or ArgumentException)
        {
            throw CatalogErrors.ArgumentOfWrongType(name, TypeName, typeof(T), value, e);
        }
    }

    /// <summary>Creates a dataset from nested configuration (for example the <c>dataset:</c> of a wrapper) with the same registry.</summary>
    /// <param name="name">The name to report in errors.</param>
    /// <param name="config">The nested configuration, with its own <c>type</c>.</param>
    /// <returns>The dataset.</returns>
    public IDataset CreateDataset(string name, IReadOnlyDictionary<string, object?> config) =>
        Registry.Create(name, config, LoadVersion, SaveVersion);
}
