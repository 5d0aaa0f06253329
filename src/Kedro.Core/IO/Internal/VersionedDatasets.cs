using System.Collections.Concurrent;
using System.Reflection;

namespace Kedro.IO.Internal;

/// <summary>Reads the version of any <see cref="AbstractVersionedDataset{T}"/> without knowing its data type.</summary>
internal static class VersionedDatasets
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> VersionProperties = new();

    /// <summary>Whether a dataset derives from <see cref="AbstractVersionedDataset{T}"/>.</summary>
    public static bool IsVersioned(IDataset dataset) => VersionProperty(dataset.GetType()) is not null;

    /// <summary>The version of a versioned dataset, or <see langword="null"/>.</summary>
    public static DatasetVersion? GetVersion(IDataset dataset) =>
        VersionProperty(dataset.GetType())?.GetValue(dataset) as DatasetVersion;

    private static PropertyInfo? VersionProperty(Type type) => VersionProperties.GetOrAdd(type, static t =>
    {
        for (var current = t; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(AbstractVersionedDataset<>))
            {
                return current.GetProperty(nameof(AbstractVersionedDataset<>.Version));
            }
        }

        return null;
    });
}
