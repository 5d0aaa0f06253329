using System.Globalization;
using System.Numerics;

namespace Kedro.Shared.Yaml;

/// <summary>
/// The YAML 1.1 scalar rules of Kedro.NET, in one place: plain scalars are typed as PyYAML's safe loader types them
/// (booleans including yes/no/on/off, integers in decimal, 0x, 0b, leading-zero octal and sexagesimal, floats, nulls;
/// timestamps stay strings), and integers keep their exact value (int, long, then <see cref="BigInteger"/>).
/// The configuration loader reads floats with OmegaConf's wider rule (<see cref="YamlFloats.OmegaConf"/>: <c>1e-2</c>
/// and <c>1.5e3</c> are floats); YAMLDataset reads them as PyYAML's <c>safe_load</c> alone does
/// (<see cref="YamlFloats.PyYaml"/>: a dot is required and an exponent has a sign, so <c>1e3</c> stays a string).
/// The YAML writer quotes exactly the strings these rules would read back as something else.
/// </summary>
internal static class YamlScalars
{
    /// <summary>Resolves an untagged plain scalar to its typed value.</summary>
    /// <param name="text">The scalar as written.</param>
    /// <param name="floats">Which float rule applies: the configuration loader's (the default) or PyYAML's own.</param>
    public static object? Resolve(string text, YamlFloats floats = YamlFloats.OmegaConf)
    {
        if (IsNull(text))
        {
            return null;
        }

        if (IsBool(text))
        {
            return ParseBool(text);
        }

        if (IsFloat(text, floats))
        {
            return ParseFloat(text);
        }

        if (IsInt(text))
        {
            return ParseInt(text);
        }

        return text;
    }

    /// <summary>Whether a string written as a plain scalar would read back as something other than that string.</summary>
    public static bool ReadsAsNonString(string text) =>
        IsNull(text) || IsBool(text) || IsInt(text) || IsFloat(text, YamlFloats.OmegaConf) || IsFloat(text, YamlFloats.PyYaml);

    // Hand-written matchers of PyYAML's implicit resolvers (plus OmegaConf's float): regular expressions would cost
    // tens of milliseconds of start-up each.
    private static bool IsNull(string text) => text is "" or "~" or "null" or "Null" or "NULL";

    private static bool IsBool(string text) => text is "yes" or "Yes" or "YES" or "no" or "No" or "NO" or "true" or "True"
        or "TRUE" or "false" or "False" or "FALSE" or "on" or "On" or "ON" or "off" or "Off" or "OFF";

    private static bool IsDigitOrUnderscore(char c) => char.IsAsciiDigit(c) || c == '_';

    private static int Skip(ReadOnlySpan<char> text, int at, Func<char, bool> accept)
    {
        while (at < text.Length && accept(text[at]))
        {
            at++;
        }

        return at;
    }

    /// <summary><c>[-+]?0b[01_]+ | [-+]?0[0-7_]+ | [-+]?(0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+ | [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+</c></summary>
    private static bool IsInt(string text)
    {
        var rest = text.AsSpan(text.Length > 0 && text[0] is '+' or '-' ? 1 : 0);
        if (rest.Length == 0)
        {
            return false;
        }

        if (rest.StartsWith("0b"))
        {
            return rest.Length > 2 && Skip(rest, 2, c => c is '0' or '1' or '_') == rest.Length;
        }

        if (rest.StartsWith("0x"))
        {
            return rest.Length > 2 && Skip(rest, 2, c => char.IsAsciiHexDigit(c) || c == '_') == rest.Length;
        }

        if (rest[0] == '0')
        {
            return rest.Length == 1 || Skip(rest, 1, c => c is >= '0' and <= '7' or '_') == rest.Length;
        }

        if (rest[0] is < '1' or > '9')
        {
            return false;
        }

        var at = Skip(rest, 1, IsDigitOrUnderscore);
        return at == rest.Length || SexagesimalEnd(rest, at) == rest.Length;
    }

    /// <summary>The end of <c>(:[0-5]?[0-9])+</c> from <paramref name="at"/>, or -1.</summary>
    private static int SexagesimalEnd(ReadOnlySpan<char> text, int at)
    {
        var any = false;
        while (at < text.Length && text[at] == ':')
        {
            at++;
            if (at >= text.Length || !char.IsAsciiDigit(text[at]))
            {
                return -1;
            }

            at += at + 1 < text.Length && text[at] is >= '0' and <= '5' && char.IsAsciiDigit(text[at + 1]) ? 2 : 1;
            any = true;
        }

        return any ? at : -1;
    }

    /// <summary>
    /// An exponent <c>[eE][-+]?[0-9]+</c> (with <paramref name="signRequired"/>, <c>[eE][-+][0-9]+</c>) that ends the text,
    /// starting at <paramref name="at"/>.
    /// </summary>
    private static bool IsExponentToEnd(ReadOnlySpan<char> text, int at, bool signRequired)
    {
        if (at >= text.Length || text[at] is not ('e' or 'E'))
        {
            return false;
        }

        at++;
        if (at < text.Length && text[at] is '+' or '-')
        {
            at++;
        }
        else if (signRequired)
        {
            return false;
        }

        return at < text.Length && Skip(text, at, char.IsAsciiDigit) == text.Length;
    }

