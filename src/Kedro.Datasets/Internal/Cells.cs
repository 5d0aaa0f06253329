using System.Globalization;

namespace Kedro.Datasets.Internal;

/// <summary>
/// Reads and writes cell values with the invariant culture: CSV cells are strings, Excel cells are numbers,
/// strings, booleans or dates. Missing values are <see langword="null"/>.
/// </summary>
internal static class Cells
{
    /// <summary>pandas' default missing-value markers (<c>keep_default_na</c>).</summary>
    public static readonly string[] DefaultNaValues =
    [
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA",
        "NULL", "NaN", "None", "n/a", "nan", "null",
    ];

    private const NumberStyles Float = NumberStyles.Float;

    /// <summary>Converts a raw cell to <paramref name="target"/>; <paramref name="value"/> is never null here.</summary>
    /// <returns><see langword="true"/> when converted; otherwise <paramref name="why"/> may say why.</returns>
    public static bool TryConvert(object value, Type target, out object? result, out string? why)
    {
        why = null;
        result = null;
        var type = Nullable.GetUnderlyingType(target) ?? target;
        if (type == typeof(object) || type.IsInstanceOfType(value))
        {
            result = value;
            return true;
        }

        if (type == typeof(string))
        {
            result = Format(value);
            return true;
        }

        var invariant = CultureInfo.InvariantCulture;
        try
        {
            if (value is string text)
            {
                text = text.Trim();
                return TryParse(text, type, out result, out why);
            }

            if (type.IsEnum)
            {
                return TryParse(Format(value) ?? string.Empty, type, out result, out why);
            }

            if (type == typeof(bool) && value is IConvertible)
            {
                result = Convert.ToBoolean(value, invariant);
                return true;
            }

            if (LoadedValueConverter.IsNumeric(type) && value is double or float or decimal or long or int or short or byte or uint or ulong or ushort or sbyte)
            {
                if (LoadedValueConverter.IsIntegral(type) && value is double d && Math.Truncate(d) != d)
                {
                    why = "not a whole number";
                    return false;
                }

                result = Convert.ChangeType(value, type, invariant);
                return true;
            }

            if (type == typeof(DateTime) && value is double oaDate)
            {
                result = DateTime.FromOADate(oaDate);
                return true;
            }

            if (type == typeof(DateOnly) && value is DateTime dateTime)
            {
                result = DateOnly.FromDateTime(dateTime);
                return true;
            }

            if (type == typeof(DateTimeOffset) && value is DateTime local)
            {
                result = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Utc));
                return true;
            }

