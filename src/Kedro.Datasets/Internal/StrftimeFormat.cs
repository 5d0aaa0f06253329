using System.Globalization;
using System.Text;

namespace Kedro.Datasets.Internal;

/// <summary>Translates a Python <c>strftime</c> format (<c>%Y-%m-%d</c>) into a .NET custom date format for parsing.</summary>
internal static class StrftimeFormat
{
    /// <summary>
    /// The culture to parse a translated format with: invariant, except that a two-digit year (<c>%y</c>) follows Python,
    /// 00-68 as 2000-2068 and 69-99 as 1969-1999 (.NET's own cutoff is 2049).
    /// </summary>
    public static CultureInfo Culture { get; } = CreateCulture();

    /// <summary>The directives translated, for messages.</summary>
    public const string Supported = "%Y %y %m %d %H %I %M %S %f %p %b %B %a %A %F %T %%";

    /// <summary>The .NET format, or <see langword="null"/> with <paramref name="unsupported"/> set to the first directive it cannot translate.</summary>
    public static string? ToDotNet(string format, out string? unsupported)
    {
        unsupported = null;
        var result = new StringBuilder();
        var literal = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%')
            {
                literal.Append(c);
                continue;
            }

            if (i + 1 >= format.Length)
            {
                unsupported = "%";
                return null;
            }

            var directive = format[++i];
            if (directive == '%')
            {
                literal.Append('%');
                continue;
            }

            string? piece = directive switch
            {
                'Y' => "yyyy",
                'y' => "yy",
                'm' => "M",
                'd' => "d",
                'H' => "H",
                'I' => "h",
                'M' => "m",
                'S' => "s",
                'f' => "FFFFFFF",
                'p' => "tt",
                'b' => "MMM",
                'B' => "MMMM",
                'a' => "ddd",
                'A' => "dddd",
                'F' => "yyyy'-'M'-'d",
                'T' => "H':'m':'s",
                _ => null,
            };
            if (piece is null)
            {
                unsupported = "%" + directive;
                return null;
            }

            Flush(result, literal);
            result.Append(piece);
        }

        Flush(result, literal);
        var text = result.ToString();
        return text.Length == 1 ? "%" + text : text; // one letter alone would be a standard format
    }

    private static CultureInfo CreateCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.DateTimeFormat.Calendar.TwoDigitYearMax = 2068;
        return CultureInfo.ReadOnly(culture);
    }

    private static void Flush(StringBuilder result, StringBuilder literal)
    {
        if (literal.Length == 0)
        {
            return;
        }

        foreach (var ch in literal.ToString())
        {
            result.Append('\\').Append(ch);
        }

        literal.Clear();
    }
}