    private static bool IsFloat(string text, YamlFloats floats)
    {
        var pyYaml = floats == YamlFloats.PyYaml;
        if (text is ".nan" or ".NaN" or ".NAN")
        {
            return true;
        }

        var signed = text.Length > 0 && text[0] is '+' or '-';
        var rest = text.AsSpan(signed ? 1 : 0);
        if (rest is ".inf" or ".Inf" or ".INF")
        {
            return true;
        }

        if (rest.Length > 1 && rest[0] == '.' && !signed)
        {
            // \.[0-9_]+([eE][-+][0-9]+)? -- the exponent's sign is required here, so '.5e3' stays text
            var end = Skip(rest, 1, IsDigitOrUnderscore);
            return end > 1 && (end == rest.Length || IsExponentToEnd(rest, end, signRequired: true));
        }

        if (rest.Length == 0 || !char.IsAsciiDigit(rest[0]))
        {
            return false;
        }

        var at = Skip(rest, 1, IsDigitOrUnderscore);
        if (at == rest.Length)
        {
            return false;
        }

        switch (rest[at])
        {
            case '.':
                // [0-9][0-9_]*\.[0-9_]*([eE][-+]?[0-9]+)? -- PyYAML requires the exponent's sign
                var end = Skip(rest, at + 1, IsDigitOrUnderscore);
                return end == rest.Length || IsExponentToEnd(rest, end, signRequired: pyYaml);
            case 'e' or 'E':
                // [0-9][0-9_]*[eE][-+]?[0-9]+ -- OmegaConf's addition; PyYAML reads it as a string
                return !pyYaml && IsExponentToEnd(rest, at, signRequired: false);
            case ':':
                // [0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*
                var sexagesimal = SexagesimalEnd(rest, at);
                return sexagesimal > 0 && sexagesimal < rest.Length && rest[sexagesimal] == '.'
                    && Skip(rest, sexagesimal + 1, IsDigitOrUnderscore) == rest.Length;
            default:
                return false;
        }
    }

    /// <summary>Applies an explicit tag (<c>!!str</c>, <c>!!int</c>, ...); null when the tag is unknown.</summary>
    public static bool TryResolveTagged(string tag, string text, out object? value)
    {
        value = null;
        switch (tag)
        {
            case "!" or "tag:yaml.org,2002:str":
                value = text;
                return true;
            case "tag:yaml.org,2002:null":
                return true;
            case "tag:yaml.org,2002:bool" when IsBool(text):
                value = ParseBool(text);
                return true;
            case "tag:yaml.org,2002:int" when IsInt(text):
                value = ParseInt(text);
                return true;
            case "tag:yaml.org,2002:float" when IsFloat(text, YamlFloats.OmegaConf) || IsInt(text):
                value = IsFloat(text, YamlFloats.OmegaConf) ? ParseFloat(text) : IntAsFloat(ParseInt(text));
                return true;
            default:
                return false;
        }
    }

    /// <summary>An integer as the nearest double (parsed from its decimal text, as Python's <c>float(int)</c> rounds).</summary>
    private static double IntAsFloat(object integer) =>
        double.Parse(Convert.ToString(integer, CultureInfo.InvariantCulture)!, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool ParseBool(string text) => text[0] is 'y' or 'Y' or 't' or 'T' || text is "on" or "On" or "ON";

    private static object ParseInt(string text)
    {
        var value = text.Replace("_", string.Empty, StringComparison.Ordinal);
        var negative = false;
        if (value[0] is '-' or '+')
        {
            negative = value[0] == '-';
            value = value[1..];
        }

        BigInteger magnitude;
        if (value.StartsWith("0b", StringComparison.Ordinal))
        {
            magnitude = Accumulate(value.AsSpan(2), 2);
        }
        else if (value.StartsWith("0x", StringComparison.Ordinal))
        {
            magnitude = Accumulate(value.AsSpan(2), 16);
        }
        else if (value.Contains(':', StringComparison.Ordinal))
        {
            magnitude = BigInteger.Zero;
            foreach (var digit in value.Split(':'))
            {
                magnitude = (magnitude * 60) + Accumulate(digit, 10);
            }
        }
        else if (value.Length > 1 && value[0] == '0')
        {
            magnitude = Accumulate(value.AsSpan(1), 8);
        }
        else
        {
            magnitude = Accumulate(value, 10);
        }

        return Integer(negative ? -magnitude : magnitude);
    }

    /// <summary>An integer as a config value: an int, a long when it does not fit, and beyond 64 bits a <see cref="BigInteger"/>
    /// (Python keeps integers of any size exact).</summary>
    public static object Integer(BigInteger value) =>
        value >= int.MinValue && value <= int.MaxValue ? (object)(int)value
        : value >= long.MinValue && value <= long.MaxValue ? (object)(long)value
        : value;

    private static BigInteger Accumulate(ReadOnlySpan<char> digits, int radix)
    {
        var result = BigInteger.Zero;
        foreach (var c in digits)
        {
            result = (result * radix) + (char.IsAsciiDigit(c) ? c - '0' : char.ToLowerInvariant(c) - 'a' + 10);
        }

        return result;
    }

    private static double ParseFloat(string text)
    {
        var value = text.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        var sign = 1.0;
        if (value[0] is '-' or '+')
        {
            sign = value[0] == '-' ? -1 : 1;
            value = value[1..];
        }

        if (value == ".inf")
        {
            return sign * double.PositiveInfinity;
        }

        if (value == ".nan")
        {
            return double.NaN;
        }

        if (value.Contains(':', StringComparison.Ordinal))
        {
            var result = 0.0;
            foreach (var digit in value.Split(':'))
            {
                result = (result * 60) + double.Parse(digit, NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            return sign * result;
        }

        return sign * double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}

/// <summary>Which rule reads floats.</summary>
internal enum YamlFloats
{
    /// <summary>OmegaConf's, as Kedro's configuration loader reads: also <c>1e3</c>, and exponents without a sign.</summary>
    OmegaConf,

    /// <summary>PyYAML's own, as <c>yaml.safe_load</c> reads: a dot is required and an exponent has a sign.</summary>
    PyYaml,
}
