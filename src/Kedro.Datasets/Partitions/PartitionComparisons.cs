namespace Kedro.Datasets.Partitions;

/// <summary>
/// The comparison an <see cref="IncrementalDataset"/> applies to a partition id and the checkpoint, from its
/// <c>comparison_func</c>: Kedro's <c>operator.*</c> names (ordinal string comparison), or a .NET class implementing
/// <see cref="IPartitionComparison"/>.
/// </summary>
internal static class PartitionComparisons
{
    public static Func<string, string, bool> Resolve(object? name) => name switch
    {
        null => Greater,
        string text => Named(text),
        _ => throw PartitionErrors.NotAComparison(name),
    };

    private static bool Greater(string id, string checkpoint) => string.CompareOrdinal(id, checkpoint) > 0;

    private static Func<string, string, bool> Named(string name)
    {
        switch (name.Trim())
        {
            case "operator.gt" or "operator.__gt__":
                return Greater;
            case "operator.ge" or "operator.__ge__":
                return static (id, checkpoint) => string.CompareOrdinal(id, checkpoint) >= 0;
            case "operator.lt" or "operator.__lt__":
                return static (id, checkpoint) => string.CompareOrdinal(id, checkpoint) < 0;
            case "operator.le" or "operator.__le__":
                return static (id, checkpoint) => string.CompareOrdinal(id, checkpoint) <= 0;
            case "operator.eq" or "operator.__eq__":
                return static (id, checkpoint) => string.Equals(id, checkpoint, StringComparison.Ordinal);
            case "operator.ne" or "operator.__ne__":
                return static (id, checkpoint) => !string.Equals(id, checkpoint, StringComparison.Ordinal);
        }

        var type = FindType(name.Trim())
            ?? throw PartitionErrors.UnknownComparison(name, "no loaded assembly has a type of that name, and it is not one of Kedro's operator names.");
        if (!typeof(IPartitionComparison).IsAssignableFrom(type))
        {
            throw PartitionErrors.UnknownComparison(name, $"'{type.FullName}' does not implement '{typeof(IPartitionComparison).FullName}'.");
        }

        if (!type.IsClass || type.IsAbstract || !type.IsVisible || type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw PartitionErrors.UnknownComparison(name, $"'{type.FullName}' is not a public, non-abstract class with a public parameterless constructor.");
        }

        var comparison = (IPartitionComparison)Activator.CreateInstance(type)!;
        return comparison.Compare;
    }

    // An assembly-qualified name may load its assembly; a plain full name is looked up among the assemblies already loaded.
    private static Type? FindType(string name)
    {
        if (name.Contains(',', StringComparison.Ordinal))
        {
            try
            {
                return Type.GetType(name, throwOnError: false);
            }
            catch (Exception exception) when (exception is IOException or BadImageFormatException or ArgumentException)
            {
                return null;
            }
        }

        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (!assembly.IsDynamic && assembly.GetType(name, throwOnError: false) is { } type)
            {
                return type;
            }
        }

        return null;
    }
}
