using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Kedro.Cli.Internal;

/// <summary>Writes configuration trees as block YAML, the way PyYAML's <c>yaml.dump</c> lays them out.</summary>
internal static partial class YamlWriter
{
    public static string Write(object? value)
    {
        var builder = new StringBuilder();
        switch (value)
        {
            case IDictionary mapping when mapping.Count > 0:
                WriteMapping(builder, mapping, 0);
                break;
            case IList list when list.Count > 0 && value is not string:
                WriteList(builder, list, 0);
                break;
            default:
                builder.Append(Scalar(value)).Append('\n');
                break;
        }

        return builder.ToString();
    }

    private static void WriteMapping(StringBuilder builder, IDictionary mapping, int indent)
    {
        foreach (DictionaryEntry entry in mapping)
        {
            builder.Append(' ', indent).Append(Scalar(entry.Key)).Append(':');
            WriteValue(builder, entry.Value, indent, inList: false);
        }
    }

    private static void WriteList(StringBuilder builder, IList list, int indent)
    {
        foreach (var item in list)
        {
            builder.Append(' ', indent).Append('-');
            WriteValue(builder, item, indent, inList: true);
        }
    }

    private static void WriteValue(StringBuilder builder, object? value, int indent, bool inList)
    {
        switch (value)
        {
            case IDictionary mapping when mapping.Count > 0:
                builder.Append('\n');
                WriteMapping(builder, mapping, indent + 2);
                break;
            case IList list when list.Count > 0 && value is not string:
                builder.Append('\n');
                WriteList(builder, list, inList ? indent + 2 : indent);
                break;
            case IDictionary:
                builder.Append(" {}\n");
                break;
            case IList when value is not string:
                builder.Append(" []\n");
                break;
            default:
                builder.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => Quote(s),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? string.Empty),
    };

    private static string Quote(string text) =>
        text.Length == 0 || NeedsQuotes().IsMatch(text) || LooksTyped().IsMatch(text) || text != text.Trim()
            ? "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'"
            : text;

    [GeneratedRegex(@"^[-?:,\[\]{}#&*!|>'""%@`~]|: |\s#|[\n\r\t]|:$")]
    private static partial Regex NeedsQuotes();

    [GeneratedRegex(@"^([-+]?(\d[\d_]*)?\.?\d+([eE][-+]?\d+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|true|false|True|False|TRUE|FALSE|yes|no|Yes|No|on|off|On|Off|null|Null|NULL|~)$")]
    private static partial Regex LooksTyped();
}
