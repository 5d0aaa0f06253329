namespace Kedro.Config.Internal;

/// <summary>
/// Merging of parsed configuration (nodes that remember where they were written) by the one merge of configuration,
/// <see cref="ConfigTree.Merge{TNode, TMap}"/>: as OmegaConf merges, mappings key by key, anything else replaced.
/// </summary>
internal static class NodeMerge
{
    /// <summary>A new mapping with <paramref name="overlay"/> merged recursively over <paramref name="target"/>.</summary>
    /// <exception cref="BadConfigException">A key holds a mapping on one side and a list on the other.</exception>
    public static MapNode Deep(MapNode target, MapNode overlay) =>
        ConfigTree.Merge(target, overlay, NodeShape.Instance, ConfigErrors.CannotMergeMappingWithList);

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

    /// <summary>How the merge sees nodes: a merged mapping keeps the target's mark; values are shared, not copied.</summary>
    private sealed class NodeShape : ConfigTree.ITreeShape<ConfigNode, MapNode>
    {
        public static readonly NodeShape Instance = new();

        public MapNode NewMapping(MapNode like) => new(like.Mark);

        public IEnumerable<KeyValuePair<string, ConfigNode>> Entries(MapNode map) => map.Entries;

        public bool TryGet(MapNode map, string key, out ConfigNode value) => map.Entries.TryGetValue(key, out value!);

        public void Set(MapNode map, string key, ConfigNode value) => map.Entries[key] = value;

        public bool IsMapping(ConfigNode? value, out MapNode? map)
        {
            map = value as MapNode;
            return map is not null;
        }

        public bool IsList(ConfigNode? value) => value is SeqNode;
    }
}
