namespace Kedro.Framework.Internal;

/// <summary>Small helpers over configuration trees (mappings, lists and scalars).</summary>
internal static class ConfigTrees
{
    /// <summary>A deep copy of a mapping (mappings and lists are copied, scalars shared).</summary>
    public static Dictionary<string, object?> Copy(IReadOnlyDictionary<string, object?> source)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in source)
        {
            result[key] = CopyValue(value);
        }

        return result;
    }

    /// <summary>Deep-merges <paramref name="overrides"/> into <paramref name="target"/> (Kedro's <c>_update_nested_dict</c>).</summary>
    public static void MergeInto(Dictionary<string, object?> target, IReadOnlyDictionary<string, object?> overrides)
    {
        foreach (var (key, value) in overrides)
        {
            if (value is IReadOnlyDictionary<string, object?> nested && target.TryGetValue(key, out var existing)
                && existing is Dictionary<string, object?> existingMapping)
            {
                MergeInto(existingMapping, nested);
            }
            else
            {
                target[key] = CopyValue(value);
            }
        }
    }

    /// <summary>
    /// The parameter datasets (Kedro's feed dict): <c>parameters</c> holds everything, <c>params:k</c> each top-level
    /// value, and <c>params:k.sub</c> each value nested in a mapping, at any depth.
    /// </summary>
    public static List<KeyValuePair<string, object?>> ParameterDatasets(IReadOnlyDictionary<string, object?> parameters)
    {
        var result = new List<KeyValuePair<string, object?>> { new("parameters", parameters) };
        foreach (var (name, value) in parameters)
        {
            Add(name, value);
        }

        return result;

        void Add(string name, object? value)
        {
            result.Add(new("params:" + name, value));
            if (value is IReadOnlyDictionary<string, object?> nested)
            {
                foreach (var (key, inner) in nested)
                {
                    Add(name + "." + key, inner);
                }
            }
        }
    }

    private static object? CopyValue(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> mapping => Copy(mapping),
        IList<object?> list => list.Select(CopyValue).ToList(),
        _ => value,
    };
}
