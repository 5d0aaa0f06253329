using System.Collections.Concurrent;
using Kedro.IO.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kedro.IO;

/// <summary>
/// The dataset types that <c>type:</c> in catalog configuration may name. Kedro imports the class named in the
/// file; Kedro.NET only creates types registered here, by name or alias, so a configuration file can never make
/// the process load an arbitrary type.
/// </summary>
/// <remarks>
/// <see cref="Default"/> is shared by every catalog that is not given its own registry; packages such as
/// Kedro.Datasets register their types there. Built in: <c>MemoryDataset</c> (aliases <c>kedro.io.MemoryDataset</c>,
/// <c>io.MemoryDataset</c>, <c>kedro.io.memory_dataset.MemoryDataset</c>, <c>Kedro.IO.MemoryDataset</c>) and
/// <c>CachedDataset</c> (its <c>dataset:</c> entry is the wrapped dataset's configuration). A name is looked up as
/// written, then without a leading <c>kedro_datasets.</c> or <c>kedro.io.</c>. This type is safe to use from many threads.
/// </remarks>
public sealed class DatasetTypeRegistry
{
    private readonly ConcurrentDictionary<string, Registration> _types = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _unavailable = new(StringComparer.Ordinal);

    /// <summary>Creates a registry holding the built-in types.</summary>
    public DatasetTypeRegistry()
    {
        Register(typeof(MemoryDataset), CreateMemoryDataset,
            ["MemoryDataset", "kedro.io.MemoryDataset", "io.MemoryDataset", "kedro.io.memory_dataset.MemoryDataset"]);
        Register(typeof(CachedDataset), CreateCachedDataset,
            ["CachedDataset", "kedro.io.CachedDataset", "io.CachedDataset", "kedro.io.cached_dataset.CachedDataset"]);
    }

    /// <summary>The registry used by catalogs that are not given one.</summary>
    public static DatasetTypeRegistry Default { get; } = new();

    /// <summary>Every registered name and alias.</summary>
    public IReadOnlyCollection<string> TypeNames => _types.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Registers a dataset type under a name and aliases; a later registration of a name replaces the earlier one.</summary>
    /// <param name="typeName">The name used in <c>type:</c>, and the type name the catalog reports for datasets configured with it.</param>
    /// <param name="factory">Creates the dataset from its configuration; throw <see cref="ArgumentException"/> for arguments the type does not take.</param>
    /// <param name="aliases">Other names for the same type, for example Kedro's <c>pandas.CSVDataset</c>.</param>
    /// <returns>This registry, to chain registrations.</returns>
    public DatasetTypeRegistry Register(string typeName, Func<DatasetFactoryContext, IDataset> factory, params IEnumerable<string> aliases)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(typeName);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(aliases);
        var registration = new Registration(typeName, factory, factory);
        foreach (var name in aliases.Prepend(typeName))
        {
            _types[name] = registration;
        }

