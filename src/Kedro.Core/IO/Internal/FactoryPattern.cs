using System.Text;
using System.Text.RegularExpressions;

namespace Kedro.IO.Internal;

/// <summary>
/// A dataset factory pattern such as <c>{namespace}.{name}_csv</c>, matched the way Python's <c>parse</c>
/// matches it in Kedro: the whole name must match, literals case-insensitively, every <c>{field}</c> takes one
/// or more characters lazily from left to right, and captured values keep their original case.
/// </summary>
internal sealed partial class FactoryPattern
{
    private readonly Regex _regex;
    private readonly string[] _groupFields;

    private FactoryPattern(string pattern, Regex regex, string[] groupFields)
    {
        Pattern = pattern;
        _regex = regex;
        _groupFields = groupFields;
        Specificity = ComputeSpecificity(pattern);
        PlaceholderCount = pattern.Count(c => c == '{');
    }

    /// <summary>The pattern as written in the catalog.</summary>
    public string Pattern { get; }

    /// <summary>Number of characters left once every <c>{...}</c> group is removed (Kedro's specificity).</summary>
    public int Specificity { get; }

    /// <summary>Number of <c>{</c> characters in the pattern.</summary>
    public int PlaceholderCount { get; }

    /// <summary>Whether a catalog key is a pattern: it contains <c>{</c>.</summary>
    public static bool IsPattern(string name) => name.Contains('{', StringComparison.Ordinal);

    public static int ComputeSpecificity(string pattern) => PlaceholderRegex().Replace(pattern, string.Empty).Length;

    /// <summary>The <c>{...}</c> groups of a string, braces included, as Kedro's <c>re.findall(r"\{.*?\}")</c>.</summary>
    public static IEnumerable<string> Placeholders(string text) =>
        PlaceholderRegex().Matches(text).Select(m => m.Value);

    public static FactoryPattern Parse(string pattern)
    {
        var regex = new StringBuilder(@"\A");
        var fields = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var literal = new StringBuilder();
        var scanner = new FieldScanner(pattern);
        while (scanner.Next(out var start, out var length, out var field))
        {
            if (field is null)
            {
                literal.Append(pattern, start, length);
                continue;
            }

            regex.Append(Regex.Escape(PythonCaseFold.Fold(literal.ToString())));
            literal.Clear();
            if (field.Length > 0 && seen.TryGetValue(field, out var group))
            {
                regex.Append(@"\k<").Append(group).Append('>');
            }
            else
            {
                group = "g" + fields.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                fields.Add(field);
                if (field.Length > 0)
                {
                    seen[field] = group;
                }

                regex.Append("(?<").Append(group).Append(">.+?)");
            }
        }

        // Case-insensitive as Python's re.IGNORECASE: the pattern's literals and the names are compared case-folded.
        regex.Append(Regex.Escape(PythonCaseFold.Fold(literal.ToString()))).Append(@"\z");
        var compiled = new Regex(regex.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
        return new FactoryPattern(pattern, compiled, [.. fields]);
    }

    /// <summary>Matches a dataset name; on success returns the named fields with their captured values.</summary>
    public IReadOnlyDictionary<string, string>? Match(string name)
    {
        if (_groupFields.Length == 1 && Pattern.Length == _groupFields[0].Length + 2)
        {
            // A pattern that is one whole placeholder, such as the runtime "{default}": it matches any
            // non-empty name, and the runner asks it for every intermediate dataset.
            return name.Length == 0
                ? null
                : _groupFields[0].Length == 0
                    ? new Dictionary<string, string>(StringComparer.Ordinal)
                    : new Dictionary<string, string>(1, StringComparer.Ordinal) { [_groupFields[0]] = name };
        }

        // Folding keeps every character's position, so the captured values are cut from the name as written.
        var match = _regex.Match(PythonCaseFold.Fold(name));
        if (!match.Success)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var g = 0; g < _groupFields.Length; g++)
        {
            if (_groupFields[g].Length > 0)
            {
                var group = match.Groups["g" + g.ToString(System.Globalization.CultureInfo.InvariantCulture)];
                values[_groupFields[g]] = name.Substring(group.Index, group.Length);
            }
        }

        return values;
    }

    /// <summary>
    /// Python's <c>str.format_map</c> for the simple fields Kedro uses: <c>{name}</c> is replaced,
    /// <c>{{</c> and <c>}}</c> are literal braces, and a lone brace is an error in Python's words.
    /// </summary>
    /// <exception cref="DatasetException">A field has no value, or the template is not a valid format string.</exception>
    public static string Format(string template, IReadOnlyDictionary<string, string> values, string pattern, string datasetName)
    {
        var result = new StringBuilder(template.Length);
        var scanner = new FieldScanner(template, strict: true);
        while (TryNext(ref scanner, out var start, out var length, out var field))
        {
            if (field is null)
            {
                result.Append(template, start, length);
                continue;
            }

            if (!values.TryGetValue(field, out var value))
            {
                throw CatalogErrors.IncorrectPatternConfig(["{" + field + "}"], pattern);
            }

            result.Append(value);
        }

        return result.ToString();

        bool TryNext(ref FieldScanner scanner, out int start, out int length, out string? field)
        {
            try
            {
                return scanner.Next(out start, out length, out field);
            }
            catch (FormatException error)
            {
                throw CatalogErrors.PatternFormatFailed(datasetName, pattern, template, error);
            }
        }
    }

    /// <summary>
    /// Reads a format string the way Python's <c>str.format</c> reads Kedro's simple fields: <c>{{</c> and <c>}}</c>
    /// are literal braces and <c>{name}</c> or <c>{name:spec}</c> is the field <c>name</c>. A lone brace is literal text
    /// (a <c>{</c> never closed runs to the end) unless <paramref name="strict"/>, where it fails as in Python.
    /// </summary>
    private struct FieldScanner(string text, bool strict = false)
    {
        private int _position;

        /// <summary>
        /// The next piece: literal text <c>text[start..(start + length)]</c> with <paramref name="field"/>
        /// <see langword="null"/>, or a field name; <see langword="false"/> at the end.
        /// </summary>
        public bool Next(out int start, out int length, out string? field)
        {
            start = _position;
            length = 0;
            field = null;
            if (_position >= text.Length)
            {
                return false;
            }

            var c = text[_position];
            if ((c == '{' || c == '}') && _position + 1 < text.Length && text[_position + 1] == c)
            {
                length = 1;
                _position += 2;
                return true;
            }

            if (c == '}' && strict)
            {
                throw CatalogErrors.BadFormatString("Single '}' encountered in format string");
            }

            if (c == '{')
            {
                var end = text.IndexOf('}', _position + 1);
                if (end < 0)
                {
                    if (strict)
                    {
                        throw CatalogErrors.BadFormatString(_position + 1 == text.Length
                            ? "Single '{' encountered in format string"
                            : "expected '}' before end of string");
                    }

                    length = text.Length - _position;
                    _position = text.Length;
                    return true;
                }

                field = text[(_position + 1)..end];
                if (strict && field.Contains('{', StringComparison.Ordinal))
                {
                    throw CatalogErrors.BadFormatString("unexpected '{' in field name");
                }

                var colon = field.IndexOf(':', StringComparison.Ordinal);
                if (colon >= 0)
                {
                    field = field[..colon];
                }

                _position = end + 1;
                return true;
            }

            length = 1;
            _position++;
            return true;
        }
    }

    [GeneratedRegex(@"\{.*?\}")]
    private static partial Regex PlaceholderRegex();
}
