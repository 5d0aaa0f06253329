using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Kedro.Shared.Yaml;

/// <summary>
/// Writes configuration trees (mappings, lists, scalars) as block YAML laid out as PyYAML's <c>yaml.dump</c> lays them
/// out: keys in their order, a list under a key not indented, a mapping or list inside a list starting on the item's
/// line, empty collections as <c>{}</c> and <c>[]</c>, floats as Python writes them (<c>2.0</c>, <c>1.0e+20</c>,
/// <c>.nan</c>). A string is quoted when <see cref="YamlScalars"/> would read it back as anything but that string or
/// when PyYAML would quote it, in double quotes with escapes when it holds a line break or a control character.
/// The one YAML writer of Kedro.NET (the CLI's listings and YAMLDataset's saves). It is written by hand rather than
/// on YamlDotNet's emitter because loading and compiling the emitter added 20 to 45 ms of CPU to every
/// <c>catalog list</c> and <c>registry list</c> (docs/benchmarks.md, "The CLI's YAML writer").
/// </summary>
internal static partial class YamlWriter
{
    private const int MaxDepth = 256;

    /// <summary>The tree as one YAML document, ending with a line break.</summary>
    public static string Write(object? tree)
    {
        var builder = new StringBuilder();
        switch (tree)
        {
            case IDictionary { Count: > 0 } mapping:
                WriteMapping(builder, mapping, 0, inline: false, 0);
                break;
            case IEnumerable items and not string and not IDictionary when AsList(items) is { Count: > 0 } list:
                WriteList(builder, list, 0, inline: false, 0);
                break;
            default:
                builder.Append(Scalar(tree)).Append('\n');
                break;
        }

        return builder.ToString();
    }

    private static void WriteMapping(StringBuilder builder, IDictionary mapping, int indent, bool inline, int depth)
    {
        CheckDepth(depth);
        var first = true;
        foreach (DictionaryEntry entry in mapping)
        {
            if (!(first && inline))
            {
                builder.Append(' ', indent);
            }

            first = false;
            builder.Append(Scalar(entry.Key)).Append(':');
            switch (entry.Value)
            {
                case IDictionary { Count: > 0 } inner:
                    builder.Append('\n');
                    WriteMapping(builder, inner, indent + 2, inline: false, depth + 1);
                    break;
                case IEnumerable items and not string and not IDictionary when AsList(items) is { Count: > 0 } list:
                    builder.Append('\n');
                    WriteList(builder, list, indent, inline: false, depth + 1);
                    break;
                default:
                    builder.Append(' ').Append(Scalar(entry.Value)).Append('\n');
                    break;
            }
        }
    }

    private static void WriteList(StringBuilder builder, List<object?> list, int indent, bool inline, int depth)
    {
        CheckDepth(depth);
        var first = true;
        foreach (var item in list)
        {
            if (!(first && inline))
            {
                builder.Append(' ', indent);
            }

            first = false;
            builder.Append("- ");
            switch (item)
            {
                case IDictionary { Count: > 0 } mapping:
                    WriteMapping(builder, mapping, indent + 2, inline: true, depth + 1);
                    break;
                case IEnumerable items and not string and not IDictionary when AsList(items) is { Count: > 0 } inner:
                    WriteList(builder, inner, indent + 2, inline: true, depth + 1);
                    break;
                default:
                    builder.Append(Scalar(item)).Append('\n');
                    break;
            }
        }
    }

    private static List<object?> AsList(IEnumerable items) => [.. items.Cast<object?>()];

    private static void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException("The data nests too deeply (or refers to itself) to be written as YAML.");
        }
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        bool flag => flag ? "true" : "false",
        string text => Text(text),
        double number => Float(number),
        float number => Float(number),
        IDictionary => "{}",
        IEnumerable => "[]",
        int or long or short or byte or sbyte or ushort or uint or ulong or decimal or System.Numerics.BigInteger =>
            ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture),
        IFormattable formattable => Text(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => Text(value.ToString() ?? string.Empty),
    };

    /// <summary>A float as PyYAML writes one: <c>1.0</c>, <c>1.0e+20</c>, <c>.nan</c>, <c>.inf</c>, <c>-.inf</c>.</summary>
    private static string Float(double number)
    {
        if (double.IsNaN(number))
        {
            return ".nan";
        }

        if (double.IsInfinity(number))
        {
            return number > 0 ? ".inf" : "-.inf";
        }

        var text = number.ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant();
        if (text.Contains('.', StringComparison.Ordinal))
        {
            return text;
        }

        var exponent = text.IndexOf('e', StringComparison.Ordinal);
        return exponent < 0 ? text + ".0" : text.Insert(exponent, ".0");
    }

    private static string Text(string text)
    {
        if (text.Any(NeedsEscape))
        {
            return DoubleQuoted(text);
        }

        return YamlScalars.ReadsAsNonString(text) || text != text.Trim() || QuotedByPyYaml().IsMatch(text)
            ? "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'"
            : text;
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is '\u2028' or '\u2029' or '\ufeff';

    private static string DoubleQuoted(string text)
    {
        var builder = new StringBuilder(text.Length + 8).Append('"');
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                '\0' => "\\0",
                _ when NeedsEscape(c) => c <= '\xff'
                    ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}")
                    : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    // What PyYAML quotes although it would read back: an indicator first, ': ' or ' #' inside, ':' last.
    [GeneratedRegex(@"^[-?:,\[\]{}#&*!|>'""%@`~]|: |\s#|:$")]
    private static partial Regex QuotedByPyYaml();
}
