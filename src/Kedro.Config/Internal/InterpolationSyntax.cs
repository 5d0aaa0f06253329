using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace Kedro.Config.Internal;

/// <summary>The text syntax of <c>${...}</c> interpolations: splitting a string into literal and interpolation pieces,
/// and a resolver call's arguments into values.</summary>
internal static partial class InterpolationSyntax
{
    /// <summary>A piece of a string: literal text, or the inside of one <c>${...}</c>.</summary>
    internal readonly record struct Segment(string Text, bool IsInterpolation);

    /// <summary>
    /// Splits a string into literal text and interpolations. Backslashes before <c>${</c> follow OmegaConf's escaping:
    /// each pair is one backslash, and an odd one left over makes the <c>${</c> literal (<c>\${a}</c> is the text
    /// <c>${a}</c>, <c>\\${a}</c> a backslash and the value of <c>a</c>); backslashes elsewhere stay as written.
    /// </summary>
    /// <exception cref="FormatException">An interpolation is not closed.</exception>
    public static List<Segment> Split(string text)
    {
        var segments = new List<Segment>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\\')
            {
                var run = 1;
                while (i + run < text.Length && text[i + run] == '\\')
                {
                    run++;
                }

                if (string.CompareOrdinal(text, i + run, "${", 0, 2) != 0)
                {
                    literal.Append('\\', run);
                    i += run;
                    continue;
                }

                literal.Append('\\', run / 2);
                i += run;
                if (run % 2 == 1)
                {
                    literal.Append("${");
                    i += 2;
                }

                continue;
            }

            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = FindClose(text, i + 2);
                if (literal.Length > 0)
                {
                    segments.Add(new Segment(literal.ToString(), false));
                    literal.Clear();
                }

                segments.Add(new Segment(text[(i + 2)..end], true));
                i = end + 1;
                continue;
            }

            literal.Append(text[i]);
            i++;
        }

        if (literal.Length > 0)
        {
            segments.Add(new Segment(literal.ToString(), false));
        }

        return segments;
    }

    /// <summary>The index of the '}' closing an interpolation whose inside starts at <paramref name="start"/>.</summary>
    private static int FindClose(string text, int start)
    {
        var depth = 0;
        char? quote = null;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }

                continue;
            }

            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    break;
                case '{':
                    depth++;
                    break;
                case '}' when depth == 0:
                    return i;
                case '}':
                    depth--;
                    break;
                default:
                    break;
            }
        }

        throw ConfigErrors.UnclosedInterpolation();
    }

    /// <summary>Whether the inside of <c>${...}</c> is a resolver call <c>name:arguments</c> (a name like <c>oc.env</c>).</summary>
    public static bool TrySplitResolverCall(string inner, out string name, out string arguments)
    {
        name = string.Empty;
        arguments = string.Empty;
        var colon = inner.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        var candidate = inner[..colon].Trim();
        if (candidate.Length == 0 || !(char.IsAsciiLetter(candidate[0]) || candidate[0] == '_'))
        {
            return false;
        }

        foreach (var c in candidate)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                return false;
            }
        }

        name = candidate;
        arguments = inner[(colon + 1)..];
        return true;
    }

    /// <summary>Splits a resolver's argument text at top-level commas (not inside quotes, brackets or interpolations); trimmed.</summary>
    public static List<string> SplitArguments(string text)
    {
        var arguments = new List<string>();
        if (text.Trim().Length == 0)
        {
            return arguments;
        }

        var depth = 0;
        char? quote = null;
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c is '{' or '[' or '(')
            {
                depth++;
            }
            else if (c is '}' or ']' or ')')
            {
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                arguments.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        arguments.Add(current.ToString().Trim());
        return arguments;
    }

    /// <summary>
    /// An unquoted resolver argument as OmegaConf's grammar types it: one token that is an integer (<c>10</c>,
    /// <c>1_000</c>), a float (<c>1.5</c>, <c>1e3</c>, <c>.5</c>, <c>inf</c>, <c>nan</c>), a boolean or null (any case)
    /// becomes that value; <c>[...]</c> a list and <c>{...}</c> a mapping of such elements; anything else (<c>0x10</c>,
    /// <c>010</c>, <c>yes</c>) stays text.
    /// </summary>
    public static object? Primitive(string text)
    {
        if (text.Length >= 2 && text[0] == '[' && text[^1] == ']')
        {
            return SplitArguments(text[1..^1]).Select(Element).ToList();
        }

        if (text.Length >= 2 && text[0] == '{' && text[^1] == '}')
        {
            var mapping = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var pair in SplitArguments(text[1..^1]))
            {
                var colon = TopLevelColon(pair);
                if (colon < 0)
                {
                    throw ConfigErrors.NotAKeyValuePair(text, pair);
                }

                mapping[pair[..colon].Trim()] = Element(pair[(colon + 1)..].Trim());
            }

            return mapping;
        }

        if (text.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return text.Equals("true", StringComparison.OrdinalIgnoreCase);
        }

        if (IntToken().IsMatch(text))
        {
            var digits = text.Replace("_", string.Empty, StringComparison.Ordinal);
            return YamlScalars.Integer(BigInteger.Parse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        if (FloatToken().IsMatch(text))
        {
            var number = text.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
            var negative = number.StartsWith('-');
            var magnitude = number.TrimStart('+', '-');
            var value = magnitude switch
            {
                "inf" => double.PositiveInfinity,
                "nan" => double.NaN,
                _ => double.Parse(magnitude, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            return negative ? -value : value;
        }

        return text;

        static object? Element(string element) =>
            element.Length >= 2 && element[0] is '\'' or '"' && element[^1] == element[0] ? element[1..^1] : Primitive(element);
    }

    /// <summary>The index of the first ':' outside quotes and brackets, or -1.</summary>
    private static int TopLevelColon(string text)
    {
        var depth = 0;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c is '{' or '[')
            {
                depth++;
            }
            else if (c is '}' or ']')
            {
                depth--;
            }
            else if (c == ':' && depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    // OmegaConf's INT and FLOAT tokens: INT_UNSIGNED is '0' | [1-9] ('_'? [0-9])*, so '010' and '0x10' are two tokens (text).
    [GeneratedRegex(@"\A[+-]?(?:0|[1-9](?:_?[0-9])*)\z")]
    private static partial Regex IntToken();

    [GeneratedRegex(@"\A[+-]?(?:(?:(?:0|[1-9](?:_?[0-9])*)\.|(?:0|[1-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*)|(?:(?:0|[1-9](?:_?[0-9])*)|(?:0|[1-9](?:_?[0-9])*)\.|(?:0|[1-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*)[eE][+-]?[0-9](?:_?[0-9])*|[Ii][Nn][Ff]|[Nn][Aa][Nn])\z")]
    private static partial Regex FloatToken();
}
