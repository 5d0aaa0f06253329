using System.Collections;
using System.Globalization;
using System.IO.Enumeration;
using System.Reflection;
using Kedro.IO;
using Microsoft.Extensions.Logging;

namespace Kedro.Datasets.Partitions;

/// <summary>
/// What <see cref="PartitionedDataset"/> and <see cref="IncrementalDataset"/> share: the folder, the partition dataset's
/// definition, the listing of partitions and the creation of each partition's dataset through the registry, and the
/// save of a dictionary of partitions.
/// </summary>
internal sealed class PartitionSet
{
    private static readonly Lazy<DatasetTypeRegistry> KedroTypes = new(() => new DatasetTypeRegistry().AddKedroDatasets());

    private readonly Dictionary<string, object?> _config;
    private readonly DatasetTypeRegistry _registry;
    private readonly string _fullPath;

    public PartitionSet(
        string ownerType,
        string path,
        object dataset,
        string filepathArg,
        string filenameSuffix,
        IReadOnlyDictionary<string, object?>? credentials,
        IReadOnlyDictionary<string, object?>? loadArgs,
        IReadOnlyDictionary<string, object?>? fsArgs,
        DatasetTypeRegistry? registry,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentException.ThrowIfNullOrEmpty(filepathArg);
        OwnerType = ownerType;
        Path = DatasetArguments.LocalPath(path, ownerType);
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw PartitionErrors.PathMissing(ownerType);
        }

