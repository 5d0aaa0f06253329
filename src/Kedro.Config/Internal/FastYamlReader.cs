using System.Globalization;
using System.Text;

namespace Kedro.Config.Internal;

/// <summary>
/// A small, fast reader for the YAML that configuration files are made of: block mappings and sequences, flow
/// collections (so JSON too), plain, quoted and block (<c>|</c>, <c>&gt;</c>) scalars, comments, anchors, aliases,
/// merge keys and the standard tags. It exists because loading and compiling the full YAML parser costs every process
/// about 25 ms of start-up (docs/benchmarks.md, "Configuration start-up"). Anything it is not sure about (multi-line
/// plain or quoted scalars, complex keys, directives, several documents, and every syntax error) makes it give up, and
/// the caller reads the file with the full parser instead, which also produces the error messages.
/// </summary>
internal sealed class FastYamlReader
{
    private readonly string _text;
    private readonly string _source;
    private readonly List<int> _lineStarts = [0];
    private readonly Dictionary<string, ConfigNode> _anchors = new(StringComparer.Ordinal);
    private int _pos;
    private int _lineIndent;
    private int _flowParentIndent = -1;

    private FastYamlReader(string text, string source)
    {
        _text = text;
        _source = source;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>Reads a document; <see langword="false"/> when the text is outside what this reader handles.</summary>
    /// <exception cref="BadConfigException">A key is written twice in a mapping, or a merge key has a wrong value.</exception>
    public static bool TryRead(string text, string source, out ConfigNode? root)
    {
        root = null;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);

        // A lone CR and the Unicode line breaks NEL, LS and PS are line breaks to YAML; leave them to the full parser, and
        // tabs too, which it checks.
        if (text.AsSpan().IndexOfAny('\r', '\u0085', '\u2028') >= 0 || text.AsSpan().IndexOfAny('\u2029', '\t') >= 0)
        {
            return false;
        }

        try
        {
            root = new FastYamlReader(text, source).ReadDocument();
            return true;
        }
        catch (GiveUpException)
        {
            return false;
        }
    }

    private char Cur => _pos < _text.Length ? _text[_pos] : '\0';

    private bool AtEol => _pos >= _text.Length || _text[_pos] == '\n';

    private static GiveUpException GiveUp() => new();

    private SourceMark MarkAt(int position)
    {
        var line = _lineStarts.BinarySearch(position);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new SourceMark(_source, line + 1, position - _lineStarts[line] + 1);
    }

    private int ColumnOf(int position) => MarkAt(position).Column - 1;

    private ConfigNode? ReadDocument()
    {
        if (!Advance())
        {
            return null;
        }

        if (_lineIndent == 0 && IsMarker("---"))
        {
            _pos += 3;
            ExpectLineEnd();
            if (!Advance())
            {
                return null;
            }
        }

        if (Cur == '%' || (_lineIndent == 0 && (IsMarker("---") || IsMarker("..."))))
        {
            throw GiveUp();
        }

        var root = ParseBlockNode(_lineIndent, -1);
        if (_lineIndent >= 0)
        {
            throw GiveUp();
        }

        return root;
    }

    private bool IsMarker(string marker) =>
        string.CompareOrdinal(_text, _pos, marker, 0, 3) == 0
        && (_pos + 3 >= _text.Length || _text[_pos + 3] is ' ' or '\t' or '\n');

    /// <summary>Moves to the first character of the next line with content (not blank, not only a comment).</summary>
    private bool Advance()
    {
        while (true)
        {
            if (_pos < _text.Length && _text[_pos] == '\n')
            {
                _pos++;
            }

            if (_pos >= _text.Length)
            {
                _lineIndent = -1;
                return false;
            }

            var lineStart = _pos;
            var spaces = _pos;
            while (spaces < _text.Length && _text[spaces] == ' ')
            {
                spaces++;
            }

            var blank = spaces;
            while (blank < _text.Length && _text[blank] is ' ' or '\t')
            {
                blank++;
            }

            // A tab in the indentation is an error to YAML even on a blank or comment-only line.
            if (blank != spaces)
            {
                throw GiveUp();
            }

            if (blank >= _text.Length)
            {
                _pos = _text.Length;
                _lineIndent = -1;
                return false;
            }

            if (_text[blank] == '\n')
            {
                _pos = blank;
                continue;
            }

            if (_text[blank] == '#')
            {
                var end = _text.IndexOf('\n', blank);
                _pos = end < 0 ? _text.Length : end;
                continue;
            }

            _pos = spaces;
            _lineIndent = spaces - lineStart;
            return true;
        }
    }

