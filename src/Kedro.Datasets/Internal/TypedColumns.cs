using System.Data;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow;
using Kedro.Datasets.Tables;
using Microsoft.Data.Analysis;

namespace Kedro.Datasets.Internal;

/// <summary>Builds tables from <see cref="TypedColumn"/>s, column by column.</summary>
internal static class TypedColumns
{
    /// <summary>A <see cref="DataTable"/> with one column per typed column; missing values are <see cref="DBNull"/>.</summary>
    public static DataTable ToDataTable(TypedColumn[] columns)
    {
        var result = new DataTable { Locale = CultureInfo.InvariantCulture };
        foreach (var column in columns)
        {
            result.Columns.Add(column.Name, column.ClrType);
        }

        var rowCount = columns.Length == 0 ? 0 : columns[0].Count;
        result.BeginLoadData();
        var values = new object[columns.Length];
        for (var r = 0; r < rowCount; r++)
        {
            for (var c = 0; c < values.Length; c++)
            {
                values[c] = columns[c].Get(r) ?? DBNull.Value;
            }

            result.Rows.Add(values);
        }

        result.EndLoadData();
        return result;
    }

    /// <summary>The cells of typed columns as a <see cref="Table"/> (boxed values, <see langword="null"/> when missing), for record binding.</summary>
    public static Table ToTable(TypedColumn[] columns)
    {
        var rowCount = columns.Length == 0 ? 0 : columns[0].Count;
        var rows = new List<object?[]>(rowCount);
        for (var r = 0; r < rowCount; r++)
        {
            var row = new object?[columns.Length];
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = columns[c].Get(r);
            }

            rows.Add(row);
        }

        return new Table([.. columns.Select(c => c.Name)], rows);
    }

    /// <summary>
    /// A <see cref="DataFrame"/>, Arrow <see cref="RecordBatch"/> or Arrow <see cref="Apache.Arrow.Table"/> built column by
    /// column: numbers and booleans as whole buffers, text encoded straight into Arrow's UTF-8 buffers (or, for a
    /// <see cref="DataFrame"/>, into a <see cref="StringDataFrameColumn"/>), without a boxed value per cell.
    /// </summary>
    public static object ToArrow(TypedColumn[] columns, TableShape shape)
    {
        var rows = columns.Length == 0 ? 0 : columns[0].Count;
        if (shape.Kind != TableShapeKind.DataFrame)
        {
            return ArrowTables.FromBatch(ArrowTables.Batch([.. columns.Select(c => c.Name)], [.. columns.Select(ToArray)], rows), shape);
        }

        var typed = columns.Where(c => c.Kind != ColumnKind.String).ToArray();
        var frame = FrameColumns.FromBatch(ArrowTables.Batch([.. typed.Select(c => c.Name)], [.. typed.Select(ToArray)], rows));
        var result = new DataFrameColumn[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            if (columns[c].Kind != ColumnKind.String)
            {
                result[c] = frame.Columns[columns[c].Name];
            }
        }

        // Text columns are independent: built side by side, each string made once per distinct value.
        var text = Enumerable.Range(0, columns.Length).Where(c => columns[c].Kind == ColumnKind.String).ToArray();
        Parallel.ForEach(text, c => result[c] = Strings(columns[c], rows));
        return new DataFrame(result);
    }

    private static StringDataFrameColumn Strings(TypedColumn column, int rows)
    {
        const int MaxDistinct = 1 << 16;
        var strings = new StringDataFrameColumn(column.Name, rows);
        if (column.Text is not { } text)
        {
            for (var r = 0; r < rows; r++)
            {
                strings[r] = column.StringAt(r);
            }

            return strings;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lookup = seen.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var r = 0; r < rows; r++)
        {
            if (column.Missing is not null && column.Missing[r])
            {
                strings[r] = null;
                continue;
            }

            var cell = text[r];
            if (!lookup.TryGetValue(cell, out var value))
            {
                value = new string(cell);
                if (seen.Count < MaxDistinct)
                {
                    seen.Add(value);
                }
            }

            strings[r] = value;
        }

        return strings;
    }

    /// <summary>One column as an Arrow array.</summary>
    public static IArrowArray ToArray(TypedColumn column)
    {
        var rows = column.Count;
        var (validity, nulls) = Validity(column.Missing);
        switch (column.Kind)
        {
            case ColumnKind.Int64:
                return new Int64Array(new ArrowBuffer(MemoryMarshal.AsBytes(((long[])column.Values!).AsSpan()).ToArray()), validity, rows, nulls, 0);
            case ColumnKind.UInt64:
                return new UInt64Array(new ArrowBuffer(MemoryMarshal.AsBytes(((ulong[])column.Values!).AsSpan()).ToArray()), validity, rows, nulls, 0);
            case ColumnKind.Float64:
                return new DoubleArray(new ArrowBuffer(MemoryMarshal.AsBytes(((double[])column.Values!).AsSpan()).ToArray()), validity, rows, nulls, 0);
            case ColumnKind.Bool:
                var flags = (bool[])column.Values!;
                var bits = new byte[(rows + 7) / 8];
                for (var r = 0; r < rows; r++)
                {
                    if (flags[r])
                    {
                        bits[r >> 3] |= (byte)(1 << (r & 7));
                    }
                }

                return new BooleanArray(new ArrowBuffer(bits), validity, rows, nulls, 0);
            case ColumnKind.DateTime:
                var dates = (DateTime[])column.Values!;
                var missing = column.Missing;
                return ArrowColumns.Build<DateTime>(column.Name, rows, r => missing is not null && missing[r] ? null : dates[r]);
            default:
                return Utf8(column, validity, nulls);
        }
    }

    private static StringArray Utf8(TypedColumn column, ArrowBuffer validity, int nulls)
    {
        var rows = column.Count;
        var offsets = new int[rows + 1];
        var data = new byte[Math.Max(16, rows * 8)];
        var length = 0;
        var strings = column.Values as string?[];
        for (var r = 0; r < rows; r++)
        {
            if (column.Missing is null || !column.Missing[r])
            {
                var text = strings is null ? column.Text![r] : (strings[r] ?? string.Empty).AsSpan();
                var needed = length + Encoding.UTF8.GetMaxByteCount(text.Length);
                if (needed > data.Length)
                {
                    System.Array.Resize(ref data, Math.Max(data.Length * 2, needed));
                }

                length += Encoding.UTF8.GetBytes(text, data.AsSpan(length));
            }

            offsets[r + 1] = length;
        }

        return new StringArray(rows, new ArrowBuffer(MemoryMarshal.AsBytes(offsets.AsSpan()).ToArray()), new ArrowBuffer(data.AsMemory(0, length)), validity, nulls, 0);
    }

    private static (ArrowBuffer Validity, int Nulls) Validity(bool[]? missing)
    {
        if (missing is null)
        {
            return (ArrowBuffer.Empty, 0);
        }

        var bits = new byte[(missing.Length + 7) / 8];
        var nulls = 0;
        for (var r = 0; r < missing.Length; r++)
        {
            if (missing[r])
            {
                nulls++;
            }
            else
            {
                bits[r >> 3] |= (byte)(1 << (r & 7));
            }
        }

        return nulls == 0 ? (ArrowBuffer.Empty, 0) : (new ArrowBuffer(bits), nulls);
    }
}
