using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Kedro.Datasets.Internal;

/// <summary>
/// YAML as plain trees: mappings become ordinal dictionaries (file order kept), sequences lists, and plain scalars are
/// typed as PyYAML's <c>safe_load</c> types them (null, booleans including yes/no/on/off, int, long, double); quoted
/// scalars stay strings. No tag ever creates a .NET type.
/// </summary>
internal static partial class YamlTrees
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings(quoteYaml1_1Strings: true) // "yes", "on", "010" read back as strings (the loader types plain scalars as YAML 1.1)
        .DisableAliases()
        .Build();

    public static object? Parse(TextReader reader)
    {
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.Count == 0 ? null : ToPlain(stream.Documents[0].RootNode, 0);
    }

    public static string Serialize(object? tree) => Serializer.Serialize(tree);

    private static object? ToPlain(YamlNode node, int depth)
    {
        if (depth > 256)
        {
            throw new YamlException("The YAML nests too deeply (or refers to itself).");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var dictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode scalar ? scalar.Value ?? "null" : key.ToString();
                    if (!dictionary.TryAdd(name, ToPlain(value, depth + 1)))
                    {
                        throw new YamlException(key.Start, key.End, $"Duplicate key '{name}'.");
                    }
                }

                return dictionary;
            case YamlSequenceNode sequence:
                return sequence.Children.Select(child => ToPlain(child, depth + 1)).ToList();
            case YamlScalarNode scalar:
                return Resolve(scalar);
            default:
                return null;
        }
    }

    private static object? Resolve(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || (tag is null && scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any)))
        {
            return text;
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON":
                return true;
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF":
                return false;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF":
                return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN":
                return double.NaN;
            default:
                break;
        }

        var clean = text.Replace("_", string.Empty, StringComparison.Ordinal);
        if (IntPattern().IsMatch(clean))
        {
            if (int.TryParse(clean, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var small))
            {
                return small;
            }

            if (long.TryParse(clean, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
            {
                return big;
            }

            return double.Parse(clean, CultureInfo.InvariantCulture);
        }

        if (HexPattern().IsMatch(clean))
        {
            var hex = ParseRadix(clean, 16);
            return hex is >= int.MinValue and <= int.MaxValue ? (object)(int)hex : hex;
        }

        if (BinaryPattern().IsMatch(clean))
        {
            var binary = ParseRadix(clean, 2);
            return binary is >= int.MinValue and <= int.MaxValue ? (object)(int)binary : binary;
        }

        if (OctalPattern().IsMatch(clean))
        {
            var octal = ParseRadix(clean, 8);
            return octal is >= int.MinValue and <= int.MaxValue ? (object)(int)octal : octal;
        }

        if (FloatPattern().IsMatch(clean))
        {
            return double.Parse(clean, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return text;
    }

    private static long ParseRadix(string text, int radix)
    {
        var negative = text.StartsWith('-');
        var digits = text.TrimStart('+', '-');
        digits = radix is 16 or 2 ? digits[2..] : digits.TrimStart('0');
        var value = digits.Length == 0 ? 0L : Convert.ToInt64(digits, radix);
        return negative ? -value : value;
    }

    [GeneratedRegex("^[-+]?(0|[1-9][0-9]*)$")]
    private static partial Regex IntPattern();

    [GeneratedRegex("^[-+]?0x[0-9a-fA-F]+$")]
    private static partial Regex HexPattern();

    [GeneratedRegex("^[-+]?0b[01]+$")]
    private static partial Regex BinaryPattern();

    [GeneratedRegex("^[-+]?0[0-7]+$")]
    private static partial Regex OctalPattern();

    // PyYAML's float: a dot is required and an exponent has a sign ("1e3" stays a string, as in Kedro).
    [GeneratedRegex(@"^([-+]?[0-9]+\.[0-9]*([eE][-+][0-9]+)?|\.[0-9]+([eE][-+][0-9]+)?)$")]
    private static partial Regex FloatPattern();
}
