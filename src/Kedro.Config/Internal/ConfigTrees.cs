using System.Collections;
using System.Globalization;

namespace Kedro.Config.Internal;

/// <summary>Helpers for plain configuration trees: dictionaries, lists and scalars.</summary>
internal static class ConfigTrees
{
    public static bool TryGetMapping(object? value, out List<KeyValuePair<string, object?>> entries)
    {
        switch (value)
        {
            case IDictionary<string, object?> dictionary:
                entries = [.. dictionary];
                return true;
            case IReadOnlyDictionary<string, object?> readOnly:
                entries = [.. readOnly];
                return true;
            case IDictionary untyped:
                entries = [];
                foreach (DictionaryEntry entry in untyped)
                {
                    entries.Add(new(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, entry.Value));
                }

                return true;
            default:
                entries = [];
                return false;
        }
    }

    public static bool TryGetList(object? value, out List<object?> items)
    {
        if (value is IEnumerable enumerable and not string and not IDictionary
            && !TryGetMapping(value, out _))
        {
            items = [.. enumerable.Cast<object?>()];
            return true;
        }

        items = [];
        return false;
    }

    /// <summary>Brings a scalar to the config tree's types (small integers to int, float/decimal to double).</summary>
    public static object? NormalizeScalar(object? value) => value switch
    {
        byte or sbyte or short or ushort => Convert.ToInt32(value, CultureInfo.InvariantCulture),
        uint u => u <= int.MaxValue ? (object)(int)u : (long)u,
        long l => l is >= int.MinValue and <= int.MaxValue ? (object)(int)l : l,
        ulong ul => ul <= long.MaxValue ? (object)(long)ul : (double)ul,
        float f => (double)f,
        decimal m => (double)m,
        _ => value,
    };

    /// <summary>Deep-copies a plain tree into fresh dictionaries and lists.</summary>
    public static object? Copy(object? value)
    {
        if (TryGetMapping(value, out var entries))
        {
            var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var pair in entries)
            {
                copy[pair.Key] = Copy(pair.Value);
            }

            return copy;
        }

        if (TryGetList(value, out var items))
        {
            return items.Select(Copy).ToList();
        }

        return NormalizeScalar(value);
    }

    public static Dictionary<string, object?> CopyMapping(object? value) =>
        Copy(value) as Dictionary<string, object?> ?? new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>
    /// Recursive merge as OmegaConf merges: mappings merge key by key, anything else in <paramref name="overlay"/> replaces,
    /// except that a mapping and a list under the same key cannot be merged.
    /// </summary>
    /// <exception cref="BadConfigException">A key holds a mapping on one side and a list on the other.</exception>
    public static Dictionary<string, object?> DeepMerge(Dictionary<string, object?> target, Dictionary<string, object?> overlay) =>
        DeepMerge(target, overlay, string.Empty);

    private static Dictionary<string, object?> DeepMerge(Dictionary<string, object?> target, Dictionary<string, object?> overlay, string prefix)
    {
        var result = CopyMapping(target);
        foreach (var pair in overlay)
        {
            var fullKey = prefix + pair.Key;
            result.TryGetValue(pair.Key, out var existing);
            if ((existing is Dictionary<string, object?> && pair.Value is List<object?>)
                || (existing is List<object?> && pair.Value is Dictionary<string, object?>))
            {
                throw ConfigErrors.CannotMergeMappingWithList(fullKey);
            }

            result[pair.Key] = existing is Dictionary<string, object?> existingMap && pair.Value is Dictionary<string, object?> overlayMap
                ? DeepMerge(existingMap, overlayMap, fullKey + ".")
                : Copy(pair.Value);
        }

        return result;
    }

    /// <summary>Selects a value by a dotted path (<c>a.b.0</c> or <c>a.b[0]</c>), as OmegaConf.select does.</summary>
    public static bool TrySelect(object? root, string path, out object? value)
    {
        value = root;
        foreach (var part in SplitPath(path))
        {
            if (value is Dictionary<string, object?> map)
            {
                if (!map.TryGetValue(part, out value))
                {
                    return false;
                }
            }
            else if (value is List<object?> list
                && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < list.Count)
            {
                value = list[index];
            }
            else
            {
                value = null;
                return false;
            }
        }

        return true;
    }

    /// <summary>Splits <c>a.b[0].c</c> into <c>a</c>, <c>b</c>, <c>0</c>, <c>c</c>.</summary>
    public static List<string> SplitPath(string path)
    {
        var parts = new List<string>();
        foreach (var dotted in path.Split('.'))
        {
            var rest = dotted;
            var bracket = rest.IndexOf('[', StringComparison.Ordinal);
            if (bracket < 0 || !rest.EndsWith(']'))
            {
                parts.Add(rest);
                continue;
            }

            if (bracket > 0)
            {
                parts.Add(rest[..bracket]);
            }

            foreach (var index in rest[(bracket + 1)..^1].Split("][", StringSplitOptions.None))
            {
                parts.Add(index);
            }
        }

        return parts;
    }
}
