using System.Collections;
using System.Globalization;

namespace Kedro.Shared.Config;

/// <summary>
/// Configuration trees as the configuration loader produces them and the catalog, the framework and the datasets take
/// them: mappings (any dictionary with string keys), lists (any sequence that is neither a string nor a mapping) and
/// scalars. The one place that copies and merges them; compiled into each assembly that needs it.
/// </summary>
internal static class ConfigTree
{
    /// <summary>Whether a value is a mapping (any dictionary shape).</summary>
    public static bool IsMapping(object? value) =>
        value is IDictionary<string, object?> or IReadOnlyDictionary<string, object?> or IDictionary;

    /// <summary>Whether a value is a list: a sequence that is neither a string nor a mapping.</summary>
    public static bool IsList(object? value) => value is IEnumerable and not string && !IsMapping(value);

    /// <summary>The entries of a mapping in their order, keys as invariant text.</summary>
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
                entries = new List<KeyValuePair<string, object?>>(untyped.Count);
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

    /// <summary>The items of a list.</summary>
    public static bool TryGetList(object? value, out List<object?> items)
    {
        if (IsList(value))
        {
            items = [.. ((IEnumerable)value!).Cast<object?>()];
            return true;
        }

        items = [];
        return false;
    }

    /// <summary>Brings a scalar to the loader's types: small integers to int, long to int when it fits, float and decimal to double.</summary>
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

    /// <summary>
    /// Deep-copies a tree into fresh <see cref="Dictionary{TKey, TValue}"/>s (key order kept) and <see cref="List{T}"/>s.
    /// Scalars and other objects are shared, or brought to the loader's types when <paramref name="normalizeScalars"/>.
    /// </summary>
    public static object? Copy(object? value, bool normalizeScalars = false)
    {
        if (TryGetMapping(value, out var entries))
        {
            var copy = new Dictionary<string, object?>(entries.Count, StringComparer.Ordinal);
            foreach (var pair in entries)
            {
                copy[pair.Key] = Copy(pair.Value, normalizeScalars);
            }

            return copy;
        }

        if (IsList(value))
        {
            var list = new List<object?>();
            foreach (var item in (IEnumerable)value!)
            {
                list.Add(Copy(item, normalizeScalars));
            }

            return list;
        }

        return normalizeScalars ? NormalizeScalar(value) : value;
    }

    /// <summary>A deep copy of a mapping; an empty mapping when <paramref name="value"/> is not one.</summary>
    public static Dictionary<string, object?> CopyMapping(object? value, bool normalizeScalars = false) =>
        IsMapping(value)
            ? (Dictionary<string, object?>)Copy(value, normalizeScalars)!
            : new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>
    /// A deep copy of <paramref name="target"/> with <paramref name="overlay"/> merged over it: mappings merge key by key,
    /// recursively; anything else in the overlay replaces. A mapping on one side and a list on the other throw
    /// <paramref name="mappingAndList"/>'s exception (OmegaConf's merge) or, without it, the overlay replaces (Kedro's
    /// <c>_update_nested_dict</c>, which merges runtime parameters into the parameters).
    /// </summary>
    /// <param name="target">The mapping merged into.</param>
    /// <param name="overlay">The mapping that wins.</param>
    /// <param name="mappingAndList">Given the full dotted key, the exception for a mapping merged with a list.</param>
    public static Dictionary<string, object?> Merge(object? target, object? overlay, Func<string, Exception>? mappingAndList = null) =>
        Merge(CopyMapping(target), CopyMapping(overlay), PlainShape.Instance, mappingAndList);

    /// <summary>
    /// The one merge of configuration, over any tree representation: a new mapping like <paramref name="target"/> with
    /// <paramref name="overlay"/> merged over it (the rules of <see cref="Merge(object?, object?, Func{string, Exception}?)"/>).
    /// </summary>
    public static TMap Merge<TNode, TMap>(TMap target, TMap overlay, ITreeShape<TNode, TMap> shape, Func<string, Exception>? mappingAndList)
        where TMap : TNode =>
        MergeAt(target, overlay, shape, mappingAndList, string.Empty);

