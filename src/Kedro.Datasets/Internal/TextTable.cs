using System.Globalization;

namespace Kedro.Datasets.Internal;

/// <summary>
/// A table read from a text file, column by column: each column's raw text, the file line of each row (for messages), and
/// the types declared for some columns. Typing a column infers its type as pandas does unless one is declared.
/// </summary>
/// <param name="Path">The file, for messages.</param>
/// <param name="Columns">The column names, in file order.</param>
/// <param name="Text">Each column's raw text.</param>
/// <param name="Lines">The 1-based file record of each row.</param>
/// <param name="Declared">Declared column types by column index; absent columns are inferred.</param>
/// <param name="DateFormat">The .NET format of dates (<c>date_format</c>), or <see langword="null"/> to read ISO 8601 and the like.</param>
/// <param name="DateFormatText">The format as written, for messages.</param>
internal sealed record TextTable(
    string Path, string[] Columns, TextColumn[] Text, int[] Lines, IReadOnlyDictionary<int, ColumnDType> Declared, string? DateFormat, string? DateFormatText)
{
    private const NumberStyles Whole = NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    /// <summary>The number of rows.</summary>
    public int RowCount => Lines.Length;

    /// <summary>Every column typed (in parallel: columns are independent).</summary>
    public TypedColumn[] TypeAll()
    {
        var result = new TypedColumn[Columns.Length];
        if (RowCount * (long)Columns.Length < 100_000)
        {
            for (var c = 0; c < result.Length; c++)
            {
                result[c] = Type(c);
            }
        }
        else
        {
            Parallel.For(0, result.Length, c => result[c] = Type(c));
        }

        return result;
    }

    /// <summary>The cells as a <see cref="Table"/> for record binding: raw strings, except declared columns, which hold their typed values.</summary>
    public Table ToCells()
    {
        var typed = new TypedColumn?[Columns.Length];
        foreach (var index in Declared.Keys)
        {
            typed[index] = Type(index);
        }

        var rows = new List<object?[]>(RowCount);
        for (var r = 0; r < RowCount; r++)
        {
            var row = new object?[Columns.Length];
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = typed[c] is { } column ? column.Get(r) : Text[c].StringAt(r);
            }

            rows.Add(row);
        }

        return new Table(Columns, rows);
    }

    /// <summary>One column typed: its declared type, checked cell by cell, or pandas' inference (int64, float64, bool, else string).</summary>
    /// <exception cref="InvalidDataException">A cell does not parse as the declared type.</exception>
    public TypedColumn Type(int column)
    {
        var text = Text[column];
        var name = Columns[column];
        var missing = text.AnyMissing ? new bool[RowCount] : null;
        if (missing is not null)
        {
            for (var r = 0; r < RowCount; r++)
            {
                missing[r] = text.IsMissing(r);
            }
        }

        if (Declared.TryGetValue(column, out var declared))
        {
            if (!declared.AllowsMissing && missing is not null)
            {
                var row = Array.IndexOf(missing, true);
                throw FileDatasetErrors.MissingForDType(Path, name, Lines[row], declared.Name);
            }

            return declared.Kind switch
            {
                ColumnKind.Int64 => new TypedColumn(name, ColumnKind.Int64, ParseAll<long>(column, TryLong) ?? throw Refuse<long>(column, declared, TryLong), missing),
                ColumnKind.Float64 => new TypedColumn(name, ColumnKind.Float64, ParseAll<double>(column, TryDouble) ?? throw Refuse<double>(column, declared, TryDouble), missing),
                ColumnKind.Bool => new TypedColumn(name, ColumnKind.Bool, ParseAll<bool>(column, TryBool) ?? throw Refuse<bool>(column, declared, TryBool), missing),
                ColumnKind.DateTime => new TypedColumn(name, ColumnKind.DateTime, ParseAll<DateTime>(column, TryDate) ?? throw Refuse<DateTime>(column, declared, TryDate), missing),
                _ => new TypedColumn(name, ColumnKind.String, null, missing, text),
            };
        }

        if (text.Parsed != ColumnKind.String)
        {
            return new TypedColumn(name, text.Parsed, text.ParsedValues(), missing);
        }

        if (missing is not null && Array.TrueForAll(missing, static m => m))
        {
            return new TypedColumn(name, ColumnKind.String, new string?[RowCount], missing);
        }

        if (ParseAll<long>(column, TryLong) is { } longs)
        {
            return new TypedColumn(name, ColumnKind.Int64, longs, missing);
        }

        if (ParseAll<ulong>(column, TryULong) is { } ulongs)
        {
            return new TypedColumn(name, ColumnKind.UInt64, ulongs, missing);
        }

        if (ParseAll<double>(column, TryInferredDouble) is { } doubles)
        {
            return new TypedColumn(name, ColumnKind.Float64, doubles, missing);
        }

        if (ParseAll<bool>(column, TryInferredBool) is { } bools)
        {
            return new TypedColumn(name, ColumnKind.Bool, bools, missing);
        }

        return new TypedColumn(name, ColumnKind.String, null, missing, text);
    }

    private delegate bool TryParseSpan<T>(ReadOnlySpan<char> text, out T value);

    private T[]? ParseAll<T>(int column, TryParseSpan<T> parse)
    {
        var text = Text[column];
        var values = new T[RowCount];
        for (var r = 0; r < values.Length; r++)
        {
            if (text.IsMissing(r))
            {
                continue;
            }

            if (!parse(text[r], out values[r]))
            {
                return null;
            }
        }

        return values;
    }

    private InvalidDataException Refuse<T>(int column, ColumnDType declared, TryParseSpan<T> parse)
    {
        var text = Text[column];
        for (var r = 0; r < RowCount; r++)
        {
            if (!text.IsMissing(r) && !parse(text[r], out _))
            {
                return declared.Kind == ColumnKind.DateTime
                    ? FileDatasetErrors.NotADate(Path, Columns[column], Lines[r], text.StringAt(r), DateFormatText)
                    : FileDatasetErrors.NotOfDType(Path, Columns[column], Lines[r], text.StringAt(r), declared.Name);
            }
        }

        return new InvalidDataException($"column '{Columns[column]}' of '{Path}' does not parse as '{declared.Name}'.");
    }

    private static bool TryLong(ReadOnlySpan<char> text, out long value) => long.TryParse(text, Whole, CultureInfo.InvariantCulture, out value);

    private static bool TryDouble(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static bool TryULong(ReadOnlySpan<char> text, out ulong value) => ulong.TryParse(text, Whole, CultureInfo.InvariantCulture, out value);

    /// <summary>A double for an inferred column: a whole number beyond <see cref="long"/> is not one (it would be rounded).</summary>
    private static bool TryInferredDouble(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        return !TextColumn.IsWholeBeyondLong(text) && TryDouble(text, out value);
    }

    private static bool TryInferredBool(ReadOnlySpan<char> text, out bool value) => TextColumn.TryBool(text, out value);

    private static bool TryBool(ReadOnlySpan<char> text, out bool value)
    {
        if (TryInferredBool(text, out value))
        {
            return true;
        }

        var trimmed = text.Trim();
        value = trimmed is "1" or "1.0";
        return value || trimmed is "0" or "0.0";
    }

    private bool TryDate(ReadOnlySpan<char> text, out DateTime value)
    {
        var trimmed = text.Trim();
        if (DateFormat is not null)
        {
            return DateTime.TryParseExact(trimmed, DateFormat, StrftimeFormat.Culture, DateTimeStyles.None, out value);
        }

        if (!DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value))
        {
            return false;
        }

        if (value.Kind == DateTimeKind.Local)
        {
            value = value.ToUniversalTime(); // an offset in the text: keep the instant, as UTC
        }

        return true;
    }
}
