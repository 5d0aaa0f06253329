using System.Collections;

namespace Kedro.IO.Internal;

/// <summary>Helpers for configuration trees as parsed from YAML: dictionaries, lists and scalars.</summary>
internal static class ConfigTree
{
    /// <summary>Whether a value is a mapping (any dictionary shape).</summary>
    public static bool IsMapping(object? value) =>
        value is IDictionary<string, object?> or IReadOnlyDictionary<string, object?> or IDictionary;

    /// <summary>Deep-copies a mapping into a <see cref="Dictionary{TKey, TValue}"/>, keeping key order.</summary>
    public static Dictionary<string, object?> CopyMapping(object? value)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        switch (value)
        {
            case IDictionary<string, object?> dictionary:
                foreach (var pair in dictionary)
                {
                    result[pair.Key] = Copy(pair.Value);
                }

                break;
            case IReadOnlyDictionary<string, object?> readOnly:
                foreach (var pair in readOnly)
                {
                    result[pair.Key] = Copy(pair.Value);
                }

                break;
            case IDictionary untyped:
                foreach (DictionaryEntry entry in untyped)
                {
                    result[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty] =
                        Copy(entry.Value);
                }

                break;
            default:
                break;
        }

        return result;
    }

    /// <summary>Deep-copies a configuration value: mappings and lists are copied, scalars and objects kept.</summary>
    public static object? Copy(object? value)
    {
        if (IsMapping(value))
        {
            return CopyMapping(value);
        }

        if (IsList(value))
        {
            var list = new List<object?>();
            foreach (var item in (IEnumerable)value!)
            {
                list.Add(Copy(item));
            }

            return list;
        }

        return value;
    }

    /// <summary>Whether a value is a list of configuration values (not a string, not a mapping, not a dataset).</summary>
    public static bool IsList(object? value) => value is IList and not IDataset;

    /// <summary>Whether a configuration value counts as set, as Python's truthiness would say.</summary>
    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        int i => i != 0,
        long l => l != 0,
        double d => d != 0,
        ICollection c => c.Count > 0,
        _ => !IsMapping(value) || CopyMapping(value).Count > 0,
    };

    /// <summary>Visits every string in a tree (mapping values and list items, recursively).</summary>
    public static IEnumerable<string> Strings(object? value)
    {
        if (value is string s)
        {
            yield return s;
        }
        else if (IsMapping(value))
        {
            foreach (var item in CopyMapping(value).Values)
            {
                foreach (var inner in Strings(item))
                {
                    yield return inner;
                }
            }
        }
        else if (IsList(value))
        {
            foreach (var item in (IEnumerable)value!)
            {
                foreach (var inner in Strings(item))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Applies a function to every string in a copied tree (Kedro's pattern substitution).</summary>
    public static object? MapStrings(object? value, Func<string, string> map)
    {
        if (value is string s)
        {
            return map(s);
        }

        if (IsMapping(value))
        {
            var copy = CopyMapping(value);
            foreach (var key in copy.Keys.ToList())
            {
                copy[key] = MapStrings(copy[key], map);
            }

            return copy;
        }

        if (IsList(value))
        {
            var list = new List<object?>();
            foreach (var item in (IEnumerable)value!)
            {
                list.Add(MapStrings(item, map));
            }

            return list;
        }

        return value;
    }
}