    private static TMap MergeAt<TNode, TMap>(TMap target, TMap overlay, ITreeShape<TNode, TMap> shape, Func<string, Exception>? mappingAndList, string prefix)
        where TMap : TNode
    {
        var result = shape.NewMapping(target);
        foreach (var pair in shape.Entries(target))
        {
            shape.Set(result, pair.Key, pair.Value);
        }

        foreach (var pair in shape.Entries(overlay))
        {
            shape.TryGet(result, pair.Key, out var existing);
            var existingIsMap = shape.IsMapping(existing, out var existingMap);
            var overlayIsMap = shape.IsMapping(pair.Value, out var overlayMap);
            if (mappingAndList is not null && ((existingIsMap && shape.IsList(pair.Value)) || (overlayIsMap && shape.IsList(existing))))
            {
                throw mappingAndList(prefix + pair.Key);
            }

            shape.Set(result, pair.Key, existingIsMap && overlayIsMap
                ? MergeAt(existingMap!, overlayMap!, shape, mappingAndList, prefix + pair.Key + ".")
                : pair.Value);
        }

        return result;
    }

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
        _ => !TryGetMapping(value, out var entries) || entries.Count > 0,
    };

    /// <summary>Visits every string in a tree (mapping values and list items, recursively).</summary>
    public static IEnumerable<string> Strings(object? value)
    {
        if (value is string s)
        {
            yield return s;
        }
        else if (TryGetMapping(value, out var entries))
        {
            foreach (var inner in entries.SelectMany(pair => Strings(pair.Value)))
            {
                yield return inner;
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

    /// <summary>A copy of a tree with a function applied to every string (Kedro's pattern substitution).</summary>
    public static object? MapStrings(object? value, Func<string, string> map)
    {
        if (value is string s)
        {
            return map(s);
        }

        if (TryGetMapping(value, out var entries))
        {
            var copy = new Dictionary<string, object?>(entries.Count, StringComparer.Ordinal);
            foreach (var pair in entries)
            {
                copy[pair.Key] = MapStrings(pair.Value, map);
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

    /// <summary>How <see cref="Merge{TNode, TMap}"/> sees a tree representation.</summary>
    /// <typeparam name="TNode">Any value of the tree.</typeparam>
    /// <typeparam name="TMap">A mapping of the tree.</typeparam>
    internal interface ITreeShape<TNode, TMap>
        where TMap : TNode
    {
        /// <summary>A new, empty mapping that stands where <paramref name="like"/> stood.</summary>
        TMap NewMapping(TMap like);

        IEnumerable<KeyValuePair<string, TNode>> Entries(TMap map);

        bool TryGet(TMap map, string key, out TNode value);

        void Set(TMap map, string key, TNode value);

        bool IsMapping(TNode? value, out TMap? map);

        bool IsList(TNode? value);
    }

    /// <summary>Plain trees whose mappings are already <see cref="Dictionary{TKey, TValue}"/>s and lists <see cref="List{T}"/>s.</summary>
    private sealed class PlainShape : ITreeShape<object?, Dictionary<string, object?>>
    {
        public static readonly PlainShape Instance = new();

        public Dictionary<string, object?> NewMapping(Dictionary<string, object?> like) => new(like.Count, StringComparer.Ordinal);

        public IEnumerable<KeyValuePair<string, object?>> Entries(Dictionary<string, object?> map) => map;

        public bool TryGet(Dictionary<string, object?> map, string key, out object? value) => map.TryGetValue(key, out value);

        public void Set(Dictionary<string, object?> map, string key, object? value) => map[key] = value;

        public bool IsMapping(object? value, out Dictionary<string, object?>? map)
        {
            map = value as Dictionary<string, object?>;
            return map is not null;
        }

        public bool IsList(object? value) => value is List<object?>;
    }
}
