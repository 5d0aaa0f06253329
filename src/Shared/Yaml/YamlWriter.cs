using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kedro.Shared.Yaml;

/// <summary>
/// Writes configuration trees (mappings, lists, scalars) as block YAML laid out as PyYAML's <c>yaml.dump</c> lays them
/// out (keys in their order, lists under a key not indented, empty collections as <c>{}</c> and <c>[]</c>). YamlDotNet's
/// emitter does the layout and escaping; a string is quoted when <see cref="YamlScalars"/> would read it back as
/// anything but that string, or when PyYAML would quote it. The one YAML writer of Kedro.NET (the CLI's listings and
/// YAMLDataset's saves).
/// </summary>
internal static partial class YamlWriter
{
    private static readonly EmitterSettings Settings = new EmitterSettings()
        .WithBestIndent(2)
        .WithBestWidth(int.MaxValue)
        .WithMaxSimpleKeyLength(int.MaxValue)
        .WithNewLine("\n");

    /// <summary>The tree as one YAML document, ending with a line break.</summary>
    public static string Write(object? tree)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(text, Settings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, tree, 0);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Emit(IEmitter emitter, object? value, int depth)
    {
        if (depth > 256)
        {
            throw new InvalidOperationException("The data nests too deeply (or refers to itself) to be written as YAML.");
        }

        switch (value)
        {
            case IDictionary mapping:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, mapping.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (DictionaryEntry entry in mapping)
                {
                    EmitScalar(emitter, entry.Key);
                    Emit(emitter, entry.Value, depth + 1);
                }

                emitter.Emit(new MappingEnd());
                break;
            case IEnumerable items and not string:
                var list = items.Cast<object?>().ToList();
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, list.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in list)
                {
                    Emit(emitter, item, depth + 1);
                }

                emitter.Emit(new SequenceEnd());
                break;
            default:
                EmitScalar(emitter, value);
                break;
        }
    }

    private static void EmitScalar(IEmitter emitter, object? value)
    {
        var (text, isString) = value switch
        {
            null => ("null", false),
            bool flag => (flag ? "true" : "false", false),
            string s => (s, true),
            double number => (Float(number), false),
            float number => (Float(number), false),
            IFormattable formattable => (formattable.ToString(null, CultureInfo.InvariantCulture), !IsNumber(value)),
            _ => (value.ToString() ?? string.Empty, true),
        };
        var style = isString && NeedsQuotes(text) ? ScalarStyle.SingleQuoted : ScalarStyle.Plain;
        emitter.Emit(new Scalar(null, null, text, style, isPlainImplicit: true, isQuotedImplicit: true));
    }

    private static bool IsNumber(object value) => value is int or long or short or byte or sbyte or ushort or uint or ulong or decimal
        or System.Numerics.BigInteger;

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

    private static bool NeedsQuotes(string text) =>
        YamlScalars.ReadsAsNonString(text) || text != text.Trim() || QuotedByPyYaml().IsMatch(text);

    // What PyYAML quotes although it would read back: an indicator first, ': ' or ' #' inside, ':' last.
    [GeneratedRegex(@"^[-?:,\[\]{}#&*!|>'""%@`~]|: |\s#|:$")]
    private static partial Regex QuotedByPyYaml();
}
