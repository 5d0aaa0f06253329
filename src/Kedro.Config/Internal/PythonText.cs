using System.Globalization;
using System.Text;

namespace Kedro.Config.Internal;

/// <summary>Formats values as Python's <c>str()</c> and <c>repr()</c> do, so messages and interpolated strings read as in Kedro.</summary>
internal static class PythonText
{
    /// <summary>A list of strings as Python prints it: <c>['a', 'b']</c>.</summary>
    public static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Repr)) + "]";

    /// <summary>Python's <c>str()</c> of a config value.</summary>
    public static string Str(object? value) => value switch
    {
        string s => s,
        _ => Repr(value),
    };

    /// <summary>Python's <c>repr()</c> of a config value.</summary>
    public static string Repr(object? value) => value switch
    {
        null => "None",
        string s => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'",
        bool b => b ? "True" : "False",
        double d => Float(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        Dictionary<string, object?> map => "{" + string.Join(", ", map.Select(p => Repr(p.Key) + ": " + Repr(p.Value))) + "}",
        List<object?> list => "[" + string.Join(", ", list.Select(Repr)) + "]",
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Python's <c>repr()</c> of a float: shortest round-trip digits, <c>1.0</c>, <c>1e-05</c>, <c>inf</c>, <c>nan</c>.</summary>
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

        // Split into digits and a decimal exponent: value = 0.d1d2d3... * 10^exponent.
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
}
