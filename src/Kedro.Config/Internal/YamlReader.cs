using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kedro.Config.Internal;

/// <summary>
/// Reads a YAML (or JSON) document into <see cref="ConfigNode"/>s that remember their file, line and column.
/// Scalars are typed as Kedro's loader types them; duplicate keys, unknown tags and bad merge keys are errors naming
/// the file and the line.
/// </summary>
internal sealed partial class YamlReader
{
    private readonly string _source;
    private readonly Parser _parser;
    private readonly Dictionary<string, ConfigNode> _anchors = new(StringComparer.Ordinal);
    private readonly List<(int Start, int End)> _quotedSpans = [];
    private SourceMark _lastMark;

    private YamlReader(string text, string source)
    {
        _source = source;
        _lastMark = new SourceMark(source, 1, 1);
        _parser = new Parser(new StringReader(text));
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();

    /// <summary>Reads a configuration file; an empty file (or a null document) is an empty mapping.</summary>
    /// <exception cref="BadConfigException">The file is not valid YAML or JSON, or its top level is not a mapping.</exception>
    public static MapNode ReadFile(string path)
    {
        var root = ReadDocument(File.ReadAllText(path), path);
        return root switch
        {
            null => new MapNode(new SourceMark(path, 1, 1)),
            ScalarNode { Value: null } => new MapNode(root.Mark),
            MapNode map => map,
            SeqNode => throw ConfigErrors.TopLevelNotMapping(path, "a list", root.Mark),
            _ => throw ConfigErrors.TopLevelNotMapping(path, "a single value", root.Mark),
        };
    }

    /// <summary>Reads one YAML document; <see langword="null"/> for an empty stream.</summary>
    /// <exception cref="BadConfigException">The text is not valid YAML.</exception>
    public static ConfigNode? ReadDocument(string text, string source)
    {
#if KEDRO_FULL_YAML_ONLY
        return ReadDocumentWithFullParser(text, source);
#else
        return FastYamlReader.TryRead(text, source, out var root) ? root : ReadDocumentWithFullParser(text, source);
#endif
    }

    /// <summary>Reads one YAML document with the full YAML parser (the fast reader's fallback).</summary>
    /// <exception cref="BadConfigException">The text is not valid YAML.</exception>
    public static ConfigNode? ReadDocumentWithFullParser(string text, string source)
    {
        // A byte-order mark is not content (the fast reader and Kedro's loader skip it too).
        text = text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        var reader = new YamlReader(text, source);
        try
        {
            var root = reader.ReadStream();
            YamlTabs.Check(text, source, reader._quotedSpans);
            return root;
        }
        catch (YamlException error)
        {
            // The full parser trips over some tabs a line later than Kedro's loader, which refuses the tab itself.
            YamlTabs.Check(YamlTabs.ThroughLineAfter(text, (int)error.Start.Line), source, reader._quotedSpans);
            var problem = MarkPrefix().Replace(error.Message, string.Empty);
            throw ConfigErrors.InvalidYaml(source, (int)error.Start.Line, (int)error.Start.Column, problem, error);
        }
        catch (InvalidOperationException error)
        {
            // The scanner gives up without a position on some malformed input (an unclosed '[' or '{', say).
            var mark = reader._lastMark;
            throw ConfigErrors.InvalidYaml(source, mark.Line, mark.Column,
                "The YAML could not be parsed after this point; check for unclosed brackets or quotes and for the indentation.", error);
        }
    }

    private ConfigNode? ReadStream()
    {
        _parser.Consume<StreamStart>();
        if (_parser.TryConsume<StreamEnd>(out _))
        {
            return null;
        }

        _parser.Consume<DocumentStart>();
        var root = ReadNode();
        _parser.Consume<DocumentEnd>();
        if (_parser.Accept<DocumentStart>(out var next))
        {
            throw new SemanticErrorException(next.Start, next.End,
                "Expected a single document in the stream, but found another document ('---'); keep one document per file.");
        }

        return root;
    }

    private SourceMark MarkOf(ParsingEvent parsingEvent) =>
        _lastMark = new(_source, (int)parsingEvent.Start.Line, (int)parsingEvent.Start.Column);

    private void CheckCollectionTag(NodeEvent collection, string expected)
    {
        if (!collection.Tag.IsEmpty && collection.Tag.Value != expected && collection.Tag.Value != "!")
        {
            throw ConfigErrors.UnsupportedTag(_source, collection.Tag.Value, MarkOf(collection));
        }
    }

    private ConfigNode ReadNode()
    {
        if (_parser.TryConsume<AnchorAlias>(out var alias))
        {
            return _anchors.TryGetValue(alias.Value.Value, out var anchored)
                ? anchored
                : throw ConfigErrors.UnknownAnchor(_source, alias.Value.Value, MarkOf(alias));
        }

        ConfigNode node;
        AnchorName anchor;
        if (_parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor;
            node = new ScalarNode(MarkOf(scalar), ScalarValue(scalar));
            if (scalar.Style != ScalarStyle.Plain)
            {
                _quotedSpans.Add(((int)scalar.Start.Index, (int)scalar.End.Index));
            }
        }
        else if (_parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            anchor = sequenceStart.Anchor;
            CheckCollectionTag(sequenceStart, "tag:yaml.org,2002:seq");
            var sequence = new SeqNode(MarkOf(sequenceStart));
            Register(anchor, sequence);
            while (!_parser.TryConsume<SequenceEnd>(out _))
            {
                sequence.Items.Add(ReadNode());
            }

            return sequence;
        }
        else
        {
            var mappingStart = _parser.Consume<MappingStart>();
            anchor = mappingStart.Anchor;
            CheckCollectionTag(mappingStart, "tag:yaml.org,2002:map");
            var map = new MapNode(MarkOf(mappingStart));
            Register(anchor, map);
            ReadMappingEntries(map);
            return map;
        }

        Register(anchor, node);
        return node;
    }

    private void Register(AnchorName anchor, ConfigNode node)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = node;
        }
    }

    private object? ScalarValue(Scalar scalar)
    {
        if (!scalar.Tag.IsEmpty)
        {
            return YamlScalars.TryResolveTagged(scalar.Tag.Value, scalar.Value, out var tagged)
                ? tagged
                : throw ConfigErrors.UnsupportedTag(_source, scalar.Tag.Value, MarkOf(scalar));
        }

        return scalar.Style == ScalarStyle.Plain ? YamlScalars.Resolve(scalar.Value) : scalar.Value;
    }

    private void ReadMappingEntries(MapNode map)
    {
        var builder = new MappingBuilder(_source, map);
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var keyMark = _parser.Accept<ParsingEvent>(out var keyEvent) ? MarkOf(keyEvent) : map.Mark;
            var keyNode = ReadNode();
            if (keyNode is not ScalarNode keyScalar)
            {
                throw new SemanticErrorException(keyEvent!.Start, keyEvent.End,
                    "A mapping key must be a single value, not a mapping or a list.");
            }

            var key = keyEvent is Scalar plainKey ? plainKey.Value : PythonLiterals.Str(keyScalar.Value);
            var value = ReadNode();
            builder.Add(key, keyMark, value, key == MappingBuilder.MergeKey && keyEvent is Scalar { Style: ScalarStyle.Plain });
        }

        builder.Complete();
    }
}
