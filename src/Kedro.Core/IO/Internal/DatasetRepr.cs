using System.Collections;
using System.Globalization;
using System.Text;

namespace Kedro.IO.Internal;

/// <summary>Prints datasets the way Kedro does: <c>Type(key=value, ...)</c> with Python-style literals.</summary>
internal static class DatasetRepr
{
    private static readonly Dictionary<Type, string> Aliases = new()
    {
        [typeof(bool)] = "bool",
        [typeof(byte)] = "byte",
        [typeof(sbyte)] = "sbyte",
        [typeof(char)] = "char",
        [typeof(short)] = "short",
        [typeof(ushort)] = "ushort",
        [typeof(int)] = "int",
        [typeof(uint)] = "uint",
        [typeof(long)] = "long",
        [typeof(ulong)] = "ulong",
        [typeof(float)] = "float",
        [typeof(double)] = "double",
        [typeof(decimal)] = "decimal",
        [typeof(string)] = "string",
        [typeof(object)] = "object",
        [typeof(nint)] = "nint",
        [typeof(nuint)] = "nuint",
    };

    /// <summary>A C#-style name: keywords for built-in types, <c>List&lt;int&gt;</c>, <c>int[]</c>, nested types with dots.</summary>
    internal static string TypeName(Type type, bool withNamespace = false)
    {
        if (Aliases.TryGetValue(type, out var alias))
        {
            return alias;
        }

        if (type.IsArray)
        {
            var rank = type.GetArrayRank();
            return TypeName(type.GetElementType()!, withNamespace) + "[" + new string(',', rank - 1) + "]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying, withNamespace) + "?";
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        if (type.IsGenericType)
        {
            var arguments = type.GetGenericArguments();
            if (type.IsNested && type.DeclaringType!.IsGenericType)
            {
                arguments = arguments[type.DeclaringType.GetGenericArguments().Length..];
            }

            if (arguments.Length > 0)
            {
                name += "<" + string.Join(", ", arguments.Select(a => TypeName(a, withNamespace))) + ">";
            }
        }

        if (type.IsNested && !type.IsGenericParameter)
        {
            return TypeName(type.DeclaringType!, withNamespace) + "." + name;
        }

        return withNamespace && !string.IsNullOrEmpty(type.Namespace) && !type.IsGenericParameter
            ? type.Namespace + "." + name
            : name;
    }

    /// <summary>Kedro's <c>_pretty_repr</c>: <c>Type(k=v, ...)</c>, entries whose value is <see langword="null"/> left out.</summary>
    internal static string Format(Type datasetType, IReadOnlyDictionary<string, object?> description)
    {
        var builder = new StringBuilder(TypeName(datasetType, withNamespace: true)).Append('(');
        var first = true;
        foreach (var (key, value) in description)
        {
            if (value is null)
            {
                continue;
            }

            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            builder.Append(key).Append('=');
            AppendValue(builder, value);
        }

        return builder.Append(')').ToString();
    }

    /// <summary>A value as Python prints it: quoted strings, <c>True</c>/<c>False</c>/<c>None</c>, lists and dicts.</summary>
    internal static string Value(object? value)
    {
        var builder = new StringBuilder();
        AppendValue(builder, value);
        return builder.ToString();
    }

    private static void AppendValue(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("None");
                break;
            case string text:
                AppendString(builder, text);
                break;
            case char character:
                AppendString(builder, character.ToString());
                break;
            case bool flag:
                builder.Append(flag ? "True" : "False");
                break;
            case double number:
                builder.Append(FloatText(number));
                break;
            case float number:
                builder.Append(FloatText(number));
                break;
            case DatasetVersion version:
                builder.Append("Version(load=");
                AppendValue(builder, version.Load);
                builder.Append(", save=");
                AppendValue(builder, version.Save);
                builder.Append(')');
                break;
            case IDictionary dictionary:
                builder.Append('{');
                var firstEntry = true;
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (!firstEntry)
                    {
                        builder.Append(", ");
                    }

                    firstEntry = false;
                    AppendValue(builder, entry.Key);
                    builder.Append(": ");
                    AppendValue(builder, entry.Value);
                }

                builder.Append('}');
                break;
            case IEnumerable items:
                builder.Append('[');
                var firstItem = true;
                foreach (var item in items)
                {
                    if (!firstItem)
                    {
                        builder.Append(", ");
                    }

                    firstItem = false;
                    AppendValue(builder, item);
                }

                builder.Append(']');
                break;
            case IFormattable formattable:
                builder.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                builder.Append(value.ToString());
                break;
        }
    }

    private static string FloatText(double number)
    {
        if (double.IsNaN(number))
        {
            return "nan";
        }

        if (double.IsInfinity(number))
        {
            return number > 0 ? "inf" : "-inf";
        }

        var text = number.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.Ordinal) ? text : text + ".0";
    }

    // Python's repr(str): single quotes unless the text holds a single quote and no double quote.
    private static void AppendString(StringBuilder builder, string text)
    {
        var quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        builder.Append(quote);
        foreach (var character in text)
        {
            switch (character)
            {
                case '\\':
                    builder.Append(@"\\");
                    break;
                case '\n':
                    builder.Append(@"\n");
                    break;
                case '\r':
                    builder.Append(@"\r");
                    break;
                case '\t':
                    builder.Append(@"\t");
                    break;
                default:
                    if (character == quote)
                    {
                        builder.Append('\\');
                    }

                    builder.Append(character);
                    break;
            }
        }

        builder.Append(quote);
    }
}
