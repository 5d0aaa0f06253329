using System.Globalization;
using System.Text.Json;

namespace Kedro.Datasets.Internal;

/// <summary>
/// Collects a JSON table's values column by column (from row objects or from column objects) and types each column from
/// its values: whole numbers <see cref="long"/> (<see cref="ulong"/> when one only fits there; text when one fits neither,
/// never a rounded <see cref="double"/>), numbers <see cref="double"/>, booleans, ISO 8601 dates <see cref="DateTime"/> in
/// a date column, else text. A column that mixes kinds, or holds objects or arrays, is refused.
/// </summary>
/// <param name="path">The file, for messages.</param>
/// <param name="isDateColumn">Whether a column's ISO 8601 text loads as dates (pandas' <c>convert_dates</c>).</param>
internal sealed class JsonColumns(string path, Func<string, bool> isDateColumn)
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    private readonly List<string> _names = [];
    private readonly Dictionary<string, List<(int Row, JsonElement Value, string Label)>> _cells = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _rowOfLabel = new(StringComparer.Ordinal);
    private int _rows;

    /// <summary>Adds a row object.</summary>
    public void AddRow(JsonElement row, int label)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"'{path}' row {label} is a JSON {row.ValueKind}, not an object of column names to values."));
        }

        foreach (var property in row.EnumerateObject())
        {
            Cells(property.Name).Add((_rows, property.Value.Clone(), label.ToString(CultureInfo.InvariantCulture)));
        }

        _rows++;
    }

    /// <summary>Adds a column object of row labels to values (<c>orient: columns</c>).</summary>
    public void AddColumn(string name, JsonElement column)
    {
        if (column.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"'{path}' column '{name}' is a JSON {column.ValueKind}, not an object of row labels to values (orient 'columns').");
        }

        // Rows are the union of the columns' labels in order of first appearance; each cell goes to its label's row, and a
        // label a column leaves out is a missing value there.
        var cells = Cells(name);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in column.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw new InvalidDataException(
                    $"'{path}' column '{name}' holds row label '{property.Name}' twice; each row label appears once in a column (orient 'columns').");
            }

            if (!_rowOfLabel.TryGetValue(property.Name, out var row))
            {
                row = _rows++;
                _rowOfLabel[property.Name] = row;
            }

            cells.Add((row, property.Value.Clone(), property.Name));
        }
    }

    /// <summary>The typed columns.</summary>
    public TypedColumn[] Finish()
    {
        var result = new TypedColumn[_names.Count];
        for (var c = 0; c < result.Length; c++)
        {
            result[c] = Type(_names[c], _cells[_names[c]]);
        }

        return result;
    }

    private List<(int Row, JsonElement Value, string Label)> Cells(string name)
    {
        if (!_cells.TryGetValue(name, out var cells))
        {
            cells = [];
            _cells[name] = cells;
            _names.Add(name);
        }

        return cells;
    }

    private TypedColumn Type(string name, List<(int Row, JsonElement Value, string Label)> cells)
    {
        var missing = new bool[_rows];
        Array.Fill(missing, true);
        JsonValueKind? kind = null;
        bool allLong = true, allWholeLiterals = true, allULong = true, allDates = true;
        foreach (var (row, value, label) in cells)
        {
            var cellKind = value.ValueKind is JsonValueKind.True or JsonValueKind.False ? JsonValueKind.True : value.ValueKind;
            if (cellKind == JsonValueKind.Null)
            {
                continue;
            }

            if (cellKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"'{path}' row {label}, column '{name}' holds a JSON {cellKind}; a table's cells are numbers, text, booleans or null."));
            }

            if (kind is { } seen && seen != cellKind)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"'{path}' row {label}, column '{name}' holds {Describe(cellKind)} {value.GetRawText()}, but earlier rows hold {Describe(seen)}; ")
                    + "a column holds one kind of value. Write the column with one kind (for example every value as text).");
            }

            kind = cellKind;
            missing[row] = false;
            if (cellKind == JsonValueKind.Number)
            {
                allULong &= value.TryGetUInt64(out _);
                if (!value.TryGetInt64(out _))
                {
                    allLong = false;
                    allWholeLiterals &= IsWholeLiteral(value.GetRawText());
                }
            }

            allDates &= cellKind != JsonValueKind.String || DateTime.TryParseExact(value.GetString(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);
        }

        var anyMissing = Array.IndexOf(missing, true) >= 0 ? missing : null;
        switch (kind)
        {
            case JsonValueKind.Number when allLong:
                return Fill<long>(name, ColumnKind.Int64, cells, anyMissing, static v => v.GetInt64());
            case JsonValueKind.Number when allWholeLiterals && allULong:
                return Fill<ulong>(name, ColumnKind.UInt64, cells, anyMissing, static v => v.GetUInt64());
            case JsonValueKind.Number when HasWholeLiteralBeyondLong(cells):
                // A whole number that fits neither long nor ulong would be rounded as a double: keep the column as text.
                return Fill<string?>(name, ColumnKind.String, cells, anyMissing, static v => v.GetRawText());
            case JsonValueKind.Number:
                return Fill<double>(name, ColumnKind.Float64, cells, anyMissing, static v => v.GetDouble());
            case JsonValueKind.True:
                return Fill<bool>(name, ColumnKind.Bool, cells, anyMissing, static v => v.GetBoolean());
            case JsonValueKind.String when allDates && isDateColumn(name):
                return Fill<DateTime>(name, ColumnKind.DateTime, cells, anyMissing, static v =>
                {
                    var date = DateTime.ParseExact(v.GetString()!, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
                    return date.Kind == DateTimeKind.Local ? date.ToUniversalTime() : date;
                });
            case JsonValueKind.String:
                return Fill<string?>(name, ColumnKind.String, cells, anyMissing, static v => v.GetString());
            default:
                return new TypedColumn(name, ColumnKind.String, new string?[_rows], anyMissing);
        }
    }

    private TypedColumn Fill<T>(string name, ColumnKind kind, List<(int Row, JsonElement Value, string Label)> cells, bool[]? missing, Func<JsonElement, T> read)
    {
        var values = new T[_rows];
        foreach (var (row, value, _) in cells)
        {
            if (value.ValueKind != JsonValueKind.Null)
            {
                values[row] = read(value);
            }
        }

        return new TypedColumn(name, kind, values, missing);
    }

    private static bool HasWholeLiteralBeyondLong(List<(int Row, JsonElement Value, string Label)> cells) =>
        cells.Exists(static c => c.Value.ValueKind == JsonValueKind.Number && !c.Value.TryGetInt64(out _) && IsWholeLiteral(c.Value.GetRawText()));

    /// <summary>Whether a JSON number is written as a whole number (digits, perhaps a minus sign; no fraction or exponent).</summary>
    private static bool IsWholeLiteral(string raw)
    {
        var digits = raw.AsSpan(raw.StartsWith('-') ? 1 : 0);
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "text",
        JsonValueKind.True => "a boolean",
        _ => kind.ToString(),
    };
}