    private void SkipInlineSpaces()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t')
        {
            _pos++;
        }
    }

    /// <summary>After a value: spaces, an optional comment (after a space), then the end of the line.</summary>
    private void ExpectLineEnd()
    {
        var before = _pos;
        SkipInlineSpaces();
        if (Cur == '#' && (_pos > before || _pos == 0 || _text[_pos - 1] is ' ' or '\t' or '\n'))
        {
            var end = _text.IndexOf('\n', _pos);
            _pos = end < 0 ? _text.Length : end;
        }

        if (!AtEol)
        {
            throw GiveUp();
        }
    }

    private bool IsSequenceEntry(int at) =>
        at < _text.Length && _text[at] == '-' && (at + 1 >= _text.Length || _text[at + 1] is ' ' or '\t' or '\n');

    private static bool IsSeparator(char c) => c is ' ' or '\t' or '\n';

    /// <summary>Whether the line from <paramref name="at"/> is a <c>key: ...</c> entry.</summary>
    private bool IsMappingEntry(int at)
    {
        if (at >= _text.Length)
        {
            return false;
        }

        var c = _text[at];
        if (c is '"' or '\'')
        {
            var end = QuotedEnd(at);
            if (end < 0)
            {
                return false;
            }

            while (end < _text.Length && _text[end] is ' ' or '\t')
            {
                end++;
            }

            return end < _text.Length && _text[end] == ':' && (end + 1 >= _text.Length || IsSeparator(_text[end + 1]));
        }

        if (c is '[' or '{' or '#' or '&' or '*' or '!' or '|' or '>' or '?')
        {
            return false;
        }

        for (var i = at; i < _text.Length && _text[i] != '\n'; i++)
        {
            if (_text[i] == ':' && (i + 1 >= _text.Length || IsSeparator(_text[i + 1])))
            {
                return true;
            }

            if (_text[i] == '#' && i > at && _text[i - 1] is ' ' or '\t')
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>The index just after the closing quote of a one-line quoted scalar, or -1.</summary>
    private int QuotedEnd(int at)
    {
        var quote = _text[at];
        for (var i = at + 1; i < _text.Length && _text[i] != '\n'; i++)
        {
            if (quote == '"' && _text[i] == '\\')
            {
                i++;
                continue;
            }

            if (_text[i] == quote)
            {
                if (quote == '\'' && i + 1 < _text.Length && _text[i + 1] == '\'')
                {
                    i++;
                    continue;
                }

                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>A node that starts on a line of its own at <paramref name="indent"/>.</summary>
    private ConfigNode ParseBlockNode(int indent, int parentIndent)
    {
        if (IsSequenceEntry(_pos))
        {
            return ParseBlockSequence(indent);
        }

        if (IsMappingEntry(_pos))
        {
            return ParseBlockMapping(indent);
        }

        return ParseValue(parentIndent, mappingValue: false);
    }

    private MapNode ParseBlockMapping(int indent)
    {
        var builder = new MappingBuilder(_source, new MapNode(MarkAt(_pos)));
        while (true)
        {
            var keyMark = MarkAt(_pos);
            var (key, plain) = ParseKey();
            var value = ParseValue(indent, mappingValue: true);
            builder.Add(key, keyMark, value, plain && key == MappingBuilder.MergeKey);
            if (_lineIndent == indent && !IsSequenceEntry(_pos))
            {
                if (!IsMappingEntry(_pos))
                {
                    throw GiveUp();
                }

                continue;
            }

            if (_lineIndent >= indent)
            {
                throw GiveUp();
            }

            return builder.Complete();
        }
    }

    private (string Key, bool Plain) ParseKey()
    {
        if (Cur is '"' or '\'')
        {
            var quoted = ParseQuoted();
            SkipInlineSpaces();
            if (Cur != ':')
            {
                throw GiveUp();
            }

            _pos++;
            return (quoted, false);
        }

        var start = _pos;
        while (_pos < _text.Length && !(_text[_pos] == ':' && (_pos + 1 >= _text.Length || IsSeparator(_text[_pos + 1]))))
        {
            if (_text[_pos] == '\n')
            {
                throw GiveUp();
            }

            _pos++;
        }

        var key = _text[start.._pos].TrimEnd(' ', '\t');
        if (key.Length == 0 || key[0] is ',' or ']' or '}' or '%' or '@' or '`'
            || (key[0] is '-' or '?' or ':' && (key.Length == 1 || IsSeparator(key[1]))))
        {
            throw GiveUp();
        }

        _pos++;
        return (key, true);
    }

    private SeqNode ParseBlockSequence(int indent)
    {
        var sequence = new SeqNode(MarkAt(_pos));
        while (true)
        {
            _pos++;
            var before = _pos;
            SkipInlineSpaces();
            ConfigNode item;
            if (_pos > before && IsSequenceEntry(_pos))
            {
                item = ParseBlockSequence(ColumnOf(_pos));
            }
            else if (_pos > before && IsMappingEntry(_pos))
            {
                item = ParseBlockMapping(ColumnOf(_pos));
            }
            else
            {
                item = ParseValue(indent, mappingValue: false);
            }

            sequence.Items.Add(item);
            if (_lineIndent == indent && IsSequenceEntry(_pos))
            {
                continue;
            }

            if (_lineIndent > indent)
            {
                throw GiveUp();
            }

            return sequence;
        }
    }

    /// <summary>
    /// A value: after <c>key:</c> or <c>-</c>, or on a line of its own. Leaves the
    /// reader at the next content line, which must not be indented more than <paramref name="parentIndent"/>.
    /// </summary>
    private ConfigNode ParseValue(int parentIndent, bool mappingValue)
    {
        SkipInlineSpaces();
        var (anchor, tag) = ParseProperties();
        var mark = MarkAt(_pos);
        ConfigNode node;
        if (AtEol || Cur == '#')
        {
            ExpectLineEnd();
            Advance();
            if (_lineIndent > parentIndent)
            {
                node = ParseBlockNode(_lineIndent, parentIndent);
            }
            else if (mappingValue && _lineIndent == parentIndent && IsSequenceEntry(_pos))
            {
                node = ParseBlockSequence(parentIndent);
            }
            else
            {
                node = Scalar(mark, tag, string.Empty, quoted: false);
            }

            CheckCollectionTag(node, tag);
        }
        else if (Cur is '|' or '>')
        {
            node = ParseBlockScalar(parentIndent, tag, mark);
        }
        else
        {
            node = ParseInline(tag, anchor, mark, parentIndent);
            ExpectLineEnd();
            Advance();
            if (_lineIndent > parentIndent)
            {
                throw GiveUp();
            }
        }

        if (anchor is not null)
        {
            _anchors[anchor] = node;
        }

        return node;
    }

    private ConfigNode ParseInline(string? tag, string? anchor, SourceMark mark, int parentIndent)
    {
        switch (Cur)
        {
            case '*' when tag is null && anchor is null:
                return Alias();
            case '[' or '{':
                _flowParentIndent = parentIndent;
                var collection = ParseFlowNode();
                CheckCollectionTag(collection, tag);
                return collection;
            case '"' or '\'':
                return Scalar(mark, tag, ParseQuoted(), quoted: true);
            default:
                return Scalar(mark, tag, ParsePlain(flow: false), quoted: false);
        }
    }

    private ConfigNode Alias()
    {
        _pos++;
        var name = ReadName();
        return _anchors.TryGetValue(name, out var node) ? node : throw GiveUp();
    }

    private static void CheckCollectionTag(ConfigNode node, string? tag)
    {
        var ok = tag switch
        {
            null or "!" => true,
            "tag:yaml.org,2002:map" => node is MapNode,
            "tag:yaml.org,2002:seq" => node is SeqNode,
            _ => node is ScalarNode,
        };
        if (!ok)
        {
            throw GiveUp();
        }
    }

    private static ScalarNode Scalar(SourceMark mark, string? tag, string text, bool quoted)
    {
        if (tag is null)
        {
            return new ScalarNode(mark, quoted ? text : YamlScalars.Resolve(text));
        }

        return YamlScalars.TryResolveTagged(tag, text, out var value) ? new ScalarNode(mark, value) : throw GiveUp();
    }

    private string ReadName()
    {
        var start = _pos;
        while (_pos < _text.Length && !IsSeparator(_text[_pos]) && _text[_pos] is not (',' or '[' or ']' or '{' or '}'))
        {
            _pos++;
        }

        return _pos > start ? _text[start.._pos] : throw GiveUp();
    }

    /// <summary>An anchor (<c>&amp;name</c>) and/or a tag (<c>!!str</c>) before a value.</summary>
    private (string? Anchor, string? Tag) ParseProperties()
    {
        string? anchor = null;
        string? tag = null;
        while (true)
        {
            if (Cur == '&' && anchor is null)
            {
                _pos++;
                anchor = ReadName();
            }
            else if (Cur == '!' && tag is null)
            {
                var raw = ReadName();
                tag = raw switch
                {
                    "!" => "!",
                    _ when raw.StartsWith("!!", StringComparison.Ordinal) && raw.Length > 2 => "tag:yaml.org,2002:" + raw[2..],
                    _ => throw GiveUp(),
                };
            }
            else
            {
                return (anchor, tag);
            }

            if (!AtEol && !IsSeparator(Cur))
            {
                throw GiveUp();
            }

            SkipInlineSpaces();
        }
    }

    private string ParsePlain(bool flow)
    {
        var start = _pos;
        var first = Cur;
        var next = _pos + 1 < _text.Length ? _text[_pos + 1] : '\n';
        if (first is ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`'
            || (first is '-' or '?' or ':' && (IsSeparator(next) || (flow && next is ',' or '[' or ']' or '{' or '}'))))
        {
            throw GiveUp();
        }

        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n' || (flow && c is ',' or '[' or ']' or '{' or '}'))
            {
                break;
            }

            if (c == '#' && _text[_pos - 1] is ' ' or '\t')
            {
                break;
            }

            if (c == ':' && (_pos + 1 >= _text.Length || IsSeparator(_text[_pos + 1])
                || (flow && _text[_pos + 1] is ',' or '[' or ']' or '{' or '}')))
            {
                if (!flow)
                {
                    throw GiveUp();
                }

                break;
            }

            _pos++;
        }

        var value = _text[start.._pos].TrimEnd(' ', '\t');
        return value.Length > 0 ? value : throw GiveUp();
    }

    private string ParseQuoted()
    {
        var quote = Cur;
        _pos++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                throw GiveUp();
            }

            var c = _text[_pos];
            if (c == quote)
            {
                if (quote == '\'' && _pos + 1 < _text.Length && _text[_pos + 1] == '\'')
                {
                    builder.Append('\'');
                    _pos += 2;
                    continue;
                }

                _pos++;
                return builder.ToString();
            }

            if (c == '\\' && quote == '"')
            {
                _pos++;
                AppendEscape(builder);
                continue;
            }

            builder.Append(c);
            _pos++;
        }
    }

    private void AppendEscape(StringBuilder builder)
    {
        var c = Cur;
        _pos++;
        switch (c)
        {
            case '0': builder.Append('\0'); break;
            case 'a': builder.Append('\a'); break;
            case 'b': builder.Append('\b'); break;
            case 't' or '\t': builder.Append('\t'); break;
            case 'n': builder.Append('\n'); break;
            case 'v': builder.Append('\v'); break;
            case 'f': builder.Append('\f'); break;
            case 'r': builder.Append('\r'); break;
            case 'e': builder.Append('\u001b'); break;
            case ' ' or '"' or '/' or '\\': builder.Append(c); break;
            case 'N': builder.Append('\u0085'); break;
            case '_': builder.Append('\u00a0'); break;
            case 'L': builder.Append('\u2028'); break;
            case 'P': builder.Append('\u2029'); break;
            case 'x': AppendCodePoint(builder, 2); break;
            case 'u': AppendCodePoint(builder, 4); break;
            case 'U': AppendCodePoint(builder, 8); break;
            default: throw GiveUp();
        }
    }

    private void AppendCodePoint(StringBuilder builder, int digits)
    {
        if (_pos + digits > _text.Length
            || !int.TryParse(_text.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            || code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
        {
            throw GiveUp();
        }

        builder.Append(char.ConvertFromUtf32(code));
        _pos += digits;
    }

    private ConfigNode ParseFlowNode()
    {
        SkipFlowSpace();
        var (anchor, tag) = ParseProperties();
        SkipFlowSpace();
        var mark = MarkAt(_pos);
        ConfigNode node;
        switch (Cur)
        {
            case '[':
                node = ParseFlowSequence();
                CheckCollectionTag(node, tag);
                break;
            case '{':
                node = ParseFlowMapping();
                CheckCollectionTag(node, tag);
                break;
            case '"' or '\'':
                node = Scalar(mark, tag, ParseQuoted(), quoted: true);
                break;
            case '*' when tag is null && anchor is null:
                node = Alias();
                break;
            default:
                node = Scalar(mark, tag, ParseFlowPlain(), quoted: false);
                break;
        }

        if (anchor is not null)
        {
            _anchors[anchor] = node;
        }

        return node;
    }

    private string ParseFlowPlain()
    {
        var value = ParsePlain(flow: true);
        if (AtEol)
        {
            // A plain scalar continued on the next line is folded by YAML; leave that to the full parser.
            var next = _pos;
            while (next < _text.Length && _text[next] is ' ' or '\t' or '\n')
            {
                next++;
            }

            if (next < _text.Length && _text[next] is not (',' or ']' or '}' or ':' or '#'))
            {
                throw GiveUp();
            }
        }

        return value;
    }

    private void SkipFlowSpace()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                _pos++;
                CheckFlowContinuation();
            }
            else if (IsSeparator(c))
            {
                _pos++;
            }
            else if (c == '#')
            {
                if (_pos > 0 && !IsSeparator(_text[_pos - 1]))
                {
                    throw GiveUp();
                }

                var end = _text.IndexOf('\n', _pos);
                _pos = end < 0 ? _text.Length : end;
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>
    /// A flow collection continued on a new line must be indented more than the block it sits in (a closing bracket
    /// or a comma may be written at that block's indentation); anything else is left to the full parser.
    /// </summary>
    private void CheckFlowContinuation()
    {
        var at = _pos;
        while (at < _text.Length && _text[at] == ' ')
        {
            at++;
        }

        if (at - _pos <= _flowParentIndent && at < _text.Length && _text[at] is not ('\n' or ']' or '}' or ','))
        {
            throw GiveUp();
        }
    }

    private SeqNode ParseFlowSequence()
    {
        var sequence = new SeqNode(MarkAt(_pos));
        _pos++;
        while (true)
        {
            SkipFlowSpace();
            if (Cur == ']')
            {
                _pos++;
                return sequence;
            }

            sequence.Items.Add(ParseFlowNode());
            SkipFlowSpace();
            if (Cur == ',')
            {
                _pos++;
            }
            else if (Cur != ']')
            {
                throw GiveUp();
            }
        }
    }

    private MapNode ParseFlowMapping()
    {
        var builder = new MappingBuilder(_source, new MapNode(MarkAt(_pos)));
        _pos++;
        while (true)
        {
            SkipFlowSpace();
            if (Cur == '}')
            {
                _pos++;
                return builder.Complete();
            }

            var keyMark = MarkAt(_pos);
            var plain = Cur is not ('"' or '\'');
            var key = plain ? ParsePlain(flow: true) : ParseQuoted();
            SkipFlowSpace();
            ConfigNode value;
            if (Cur == ':')
            {
                _pos++;
                SkipFlowSpace();
                value = Cur is ',' or '}' ? new ScalarNode(MarkAt(_pos), null) : ParseFlowNode();
            }
            else if (Cur is ',' or '}')
            {
                value = new ScalarNode(keyMark, null);
            }
            else
            {
                throw GiveUp();
            }

            builder.Add(key, keyMark, value, plain && key == MappingBuilder.MergeKey);
            SkipFlowSpace();
            if (Cur == ',')
            {
                _pos++;
            }
            else if (Cur != '}')
            {
                throw GiveUp();
            }
        }
    }

    /// <summary>A literal (<c>|</c>) or folded (<c>&gt;</c>) block scalar with clip, strip (<c>-</c>) or keep (<c>+</c>) chomping.</summary>
    private ScalarNode ParseBlockScalar(int parentIndent, string? tag, SourceMark mark)
    {
        var literal = Cur == '|';
        _pos++;
        var chomp = ' ';
        if (Cur is '+' or '-')
        {
            chomp = Cur;
            _pos++;
        }

        if (Cur is >= '0' and <= '9')
        {
            throw GiveUp();
        }

        ExpectLineEnd();
        var position = _pos < _text.Length ? _pos + 1 : _pos;
        var lines = new List<string>();
        var lastContentEndsLine = true;
        var contentIndent = -1;
        var leadingBlankIndent = 0;
        while (position < _text.Length)
        {
            var lineEnd = _text.IndexOf('\n', position);
            if (lineEnd < 0)
            {
                lineEnd = _text.Length;
            }

            var spaces = position;
            while (spaces < lineEnd && _text[spaces] == ' ')
            {
                spaces++;
            }

            var indent = spaces - position;
            if (spaces == lineEnd)
            {
                if (contentIndent < 0)
                {
                    leadingBlankIndent = Math.Max(leadingBlankIndent, indent);
                }
                else if (indent > contentIndent)
                {
                    throw GiveUp();
                }

                lines.Add(string.Empty);
                position = Math.Min(lineEnd + 1, _text.Length);
                continue;
            }

            if (contentIndent < 0)
            {
                if (indent <= parentIndent)
                {
                    break;
                }

                if (indent < leadingBlankIndent || _text[spaces] == '\t')
                {
                    throw GiveUp();
                }

                contentIndent = indent;
            }
            else if (indent < contentIndent)
            {
                break;
            }

            var line = _text[(position + contentIndent)..lineEnd];
            if (!literal && line.Length > 0 && line[0] is ' ' or '\t')
            {
                throw GiveUp();
            }

            lines.Add(line);
            lastContentEndsLine = lineEnd < _text.Length;
            position = Math.Min(lineEnd + 1, _text.Length);
        }

        var last = lines.FindLastIndex(line => line.Length > 0);
        var trailing = lines.Count - 1 - last;
        if ((last < 0 || !_text.EndsWith('\n')) && chomp == '+')
        {
            throw GiveUp();
        }

        var body = literal ? string.Join('\n', lines.Take(last + 1)) : Fold(lines.Take(last + 1));
        var text = last < 0 ? string.Empty : chomp switch
        {
            '-' => body,
            '+' => body + new string('\n', trailing + 1),
            _ => lastContentEndsLine ? body + "\n" : body,
        };

        // Continue at the start of the line that ended the scalar.
        _pos = position;
        Advance();
        if (_lineIndent > parentIndent)
        {
            throw GiveUp();
        }

        return tag is null ? new ScalarNode(mark, text) : Scalar(mark, tag, text, quoted: true);
    }

    private static string Fold(IEnumerable<string> lines)
    {
        var builder = new StringBuilder();
        var started = false;
        var empties = 0;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                empties++;
                continue;
            }

            if (!started)
            {
                builder.Append('\n', empties);
                started = true;
            }
            else if (empties == 0)
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append('\n', empties);
            }

            empties = 0;
            builder.Append(line);
        }

        return builder.ToString();
    }

    /// <summary>Signals text this reader leaves to the full YAML parser.</summary>
    private sealed class GiveUpException : Exception
    {
    }
}