        return this;
    }

    /// <summary>
    /// Registers a dataset class under its short name (for example <c>TextDataset</c>) and its full name (for example
    /// <c>MyProject.TextDataset</c>), plus aliases; the catalog reports the full name as the dataset's type.
    /// </summary>
    /// <typeparam name="TDataset">The dataset class.</typeparam>
    /// <param name="factory">Creates the dataset from its configuration; throw <see cref="ArgumentException"/> for arguments the type does not take.</param>
    /// <param name="aliases">Other names for the same type.</param>
    /// <returns>This registry, to chain registrations.</returns>
    public DatasetTypeRegistry Register<TDataset>(Func<DatasetFactoryContext, TDataset> factory, params IEnumerable<string> aliases)
        where TDataset : IDataset
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(aliases);
        return Register(typeof(TDataset), context => factory(context), aliases.Prepend(typeof(TDataset).Name), factory);
    }

    /// <summary>
    /// Records that a type name has no dataset in this registry and says how to proceed, for names that a Kedro catalog
    /// may use but that have no Kedro.NET counterpart (for example <c>spark.SparkDataset</c>) or whose counterpart lives
    /// in a package that is not registered. A catalog entry of that type then fails with <paramref name="guidance"/>
    /// instead of Kedro's <c>Class '{typeName}' not found, is this a typo?</c>. A registration of the name (before or
    /// after) always wins; <see cref="Contains"/> stays <see langword="false"/> for a name only described here.
    /// </summary>
    /// <param name="typeName">The type name as written in <c>type:</c> (a leading <c>kedro_datasets.</c> is matched too).</param>
    /// <param name="guidance">
    /// The whole explanation, in sentences: that Kedro.NET has no such type (or which package has it), the nearest type it
    /// has, and how to proceed.
    /// </param>
    /// <returns>This registry, to chain calls.</returns>
    public DatasetTypeRegistry DescribeUnavailable(string typeName, string guidance)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(typeName);
        ArgumentException.ThrowIfNullOrWhiteSpace(guidance);
        _unavailable[typeName] = guidance;
        return this;
    }

    /// <summary>What <see cref="DescribeUnavailable"/> recorded for a type name, or <see langword="null"/>.</summary>
    /// <param name="typeName">A name as written in <c>type:</c>.</param>
    /// <returns>The guidance, or <see langword="null"/> when the name is registered or was never described.</returns>
    public string? GetUnavailableGuidance(string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        if (Find(typeName) is not null)
        {
            return null;
        }

        if (_unavailable.TryGetValue(typeName, out var guidance))
        {
            return guidance;
        }

        foreach (var prefix in (ReadOnlySpan<string>)["kedro_datasets.", "kedro.io."])
        {
            if (typeName.StartsWith(prefix, StringComparison.Ordinal) && _unavailable.TryGetValue(typeName[prefix.Length..], out guidance))
            {
                return guidance;
            }
        }

        return null;
    }

    /// <summary>Whether a type name (or alias) is registered.</summary>
    /// <param name="typeName">A name as written in <c>type:</c>.</param>
    /// <returns><see langword="true"/> when the name resolves.</returns>
    public bool Contains(string typeName) => Find(typeName) is not null;

    /// <summary>The type name the catalog reports for a configured type: the full .NET name when known, else the registered name.</summary>
    /// <param name="typeName">A name as written in <c>type:</c>.</param>
    /// <returns>The reported name, or <see langword="null"/> when the name is not registered.</returns>
    public string? GetTypeName(string typeName) => Find(typeName)?.TypeName;

    /// <summary>
    /// Creates a dataset from its configuration, as Kedro's <c>AbstractDataset.from_config</c> does: <c>type</c> picks the
    /// factory, <c>versioned: true</c> gives the dataset <c>DatasetVersion(loadVersion, saveVersion)</c>, a <c>version</c>
    /// key is dropped with a warning, every other key is an argument.
    /// </summary>
    /// <param name="datasetName">The dataset's name, used in messages.</param>
    /// <param name="config">The dataset configuration (credentials already resolved).</param>
    /// <param name="loadVersion">The version to load when versioned; <see langword="null"/> for the latest.</param>
    /// <param name="saveVersion">The version to save when versioned.</param>
    /// <param name="logger">Where warnings go.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="DatasetException">The type is missing or not registered, or the factory refused the configuration.</exception>
    public IDataset Create(
        string datasetName,
        IReadOnlyDictionary<string, object?> config,
        string? loadVersion = null,
        string? saveVersion = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(datasetName);
        ArgumentNullException.ThrowIfNull(config);
        logger ??= NullLogger.Instance;
        var arguments = ConfigTree.CopyMapping(config);
        if (!arguments.Remove("type", out var typeValue))
        {
            throw CatalogErrors.TypeMissing(datasetName);
        }

        var registration = Resolve(datasetName, typeValue, logger);
        if (arguments.Remove("version"))
        {
            logger.VersionAttributeRemoved();
        }

        var versioned = arguments.Remove("versioned", out var versionedValue) && ConfigTree.IsTruthy(versionedValue);
        var context = new DatasetFactoryContext(
            datasetName,
            registration.TypeName,
            arguments,
            versioned ? new DatasetVersion(loadVersion, saveVersion) : null,
            loadVersion,
            saveVersion,
            this);
        try
        {
            return registration.Factory(context);
        }
        catch (ArgumentException e)
        {
            throw CatalogErrors.InvalidArguments(datasetName, registration.TypeName, e);
        }
#pragma warning disable CA1031 // Kedro turns any constructor failure into a DatasetError naming the dataset and type.
        catch (Exception e)
#pragma warning restore CA1031
        {
            throw CatalogErrors.FailedToInstantiate(datasetName, registration.TypeName, e);
        }
    }

    /// <summary>The reported type name for a configuration's <c>type</c>, or the name as written when it is not registered.</summary>
    internal string? DescribeType(IReadOnlyDictionary<string, object?> config) =>
        config.TryGetValue("type", out var type) && type is string name ? GetTypeName(name) ?? name : null;

    /// <summary>Whether a configuration's <c>type</c> is the memory dataset (Kedro's <c>_is_memory_dataset</c>).</summary>
    internal bool IsMemoryType(object? type) =>
        type is string name && Find(name)?.TypeName == typeof(MemoryDataset).FullName;

    /// <summary>
    /// The registration that <paramref name="typeName"/> resolves to: the reported type name, every name and alias it is
    /// registered under, and the factory as it was given, so another registry (in another process, for example) can
    /// register the same factory under the same names.
    /// </summary>
    /// <param name="typeName">A type name or alias.</param>
    /// <returns>The registration, or <see langword="null"/> when no type is registered under that name.</returns>
    public DatasetTypeRegistration? GetRegistration(string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        var registration = Find(typeName);
        if (registration is null)
        {
            return null;
        }

        var names = _types.Where(p => ReferenceEquals(p.Value, registration)).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        return new DatasetTypeRegistration(registration.TypeName, names, registration.Source);
    }

    /// <summary>
    /// Registers the factory of a registration, under its reported type name and each of its names (a registration taken
    /// from <see cref="GetRegistration"/>, with its factory re-created from its method in another process).
    /// </summary>
    /// <param name="registration">The registration; its factory is a <c>Func&lt;DatasetFactoryContext, TDataset&gt;</c>.</param>
    /// <returns>This registry.</returns>
    /// <exception cref="ArgumentException">The factory is not a <c>Func&lt;DatasetFactoryContext, TDataset&gt;</c> of a dataset type.</exception>
    public DatasetTypeRegistry Register(DatasetTypeRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var factoryType = registration.Factory.GetType();
        if (!factoryType.IsGenericType || factoryType.GetGenericTypeDefinition() != typeof(Func<,>)
            || factoryType.GetGenericArguments()[0] != typeof(DatasetFactoryContext) || !typeof(IDataset).IsAssignableFrom(factoryType.GetGenericArguments()[1]))
        {
            throw new ArgumentException(
                $"The factory registered for '{registration.TypeName}' is a '{factoryType.Name}'; expected a Func<DatasetFactoryContext, TDataset> whose TDataset implements IDataset.",
                nameof(registration));
        }

        var datasetType = factoryType.GetGenericArguments()[1];
        var wrap = typeof(DatasetTypeRegistry).GetMethod(nameof(Wrap), System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!
            .MakeGenericMethod(datasetType);
        var wrapped = (Func<DatasetFactoryContext, IDataset>)wrap.Invoke(null, [registration.Factory])!;
        var entry = new Registration(registration.TypeName, wrapped, registration.Factory);
        foreach (var name in registration.Names.Append(registration.TypeName))
        {
            _types[name] = entry;
        }

        return this;
    }

    private static Func<DatasetFactoryContext, IDataset> Wrap<TDataset>(Func<DatasetFactoryContext, TDataset> factory)
        where TDataset : IDataset =>
        factory as Func<DatasetFactoryContext, IDataset> ?? (context => factory(context));

    private DatasetTypeRegistry Register(Type type, Func<DatasetFactoryContext, IDataset> factory, IEnumerable<string> aliases, Delegate? source = null)
    {
        var registration = new Registration(type.FullName ?? type.Name, factory, source ?? factory);
        foreach (var name in aliases.Append(registration.TypeName))
        {
            _types[name] = registration;
        }

        return this;
    }

    private Registration Resolve(string datasetName, object? typeValue, ILogger logger)
    {
        if (typeValue is not string typeName)
        {
            throw CatalogErrors.TypeNotAName(datasetName, typeValue);
        }

        if (typeName.EndsWith("Set", StringComparison.Ordinal))
        {
            logger.DatasetSpelling(typeName);
        }

        if (typeName.StartsWith('.') || typeName.EndsWith('.'))
        {
            throw CatalogErrors.RelativeType(datasetName);
        }

        return Find(typeName)
            ?? throw (GetUnavailableGuidance(typeName) is { } guidance
                ? CatalogErrors.UnavailableType(datasetName, guidance)
                : CatalogErrors.UnknownType(datasetName, typeName));
    }

    private Registration? Find(string typeName)
    {
        if (_types.TryGetValue(typeName, out var registration))
        {
            return registration;
        }

        foreach (var prefix in (ReadOnlySpan<string>)["kedro_datasets.", "kedro.io."])
        {
            if (typeName.StartsWith(prefix, StringComparison.Ordinal) && _types.TryGetValue(typeName[prefix.Length..], out registration))
            {
                return registration;
            }
        }

        return null;
    }

    private static IDataset CreateMemoryDataset(DatasetFactoryContext context)
    {
        context.EnsureOnlyArguments("data", "copy_mode", "metadata");
        var copyMode = ParseCopyMode(context);
        if (context.Has("data"))
        {
            return new MemoryDataset(context.Arguments["data"], copyMode);
        }

        return copyMode is { } mode ? MemoryDataset.Empty(mode) : new MemoryDataset();
    }

    private static IDataset CreateCachedDataset(DatasetFactoryContext context)
    {
        context.EnsureOnlyArguments("dataset", "copy_mode", "metadata");
        var copyMode = ParseCopyMode(context);
        var inner = context.Arguments.GetValueOrDefault("dataset");
        if (inner is IDataset dataset)
        {
            return new CachedDataset(dataset, copyMode);
        }

        if (!ConfigTree.IsMapping(inner))
        {
            throw CatalogErrors.CachedDatasetArgument();
        }

        var innerConfig = ConfigTree.CopyMapping(inner);
        if (innerConfig.ContainsKey("versioned"))
        {
            throw CatalogErrors.CachedVersionedInside();
        }

        if (context.Version is not null)
        {
            innerConfig["versioned"] = true;
        }

        return new CachedDataset(context.Registry.Create("_cached", innerConfig, context.LoadVersion, context.SaveVersion), copyMode);
    }

    private static CopyMode? ParseCopyMode(DatasetFactoryContext context)
    {
        var mode = context.Arguments.GetValueOrDefault("copy_mode");
        return mode switch
        {
            null => null,
            CopyMode m => m,
            string text => MemoryDataset.ParseCopyMode(text),
            _ => throw DatasetErrors.InvalidCopyMode(mode),
        };
    }

    private sealed record Registration(string TypeName, Func<DatasetFactoryContext, IDataset> Factory, Delegate Source);
}
