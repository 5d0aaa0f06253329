using System.Text;

namespace Kedro.Config.Internal;

/// <summary>The text syntax of <c>${...}</c> interpolations: splitting a string into literal and interpolation pieces,
/// and a resolver call's arguments into values.</summary>
internal static class InterpolationSyntax
{
    /// <summary>A piece of a string: literal text, or the inside of one <c>${...}</c>.</summary>
    internal readonly record struct Segment(string Text, bool IsInterpolation);

    /// <summary>Splits a string into literal text and interpolations; <c>\${</c> is a literal <c>${</c>.</summary>
    /// <exception cref="FormatException">An interpolation is not closed.</exception>
    public static List<Segment> Split(string text)
    {
        var segments = new List<Segment>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\\' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                literal.Append("${");
                i += 3;
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

        throw new FormatException(Internal.ConfigMessages.UnclosedInterpolation);
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

    /// <summary>An unquoted argument as a value: null, true/false (any case), an int or a float, else the text.</summary>
    public static object? Primitive(string text)
    {
        if (text.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return text.Equals("true", StringComparison.OrdinalIgnoreCase);
        }

        var typed = YamlScalars.Resolve(text);
        return typed is int or long or double ? typed : text;
    }
}
