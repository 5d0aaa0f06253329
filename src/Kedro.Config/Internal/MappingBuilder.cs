namespace Kedro.Config.Internal;

/// <summary>
/// Fills a <see cref="MapNode"/> entry by entry while a document is read: rejects a key written twice (naming the file
/// and both lines) and applies YAML merge keys (<c>&lt;&lt;: *anchor</c>) when the mapping is complete.
/// </summary>
internal sealed class MappingBuilder(string source, MapNode map)
{
    public const string MergeKey = "<<";

    private readonly List<KeyValuePair<string, ConfigNode>> _merged = [];

    public MapNode Map { get; } = map;

    /// <summary>Adds one entry; <paramref name="isMergeKey"/> when the key is a plain <c>&lt;&lt;</c>.</summary>
    /// <exception cref="BadConfigException">The key is already in the mapping, or a merge key's value is not a mapping.</exception>
    public void Add(string key, SourceMark keyMark, ConfigNode value, bool isMergeKey)
    {
        if (isMergeKey)
        {
            switch (value)
            {
                case MapNode mapping:
                    _merged.AddRange(mapping.Entries);
                    return;
                case SeqNode { Items: var items } when items.TrueForAll(item => item is MapNode):
                    // As PyYAML flattens a list of merged mappings: the last one first, so earlier ones win.
                    for (var i = items.Count - 1; i >= 0; i--)
                    {
                        _merged.AddRange(((MapNode)items[i]).Entries);
                    }

                    return;
                default:
                    throw ConfigErrors.BadMergeKey(source, keyMark);
            }
        }

        if (Map.KeyMarks.TryGetValue(key, out var first))
        {
            throw ConfigErrors.DuplicateKeyInFile(source, key, keyMark, first);
        }

        Map.Entries[key] = value;
        Map.KeyMarks[key] = keyMark;
    }

    /// <summary>
    /// Applies merge keys as PyYAML does: the merged entries come first, then the mapping's own, and a later entry
    /// replaces the value of an earlier one with the same key where that key first appeared. So explicit keys win, earlier
    /// merged mappings of a list win over later ones, and <c>{&lt;&lt;: *a, q: 9}</c> keeps the anchor's key order.
    /// </summary>
    public MapNode Complete()
    {
        if (_merged.Count == 0)
        {
            return Map;
        }

        var explicitEntries = Map.Entries.ToList();
        Map.Entries.Clear();
        foreach (var pair in _merged.Concat(explicitEntries))
        {
            Map.Entries[pair.Key] = pair.Value;
        }

        return Map;
    }
}
