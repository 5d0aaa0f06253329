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
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '{' && i + 1 < pattern.Length && pattern[i + 1] == '{')
            {
                literal.Append('{');
                i += 2;
                continue;
            }

            if (c == '}' && i + 1 < pattern.Length && pattern[i + 1] == '}')
            {
                literal.Append('}');
                i += 2;
                continue;
            }

            if (c == '{')
            {
                var end = pattern.IndexOf('}', i + 1);
                if (end < 0)
                {
                    literal.Append(pattern, i, pattern.Length - i);
                    break;
                }

                regex.Append(Regex.Escape(literal.ToString()));
                literal.Clear();
                var field = pattern[(i + 1)..end];
                var colon = field.IndexOf(':', StringComparison.Ordinal);
                if (colon >= 0)
                {
                    field = field[..colon];
                }

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

                i = end + 1;
                continue;
            }

            literal.Append(c);
            i++;
        }

        regex.Append(Regex.Escape(literal.ToString())).Append(@"\z");
        var compiled = new Regex(
            regex.ToString(),
            RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
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

        var match = _regex.Match(name);
        if (!match.Success)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var g = 0; g < _groupFields.Length; g++)
        {
            if (_groupFields[g].Length > 0)
            {
                values[_groupFields[g]] = match.Groups["g" + g.ToString(System.Globalization.CultureInfo.InvariantCulture)].Value;
            }
        }

        return values;
    }

    /// <summary>
    /// Python's <c>str.format_map</c> for the simple fields Kedro uses: <c>{name}</c> is replaced,
    /// <c>{{</c> and <c>}}</c> are literal braces.
    /// </summary>
    public static string Format(string template, IReadOnlyDictionary<string, string> values, string pattern)
    {
        var result = new StringBuilder(template.Length);
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                result.Append(c);
                i += 2;
                continue;
            }

            if (c == '{')
            {
                var end = template.IndexOf('}', i + 1);
                if (end < 0)
                {
                    result.Append(template, i, template.Length - i);
                    break;
                }

                var field = template[(i + 1)..end];
                var colon = field.IndexOf(':', StringComparison.Ordinal);
                if (colon >= 0)
                {
                    field = field[..colon];
                }

                if (!values.TryGetValue(field, out var value))
                {
                    throw new DatasetException(CatalogMessages.IncorrectPatternConfig(["{" + field + "}"], pattern));
                }

                result.Append(value);
                i = end + 1;
                continue;
            }

            result.Append(c);
            i++;
        }

        return result.ToString();
    }

    [GeneratedRegex(@"\{.*?\}")]
    private static partial Regex PlaceholderRegex();
}
