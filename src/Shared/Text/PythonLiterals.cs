using System.Collections;
using System.Globalization;
using System.Text;

namespace Kedro.Shared.Text;

/// <summary>
/// Values as Python prints them, so Kedro.NET's messages read as Kedro's: <c>repr()</c> of <c>str</c>, <c>int</c>,
/// <c>float</c>, <c>bool</c>, <c>None</c>, lists and dicts (<c>['a', 'b']</c>, <c>{'k': 1.0}</c>, <c>True</c>, <c>None</c>).
/// </summary>
/// <remarks>Compiled into every Kedro.NET assembly that writes messages (src/Shared/Text), so all of them agree.</remarks>
internal static class PythonLiterals
{
    /// <summary>Python's <c>repr()</c>.</summary>
    public static string Repr(object? value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    /// <summary>Python's <c>str()</c>: a string as it is, anything else as <see cref="Repr"/>.</summary>
    public static string Str(object? value) => value is string text ? text : Repr(value);

    /// <summary>A list of strings: <c>['a', 'b']</c>.</summary>
    public static string List(IEnumerable<string?> items) => "[" + string.Join(", ", items.Select(static i => Repr(i))) + "]";

    /// <summary>A list of strings in ordinal order, so a message does not depend on the order of a set.</summary>
    public static string SortedList(IEnumerable<string> items) => List(items.Order(StringComparer.Ordinal));

    /// <summary>A set of strings: <c>{'a', 'b'}</c> (<c>set()</c> when empty), without duplicates and sorted so messages are stable.</summary>
    public static string Set(IEnumerable<string> items)
    {
        var sorted = items.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return sorted.Count == 0 ? "set()" : "{" + string.Join(", ", sorted.Select(static i => Repr(i))) + "}";
    }

    /// <summary>A dict in the order given: <c>{'k': 'a', 'n': 1}</c>.</summary>
    public static string Dict<TValue>(IEnumerable<KeyValuePair<string, TValue>> entries) =>
        "{" + string.Join(", ", entries.Select(static pair => Repr(pair.Key) + ": " + Repr(pair.Value))) + "}";

    /// <summary>Python's <c>repr()</c> appended to <paramref name="builder"/>.</summary>
    public static void Append(StringBuilder builder, object? value)
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
                builder.Append(Float(number));
                break;
            case float number:
                builder.Append(Float(number));
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
                    Append(builder, entry.Key);
                    builder.Append(": ");
                    Append(builder, entry.Value);
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
                    Append(builder, item);
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

    /// <summary>Python's <c>repr()</c> of a float: shortest round-trip digits, <c>1.0</c>, <c>1e-05</c>, <c>1e+16</c>, <c>inf</c>, <c>nan</c>.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // "R" gives the shortest round-trip digits, in either notation; re-lay them out as Python does.
        var roundTrip = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = roundTrip.StartsWith('-');
        if (negative)
        {
            roundTrip = roundTrip[1..];
        }

        // Split into digits and a decimal exponent.
        var mantissa = roundTrip;
        var exponent = 0;
        var e = roundTrip.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            mantissa = roundTrip[..e];
            exponent = int.Parse(roundTrip[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : string.Empty;
        var digits = (intPart + fracPart).TrimStart('0');
        var pointPosition = intPart.TrimStart('0').Length + exponent;
        if (intPart.TrimStart('0').Length == 0)
        {
            var leadingZeros = fracPart.Length - fracPart.TrimStart('0').Length;
            pointPosition = exponent - leadingZeros;
        }

        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        // Python: scientific when the decimal exponent (of d.ddd form) is < -4 or >= 16.
        var sciExponent = pointPosition - 1;
        var builder = new StringBuilder();
        if (negative)
        {
            builder.Append('-');
        }

        if (sciExponent is < -4 or >= 16)
        {
            builder.Append(digits[0]);
            if (digits.Length > 1)
            {
                builder.Append('.').Append(digits.AsSpan(1));
            }

            builder.Append('e').Append(sciExponent < 0 ? '-' : '+')
                .Append(Math.Abs(sciExponent).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (pointPosition <= 0)
        {
            builder.Append("0.").Append('0', -pointPosition).Append(digits);
        }
        else if (pointPosition >= digits.Length)
        {
            builder.Append(digits).Append('0', pointPosition - digits.Length).Append(".0");
        }
        else
        {
            builder.Append(digits.AsSpan(0, pointPosition)).Append('.').Append(digits.AsSpan(pointPosition));
        }

        return builder.ToString();
    }

    // Python's repr(str): single quotes unless the text holds a single quote and no double quote; control characters escaped.
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
                case < ' ' or '\x7f':
                    builder.Append(@"\x").Append(((int)character).ToString("x2", CultureInfo.InvariantCulture));
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