        _fullPath = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(Path));
        FilepathArg = filepathArg;
        Suffix = filenameSuffix ?? string.Empty;
        DatasetArguments.EnsureKeys(fsArgs, ownerType, "fs_args");
        DatasetArguments.EnsureKeys(loadArgs, ownerType, "load_args", "maxdepth", "withdirs");
        LoadArgs = loadArgs is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(loadArgs, StringComparer.Ordinal);
        MaxDepth = DatasetArguments.Int(loadArgs, "maxdepth", ownerType, "load_args");
        if (MaxDepth < 1)
        {
            throw PartitionErrors.MaxDepth(ownerType, MaxDepth);
        }

        WithDirs = DatasetArguments.Bool(loadArgs, "withdirs", false, ownerType, "load_args");

        _config = Definition(dataset, ownerType, "dataset");
        if (_config.ContainsKey("versioned"))
        {
            throw PartitionErrors.VersionedPartitions(ownerType);
        }

        if (_config.ContainsKey(FilepathArg))
        {
            logger.PartitionFilepathOverwritten(PartitionErrors.FilepathOverwritten(FilepathArg));
        }

        Credentials = credentials;
        if (credentials is not null)
        {
            if (_config.ContainsKey("credentials"))
            {
                logger.CredentialsNotPropagated(PartitionErrors.CredentialsNotPropagated("underlying dataset"));
            }
            else
            {
                _config["credentials"] = credentials;
            }
        }

        DatasetType = (string)_config["type"]!;
        _registry = RegistryFor(registry ?? DatasetTypeRegistry.Default, DatasetType);
        ReportedType = _registry.GetTypeName(DatasetType) ?? DatasetType;

        // Create one partition dataset now, so a wrong type or argument fails when the catalog is built, not mid-run.
        _ = Create(System.IO.Path.Combine(Path, "partition" + Suffix));
    }

    /// <summary>The owning dataset's type name, for messages.</summary>
    public string OwnerType { get; }

    /// <summary>The folder as given (a <c>file://</c> prefix dropped).</summary>
    public string Path { get; }

    /// <summary>The argument of the partition dataset that receives each partition's path.</summary>
    public string FilepathArg { get; }

    /// <summary>The end every partition's file name has; removed from the id.</summary>
    public string Suffix { get; }

    /// <summary>The listing's options (<c>maxdepth</c>, <c>withdirs</c>).</summary>
    public IReadOnlyDictionary<string, object?> LoadArgs { get; }

    /// <summary>How deep the listing goes: 1 is the folder's own entries; <see langword="null"/> for no limit.</summary>
    public int? MaxDepth { get; }

    /// <summary>Whether folders are partitions too.</summary>
    public bool WithDirs { get; }

    /// <summary>The credentials given to the dataset, passed down to each partition.</summary>
    public IReadOnlyDictionary<string, object?>? Credentials { get; }

    /// <summary>The partition dataset's type as configured.</summary>
    public string DatasetType { get; }

    /// <summary>The partition dataset's type as the registry reports it (the full .NET name when known).</summary>
    public string ReportedType { get; }

    /// <summary>The partition dataset's configuration without <c>type</c> and credentials, for describing.</summary>
    public IReadOnlyDictionary<string, object?> DescribedConfig =>
        _config.Where(p => p.Key is not "type" and not "credentials").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>The full path of the folder, without a trailing separator.</summary>
    public string FullPath => _fullPath;

    /// <summary>
    /// A dataset definition (a type name, or a mapping with <c>type</c>) as a fresh mapping, checked to have a <c>type</c>.
    /// </summary>
    public static Dictionary<string, object?> Definition(object definition, string ownerType, string argName)
    {
        if (definition is string typeName)
        {
            return string.IsNullOrWhiteSpace(typeName)
                ? throw PartitionErrors.TypeMissing(ownerType, argName)
                : new Dictionary<string, object?>(StringComparer.Ordinal) { ["type"] = typeName };
        }

        if (definition is not (IReadOnlyDictionary<string, object?> or IDictionary))
        {
            throw PartitionErrors.DatasetNotADefinition(ownerType, argName, definition);
        }

        var config = DatasetArguments.Mapping(definition, ownerType, argName)!;
        return config.TryGetValue("type", out var type) && type is string name && !string.IsNullOrWhiteSpace(name)
            ? config
            : throw PartitionErrors.TypeMissing(ownerType, argName);
    }

    /// <summary>
    /// The registry that creates <paramref name="typeName"/>: <paramref name="registry"/> when it has the type, else one
    /// holding Kedro.Datasets' own types when those have it (a worker process's registry knows only the types named by
    /// <c>type:</c> keys, and a partition dataset given as a plain name is not one), else <paramref name="registry"/>, which
    /// then reports the unknown type.
    /// </summary>
    public static DatasetTypeRegistry RegistryFor(DatasetTypeRegistry registry, string typeName) =>
        !registry.Contains(typeName) && KedroTypes.Value.Contains(typeName) ? KedroTypes.Value : registry;

    /// <summary>The partitions under the folder, sorted by path (ordinal), leaving out <paramref name="excluded"/>.</summary>
    public List<Partition> List(ILogger logger, string? excluded = null)
    {
        if (!Directory.Exists(_fullPath) && !Restore(logger))
        {
            return [];
        }

        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            MaxRecursionDepth = MaxDepth is { } depth ? depth - 1 : int.MaxValue,
            AttributesToSkip = 0,
            IgnoreInaccessible = false,
            ReturnSpecialDirectories = false,
        };
        var withDirs = WithDirs;
        var suffix = Suffix;
        var byName = suffix.IndexOfAny(['/', '\\']) < 0; // a suffix without separators can be checked on the name alone
        var entries = new FileSystemEnumerable<string>(_fullPath, static (ref FileSystemEntry entry) => entry.ToFullPath(), options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) =>
                (withDirs || !entry.IsDirectory)
                && (!byName || entry.FileName.EndsWith(suffix, StringComparison.Ordinal))
                && !(entry.FileName.StartsWith('.') && AtomicFile.IsTempFileName(entry.FileName.ToString())),
        };
        var separator = System.IO.Path.DirectorySeparatorChar;
        var start = _fullPath.Length + 1;
        var partitions = new List<Partition>();
        foreach (var full in entries)
        {
            if ((!byName && !full.Replace(separator, '/').EndsWith(suffix, StringComparison.Ordinal))
                || (excluded is not null && string.Equals(full, excluded, StringComparison.Ordinal)))
            {
                continue;
            }

            var id = full.Substring(start, full.Length - start - suffix.Length);
            partitions.Add(new Partition(separator == '/' ? id : id.Replace(separator, '/'), full, this));
        }

        // Sorted by path with '/' separators, as Kedro's listing is: "a.csv" before "a/b.csv". The full paths share the
        // folder, so where '/' is the separator they sort as the relative paths do.
        partitions.Sort(separator == '/'
            ? static (a, b) => string.CompareOrdinal(a.FilePath, b.FilePath)
            : (a, b) => string.CompareOrdinal(a.FilePath[start..].Replace(separator, '/'), b.FilePath[start..].Replace(separator, '/')));
        return partitions;
    }

    /// <summary>The dataset of the partition at <paramref name="filePath"/>, created through the registry.</summary>
    public IDataset Create(string filePath)
    {
        var config = new Dictionary<string, object?>(_config, StringComparer.Ordinal) { [FilepathArg] = filePath };
        return _registry.Create(OwnerType + " partition", config);
    }

    /// <summary>The path a partition id is saved to: the folder, the id, the suffix.</summary>
    public string PathOf(string folder, string id)
    {
        var segments = id.Split('/');
        if (id.Length == 0 || System.IO.Path.IsPathRooted(id) || id.Contains('\\', StringComparison.Ordinal)
            || segments.Any(s => s.Length == 0 || s is "." or ".."))
        {
            throw PartitionErrors.UnsafeId(id);
        }

        return System.IO.Path.Combine([folder, .. segments[..^1], segments[^1] + Suffix]);
    }

    /// <summary>
    /// The entries of a dictionary of partitions, sorted by id (ordinal): any dictionary or sequence of key and value pairs
    /// whose keys are strings.
    /// </summary>
    public List<KeyValuePair<string, object?>> Entries(object data)
    {
        var entries = new List<KeyValuePair<string, object?>>();
        switch (data)
        {
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    entries.Add(new(entry.Key as string ?? throw PartitionErrors.NotPartitionData(OwnerType, data), entry.Value));
                }

                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                entries.AddRange(pairs);
                break;
            case IEnumerable sequence when PairType(data.GetType()) is { } pairType:
                var key = pairType.GetProperty("Key")!;
                var value = pairType.GetProperty("Value")!;
                foreach (var item in sequence)
                {
                    entries.Add(new((string)key.GetValue(item)!, value.GetValue(item)));
                }

                break;
            default:
                throw PartitionErrors.NotPartitionData(OwnerType, data);
        }

        entries.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        for (var i = 1; i < entries.Count; i++)
        {
            if (entries[i].Key == entries[i - 1].Key)
            {
                throw PartitionErrors.DuplicateId(entries[i].Key);
            }
        }

        foreach (var entry in entries)
        {
            _ = PathOf(Path, entry.Key);
        }

        return entries;
    }

    /// <summary>
    /// Saves partitions one at a time in id order; a parameterless function is called just before its partition is saved
    /// when <paramref name="lazily"/>. With <paramref name="overwrite"/>, the partitions are written to a new folder next to
    /// the dataset's, which replaces the old one only once every partition is written.
    /// </summary>
    public async ValueTask SaveAsync(object data, bool overwrite, bool lazily, bool isAsync, ILogger logger, CancellationToken cancellationToken)
    {
        var entries = Entries(data);
        if (!Directory.Exists(_fullPath))
        {
            Restore(logger);
        }

        if (!overwrite || !Directory.Exists(_fullPath))
        {
            await WriteAsync(entries, Path, lazily, isAsync, cancellationToken).ConfigureAwait(false);
            return;
        }

        var parent = System.IO.Path.GetDirectoryName(_fullPath) ?? throw PartitionErrors.PathMissing(OwnerType);
        var name = System.IO.Path.GetFileName(_fullPath);
        var staging = System.IO.Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.new");
        try
        {
            await WriteAsync(entries, staging, lazily, isAsync, cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(staging); // an empty dictionary still replaces the partitions with none
            var old = System.IO.Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.old");
            Directory.Move(_fullPath, old);
            try
            {
                Directory.Move(staging, _fullPath);
            }
            catch
            {
                Directory.Move(old, _fullPath);
                throw;
            }

            TryDelete(old);
        }
        catch
        {
            TryDelete(staging);
            throw;
        }
    }

    /// <summary>
    /// Brings back the folder that an overwrite interrupted between its two moves left as <c>.name.&lt;guid&gt;.old</c> next to
    /// where it belongs; refuses when there are several such folders. Returns whether the folder exists now.
    /// </summary>
    private bool Restore(ILogger logger)
    {
        var parent = System.IO.Path.GetDirectoryName(_fullPath);
        if (parent is null || !Directory.Exists(parent))
        {
            return false;
        }

        var name = System.IO.Path.GetFileName(_fullPath);
        var leftovers = Directory.GetDirectories(parent, $".{name}.*.old")
            .Where(d => System.IO.Path.GetFileName(d) is var n && n.Length == name.Length + 38
                && Guid.TryParseExact(n.AsSpan(name.Length + 2, 32), "N", out _))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (leftovers.Count == 0)
        {
            return false;
        }

        if (leftovers.Count > 1)
        {
            throw PartitionErrors.AmbiguousLeftovers(OwnerType, Path, leftovers);
        }

        Directory.Move(leftovers[0], _fullPath);
        logger.PartitionFolderRestored(PartitionErrors.FolderRestored(OwnerType, Path, leftovers[0]));
        return true;
    }

    private async ValueTask WriteAsync(List<KeyValuePair<string, object?>> entries, string folder, bool lazily, bool isAsync, CancellationToken cancellationToken)
    {
        foreach (var (id, value) in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var partition = Create(PathOf(folder, id));
            var data = lazily && value is Delegate producer && producer.Method.GetParameters().Length == 0 ? Produce(producer, isAsync) : value;
            if (lazily && value is Delegate && IsAwaitable(data))
            {
                // The producer is asynchronous: save what its task gives. A synchronous save waits for it; the producer ran
                // without the caller's synchronization context, so its continuations do not need this blocked thread.
                var produced = Awaited(data!, id);
                data = isAsync ? await produced.ConfigureAwait(false) : produced.GetAwaiter().GetResult();
            }
            if (isAsync)
            {
                await partition.SaveAsync(data, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                partition.Save(data);
            }
        }
    }

    private static bool IsAwaitable(object? value) =>
        value is Task or ValueTask || (value is not null && value.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(ValueTask<>));

    private async Task<object?> Awaited(object value, string id)
    {
        if (value is ValueTask plain)
        {
            await plain.ConfigureAwait(false);
            throw PartitionErrors.ProducerWithoutResult(OwnerType, id);
        }

        var task = value as Task ?? (Task)value.GetType().GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(value, null)!;
        await task.ConfigureAwait(false);
        for (var type = task.GetType(); type is not null && type != typeof(Task); type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>)
                && type.GetGenericArguments()[0].FullName != "System.Threading.Tasks.VoidTaskResult")
            {
                return type.GetProperty(nameof(Task<int>.Result))!.GetValue(task);
            }
        }

        throw PartitionErrors.ProducerWithoutResult(OwnerType, id);
    }

    private static object? Produce(Delegate producer, bool isAsync)
    {
        var context = SynchronizationContext.Current;
        if (isAsync || context is null)
        {
            return Produce(producer);
        }

        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return Produce(producer);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    private static object? Produce(Delegate producer)
    {
        if (producer is Func<object?> func)
        {
            return func();
        }

        try
        {
            return producer.DynamicInvoke();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private static Type? PairType(Type type)
    {
        foreach (var candidate in type.GetInterfaces().Prepend(type))
        {
            if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>)
                && candidate.GetGenericArguments()[0] is { IsGenericType: true } pair
                && pair.GetGenericTypeDefinition() == typeof(KeyValuePair<,>) && pair.GetGenericArguments()[0] == typeof(string))
            {
                return pair;
            }
        }

        return null;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // best effort: the dataset's folder is complete either way
        }
    }

    /// <summary>The checkpoint's stored value as text.</summary>
    public static string CheckpointText(object value) =>
        value as string ?? (value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : throw PartitionErrors.CheckpointNotText(value));
}
