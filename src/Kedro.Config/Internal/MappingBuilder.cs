namespace Kedro.Config.Internal;

/// <summary>
/// Fills a <see cref="MapNode"/> entry by entry while a document is read: rejects a key written twice (naming the file
/// and both lines) and applies YAML merge keys (<c>&lt;&lt;: *anchor</c>) when the mapping is complete.
/// </summary>
internal sealed class MappingBuilder(string source, MapNode map)
{
    public const string MergeKey = "<<";

    private readonly List<MapNode> _merged = [];

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
                    _merged.Add(mapping);
                    return;
                case SeqNode { Items: var items } when items.TrueForAll(item => item is MapNode):
                    _merged.AddRange(items.Cast<MapNode>());
                    return;
                default:
                    throw ConfigMessages.BadMergeKey(source, keyMark);
            }
        }

        if (Map.KeyMarks.TryGetValue(key, out var first))
        {
            throw ConfigMessages.DuplicateKeyInFile(source, key, keyMark, first);
        }

        Map.Entries[key] = value;
        Map.KeyMarks[key] = keyMark;
    }

    /// <summary>Applies merge keys: explicit keys win, earlier merged mappings win over later ones; merged keys come first.</summary>
    public MapNode Complete()
    {
        if (_merged.Count == 0)
        {
            return Map;
        }

        var explicitEntries = Map.Entries.ToList();
        Map.Entries.Clear();
        foreach (var merged in _merged)
        {
            foreach (var pair in merged.Entries)
            {
                if (!Map.Entries.ContainsKey(pair.Key) && !Map.KeyMarks.ContainsKey(pair.Key))
                {
                    Map.Entries[pair.Key] = pair.Value;
                }
            }
        }

        foreach (var pair in explicitEntries)
        {
            Map.Entries[pair.Key] = pair.Value;
        }

        return Map;
    }
}