            return TryParse(Format(value) ?? string.Empty, type, out result, out why);
        }
        catch (Exception e) when (e is OverflowException or FormatException or InvalidCastException or ArgumentException)
        {
            why = e.Message;
            return false;
        }
    }

    /// <summary>A .NET value as a cell's text, invariant culture; <see langword="null"/> for a missing value.</summary>
    public static string? Format(object? value) => value switch
    {
        null or DBNull => null,
        string text => text,
        bool flag => flag ? "True" : "False",
        double number => double.IsNaN(number) ? null : number.ToString("R", CultureInfo.InvariantCulture),
        float number => float.IsNaN(number) ? null : number.ToString("R", CultureInfo.InvariantCulture),
        DateTime date => date.TimeOfDay == TimeSpan.Zero && date.Kind != DateTimeKind.Utc
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture),
        DateTimeOffset date => date.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>
    /// The type pandas would infer for a column: <see cref="long"/> when every value is a whole number, <see cref="double"/>
    /// when every value is a number, <see cref="bool"/> for True/False, <see cref="DateTime"/> for Excel dates, else
    /// <see cref="string"/>. Missing values do not count.
    /// </summary>
    public static Type InferColumnType(List<object?[]> rows, int column)
    {
        bool allLong = true, allDouble = true, allBool = true, allDate = true, any = false;
        foreach (var row in rows)
        {
            var value = row[column];
            if (value is null)
            {
                continue;
            }

            any = true;
            switch (value)
            {
                case string text:
                    allLong &= long.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out _);
                    allDouble &= double.TryParse(text, Float, CultureInfo.InvariantCulture, out _);
                    allBool &= text.Trim() is "True" or "False" or "true" or "false" or "TRUE" or "FALSE";
                    allDate = false;
                    break;
                case double number:
                    allLong &= double.IsFinite(number) && Math.Truncate(number) == number && Math.Abs(number) < 9e15;
                    allBool = false;
                    allDate = false;
                    break;
                case bool:
                    allLong = allDouble = allDate = false;
                    break;
                case DateTime:
                    allLong = allDouble = allBool = false;
                    break;
                default:
                    allLong = allDouble = allBool = allDate = false;
                    break;
            }

            if (!allLong && !allDouble && !allBool && !allDate)
            {
                return typeof(string);
            }
        }

        return !any ? typeof(string)
            : allLong ? typeof(long)
            : allDouble ? typeof(double)
            : allBool ? typeof(bool)
            : allDate ? typeof(DateTime)
            : typeof(string);
    }

    private static bool TryParse(string text, Type type, out object? result, out string? why)
    {
        var invariant = CultureInfo.InvariantCulture;
        why = null;
        result = null;
        if (type.IsEnum)
        {
            if (Enum.TryParse(type, text.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var member)
                && Enum.IsDefined(type, member!))
            {
                result = member;
                return true;
            }

            why = $"expected one of {string.Join(", ", Enum.GetNames(type))}";
            return false;
        }

        switch (Type.GetTypeCode(type))
        {
            case TypeCode.Boolean:
                switch (text.ToUpperInvariant())
                {
                    case "TRUE" or "T" or "YES" or "Y" or "1":
                        result = true;
                        return true;
                    case "FALSE" or "F" or "NO" or "N" or "0":
                        result = false;
                        return true;
                    default:
                        why = "expected true/false, t/f, yes/no or 1/0";
                        return false;
                }

            case TypeCode.Double:
                return Parse(double.TryParse(text, Float, invariant, out var d), d, out result);
            case TypeCode.Single:
                return Parse(float.TryParse(text, Float, invariant, out var f), f, out result);
            case TypeCode.Decimal:
                return Parse(decimal.TryParse(text, Float, invariant, out var m), m, out result);
            case TypeCode.Int32:
                return ParseWhole(text, type, out result, out why);
            case TypeCode.Int64 or TypeCode.Int16 or TypeCode.Byte or TypeCode.SByte or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64:
                return ParseWhole(text, type, out result, out why);
            case TypeCode.DateTime:
                return Parse(DateTime.TryParse(text, invariant, DateTimeStyles.RoundtripKind, out var date), date, out result);
            case TypeCode.Char:
                return Parse(text.Length == 1, text.Length == 1 ? text[0] : '\0', out result);
            default:
                break;
        }

        if (type == typeof(DateTimeOffset))
        {
            return Parse(DateTimeOffset.TryParse(text, invariant, DateTimeStyles.AssumeUniversal, out var offset), offset, out result);
        }

        if (type == typeof(DateOnly))
        {
            return Parse(DateOnly.TryParse(text, invariant, out var dateOnly), dateOnly, out result);
        }

        if (type == typeof(TimeSpan))
        {
            return Parse(TimeSpan.TryParse(text, invariant, out var span), span, out result);
        }

        if (type == typeof(Guid))
        {
            return Parse(Guid.TryParse(text, out var guid), guid, out result);
        }

        why = "cells convert to numbers, booleans, strings, enums, dates, times and GUIDs";
        return false;
    }

    private static bool ParseWhole(string text, Type type, out object? result, out string? why)
    {
        why = null;
        result = null;
        var invariant = CultureInfo.InvariantCulture;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var whole))
        {
            result = Convert.ChangeType(whole, type, invariant);
            return true;
        }

        if (ulong.TryParse(text, NumberStyles.None, invariant, out var big))
        {
            result = Convert.ChangeType(big, type, invariant);
            return true;
        }

        // pandas writes whole floats as "3.0": accept them, refuse fractions.
        if (double.TryParse(text, Float, invariant, out var number))
        {
            if (Math.Truncate(number) == number && double.IsFinite(number))
            {
                result = Convert.ChangeType(number, type, invariant);
                return true;
            }

            why = "not a whole number";
        }

        return false;
    }

    private static bool Parse<T>(bool ok, T value, out object? result)
    {
        result = ok ? value : null;
        return ok;
    }
}
