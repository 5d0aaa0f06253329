namespace Kedro.Config.Internal;

/// <summary>Merging of parsed configuration, as OmegaConf merges: mappings key by key, anything else replaced.</summary>
internal static class NodeMerge
{
    /// <summary>A new mapping with <paramref name="overlay"/> merged recursively over <paramref name="target"/>.</summary>
    /// <exception cref="BadConfigException">A key holds a mapping on one side and a list on the other.</exception>
    public static MapNode Deep(MapNode target, MapNode overlay) => Deep(target, overlay, string.Empty);

    private static MapNode Deep(MapNode target, MapNode overlay, string prefix)
    {
        var result = new MapNode(target.Mark);
        foreach (var pair in target.Entries)
        {
            result.Entries[pair.Key] = pair.Value;
        }

        foreach (var pair in overlay.Entries)
        {
            result.Entries.TryGetValue(pair.Key, out var existing);
            if ((existing is MapNode && pair.Value is SeqNode) || (existing is SeqNode && pair.Value is MapNode))
            {
                throw ConfigErrors.CannotMergeMappingWithList(prefix + pair.Key);
            }

            result.Entries[pair.Key] = existing is MapNode existingMap && pair.Value is MapNode overlayMap
                ? Deep(existingMap, overlayMap, prefix + pair.Key + ".")
                : pair.Value;
        }

        return result;
    }

    /// <summary>The top-level keys and where each is written.</summary>
    public static Dictionary<string, SourceMark> TopLevelKeys(MapNode map) =>
        map.Entries.Keys.ToDictionary(key => key, key => map.KeyMarks.GetValueOrDefault(key, map.Mark), StringComparer.Ordinal);

    /// <summary>Every leaf's full dotted key (<c>a.b.c</c>) and where it is written; mappings are walked, anything else is a leaf.</summary>
    public static Dictionary<string, SourceMark> LeafKeys(MapNode map)
    {
        var keys = new Dictionary<string, SourceMark>(StringComparer.Ordinal);
        Collect(map, string.Empty, keys);
        return keys;
    }

    private static void Collect(MapNode map, string prefix, Dictionary<string, SourceMark> keys)
    {
        foreach (var pair in map.Entries)
        {
            var fullKey = prefix.Length == 0 ? pair.Key : prefix + "." + pair.Key;
            if (pair.Value is MapNode child)
            {
                Collect(child, fullKey, keys);
            }
            else
            {
                keys[fullKey] = map.KeyMarks.GetValueOrDefault(pair.Key, pair.Value.Mark);
            }
        }
    }
}
