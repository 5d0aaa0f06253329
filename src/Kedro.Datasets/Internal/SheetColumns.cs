using System.Collections;
using System.Globalization;

namespace Kedro.Datasets.Internal;

/// <summary>
/// pandas' <c>usecols</c> for a sheet: Excel column letters and ranges in one string (<c>"A:C,F"</c>), or a list of column
/// names or 0-based positions. The chosen columns keep the sheet's order.
/// </summary>
internal sealed class SheetColumns
{
    private readonly List<(int From, int To)>? _letters;
    private readonly List<object>? _names;
    private readonly string _text;

    private SheetColumns(List<(int From, int To)>? letters, List<object>? names, string text)
    {
        _letters = letters;
        _names = names;
        _text = text;
    }

    /// <summary>Reads <c>usecols</c>; <see langword="null"/> when it is absent.</summary>
    /// <exception cref="ArgumentException">The value is not letters, names or positions.</exception>
    public static SheetColumns? From(object? value, string typeName)
    {
        const string Expected = "Excel column letters and ranges such as 'A:C,F', or a list of column names or 0-based positions";
        switch (value)
        {
            case null:
                return null;
            case string letters:
                var ranges = new List<(int, int)>();
                foreach (var part in letters.Split(',', StringSplitOptions.TrimEntries))
                {
                    var ends = part.Split(':', StringSplitOptions.TrimEntries);
                    if (ends.Length > 2 || Column(ends[0]) is not { } from || Column(ends[^1]) is not { } to || to < from)
                    {
                        throw FileDatasetErrors.BadValue(typeName, "load_args", "usecols", letters, Expected);
                    }

                    ranges.Add((from, to));
                }

                return new SheetColumns(ranges, null, letters);
            case IEnumerable items:
                var names = new List<object>();
                foreach (var item in items)
                {
                    names.Add(item switch
                    {
                        int position and >= 0 => position,
                        long position and >= 0 and <= int.MaxValue => (int)position,
                        string name => name,
                        _ => throw FileDatasetErrors.BadValue(typeName, "load_args", "usecols", item, Expected),
                    });
                }

                return new SheetColumns(null, names, string.Join(", ", names.Select(Describe)));
            default:
                throw FileDatasetErrors.BadValue(typeName, "load_args", "usecols", value, Expected);
        }
    }

    /// <summary>The table with only the chosen columns.</summary>
    /// <exception cref="InvalidDataException">A chosen column is not in the sheet.</exception>
    public Table Select(Table table, string sheet, string path)
    {
        var positions = new SortedSet<int>();
        var missing = new List<string>();
        if (_letters is not null)
        {
            foreach (var (from, to) in _letters)
            {
                for (var c = from; c <= to; c++)
                {
                    if (c < table.Columns.Length)
                    {
                        positions.Add(c);
                    }
                    else if (from == to || c == from)
                    {
                        missing.Add($"'{Letters(c)}'");
                    }
                }
            }
        }
        else
        {
            foreach (var column in _names!)
            {
                var position = column is int index ? (index < table.Columns.Length ? index : -1) : Array.IndexOf(table.Columns, (string)column);
                if (position >= 0)
                {
                    positions.Add(position);
                }
                else
                {
                    missing.Add(Describe(column));
                }
            }
        }

        if (missing.Count > 0)
        {
            throw FileDatasetErrors.SheetColumnsNotFound(path, sheet, _text, missing, table.Columns);
        }

        var chosen = positions.ToArray();
        var rows = table.Rows.Select(row => chosen.Select(c => row[c]).ToArray()).ToList();
        return new Table([.. chosen.Select(c => table.Columns[c])], rows);
    }

    private static int? Column(string letters)
    {
        if (letters.Length is 0 or > 3)
        {
            return null;
        }

        var number = 0;
        foreach (var ch in letters.ToUpperInvariant())
        {
            if (ch is < 'A' or > 'Z')
            {
                return null;
            }

            number = (number * 26) + (ch - 'A' + 1);
        }

        return number - 1;
    }

    private static string Letters(int index)
    {
        var letters = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    private static string Describe(object column) => column is int position
        ? string.Create(CultureInfo.InvariantCulture, $"position {position}")
        : $"'{column}'";
}
