namespace Kedro.Config.Internal;

/// <summary>A parsed configuration value that remembers where it was written.</summary>
internal abstract class ConfigNode(SourceMark mark)
{
    public SourceMark Mark { get; } = mark;

    /// <summary>Turns a plain tree (dictionaries, lists, scalars) into nodes, all marked with <paramref name="mark"/>.</summary>
    public static ConfigNode FromPlain(object? value, SourceMark mark)
    {
        if (ConfigTree.TryGetMapping(value, out var mapping))
        {
            var map = new MapNode(mark);
            foreach (var pair in mapping)
            {
                map.Entries[pair.Key] = FromPlain(pair.Value, mark);
            }

            return map;
        }

        if (ConfigTree.TryGetList(value, out var list))
        {
            var seq = new SeqNode(mark);
            foreach (var item in list)
            {
                seq.Items.Add(FromPlain(item, mark));
            }

            return seq;
        }

        return new ScalarNode(mark, ConfigTree.NormalizeScalar(value));
    }

    /// <summary>The plain tree (dictionaries, lists, scalars), interpolations left as written.</summary>
    public object? ToPlain() => this switch
    {
        MapNode map => map.Entries.ToDictionary(pair => pair.Key, pair => pair.Value.ToPlain(), StringComparer.Ordinal),
        SeqNode sequence => sequence.Items.Select(item => item.ToPlain()).ToList(),
        ScalarNode scalar => scalar.Value,
        _ => null,
    };
}

/// <summary>A mapping; keys keep the order they were written in.</summary>
internal sealed class MapNode(SourceMark mark) : ConfigNode(mark)
{
    public OrderedDictionary<string, ConfigNode> Entries { get; } = new(StringComparer.Ordinal);

    /// <summary>Where each key was written (for duplicate-key messages).</summary>
    public Dictionary<string, SourceMark> KeyMarks { get; } = new(StringComparer.Ordinal);
}

/// <summary>A sequence.</summary>
internal sealed class SeqNode(SourceMark mark) : ConfigNode(mark)
{
    public List<ConfigNode> Items { get; } = [];
}

/// <summary>A typed scalar: string, int, long, double, bool or null.</summary>
internal sealed class ScalarNode(SourceMark mark, object? value) : ConfigNode(mark)
{
    public object? Value { get; } = value;
}
