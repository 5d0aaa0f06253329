using System.Globalization;
using System.Text;

namespace Spaceflights.RawData;

/// <summary>Writes a <see cref="RawTable"/> as CSV the way pandas does: a header, <c>,</c> separators, floats as <c>1.0</c>, missing values empty.</summary>
internal static class CsvWriter
{
    /// <summary>Writes the table atomically (a temporary file in the same folder, then a rename).</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="table">The table.</param>
    public static void Write(string path, RawTable table)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', table.Columns.Select(Quote)).Append('\n');
        foreach (var row in table.Rows)
        {
            text.AppendJoin(',', row.Select(Format)).Append('\n');
        }

        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            writer.Write(text);
        });
    }

    /// <summary>Formats one cell: integers plainly, floats with at least one decimal (<c>97.0</c>), text quoted when needed.</summary>
    /// <param name="cell">The cell.</param>
    /// <returns>The CSV field.</returns>
    public static string Format(object? cell) => cell switch
    {
        null => string.Empty,
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("0.0###############", CultureInfo.InvariantCulture),
        string s => Quote(s),
        _ => Quote(Convert.ToString(cell, CultureInfo.InvariantCulture) ?? string.Empty),
    };

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
