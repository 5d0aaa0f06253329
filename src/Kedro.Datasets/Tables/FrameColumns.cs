using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Apache.Arrow;
using Microsoft.Data.Analysis;

namespace Kedro.Datasets.Tables;

/// <summary>
/// <see cref="DataFrame"/> to and from Arrow. Numeric and boolean columns leave a frame through
/// <see cref="DataFrame.ToArrowRecordBatches"/>, which hands over whole buffers, and enter one as block copies of the
/// Arrow buffers; the rest, which DataFrame's own Arrow conversion would change (dates, timestamps, decimals; strings,
/// whose empty values its Arrow string column reads as missing), are copied here (strings decoded straight from the
/// Arrow offsets and data buffers, the rest value by value):
/// dates as <c>PrimitiveDataFrameColumn&lt;DateOnly&gt;</c>, timestamps as <see cref="DateTimeDataFrameColumn"/>
/// (zoned ones in UTC), decimals as <see cref="DecimalDataFrameColumn"/>, strings as <see cref="StringDataFrameColumn"/>.
/// </summary>
internal static class FrameColumns
{
    private static readonly MethodInfo PrimitiveToArrowMethod = typeof(FrameColumns).GetMethod(nameof(PrimitiveToArrow), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo CopyBuffersMethod = typeof(FrameColumns).GetMethod(nameof(CopyBuffers), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo ArrowToPrimitiveMethod = typeof(FrameColumns).GetMethod(nameof(ArrowToPrimitive), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly Dictionary<Type, Type> ColumnTypes = new()
    {
        [typeof(sbyte)] = typeof(SByteDataFrameColumn),
        [typeof(byte)] = typeof(ByteDataFrameColumn),
        [typeof(short)] = typeof(Int16DataFrameColumn),
        [typeof(ushort)] = typeof(UInt16DataFrameColumn),
        [typeof(int)] = typeof(Int32DataFrameColumn),
        [typeof(uint)] = typeof(UInt32DataFrameColumn),
        [typeof(long)] = typeof(Int64DataFrameColumn),
        [typeof(ulong)] = typeof(UInt64DataFrameColumn),
        [typeof(float)] = typeof(SingleDataFrameColumn),
        [typeof(double)] = typeof(DoubleDataFrameColumn),
    };

    public static RecordBatch ToBatch(DataFrame frame)
    {
        var rows = frame.Rows.Count;
        if (rows > int.MaxValue)
        {
            throw TableErrors.TooManyRows(rows);
        }

        var names = new List<string>(frame.Columns.Count);
        var arrays = new List<IArrowArray>(frame.Columns.Count);
        foreach (var column in frame.Columns)
        {
            names.Add(column.Name);
            arrays.Add(ToArray(column, (int)rows));
        }

        return ArrowTables.Batch(names, arrays, (int)rows);
    }

    public static DataFrame FromBatch(RecordBatch batch)
    {
        var columns = new List<DataFrameColumn>(batch.ColumnCount);
        var names = ArrowTables.ColumnNames(batch);
        for (var c = 0; c < names.Length; c++)
        {
            columns.Add(ToColumn(names[c], batch.Column(c)));
        }

        return new DataFrame(columns);
    }

    private static IArrowArray ToArray(DataFrameColumn column, int rows)
    {
        var type = column.DataType;
        // Not bool: DataFrame.ToArrowRecordBatches hands a boolean column's one-byte-per-value buffer over as Arrow's
        // bit-packed one, so every row after the first reads the wrong bit; booleans are built value by value below.
        if (IsSharedPrimitive(type) && type != typeof(bool) && IsPrimitiveColumn(column))
        {
            var arrays = new DataFrame(column).ToArrowRecordBatches().Select(batch => batch.Column(0)).ToList();
            return arrays.Count == 1 ? arrays[0] : ArrowArrayConcatenator.Concatenate(arrays);
        }

        if (column is StringDataFrameColumn strings)
        {
            return ArrowColumns.Strings(rows, i => strings[i]);
        }

        if (column is ArrowStringDataFrameColumn arrowStrings)
        {
            // Its indexer reads an empty string as null; the validity bitmap tells them apart.
            return ArrowColumns.Strings(rows, i => arrowStrings.IsValid(i) ? arrowStrings[i] ?? string.Empty : null);
        }

        if (IsPrimitiveColumn(column) && ArrowColumns.HasColumnForm(type) && type.IsValueType)
        {
            try
            {
                return (IArrowArray)PrimitiveToArrowMethod.MakeGenericMethod(type).Invoke(null, [column, rows])!;
            }
            catch (TargetInvocationException e) when (e.InnerException is InvalidDataException inner)
            {
                throw inner;
            }
        }

        throw TableErrors.NoArrowForm(column.Name, type);
    }

    private static DataFrameColumn ToColumn(string name, IArrowArray array)
    {
        var arrowType = array.Data.DataType;
        var natural = ArrowColumns.NaturalType(arrowType) ?? throw TableErrors.NoColumnForm(name, arrowType);
        if (IsSharedPrimitive(natural) && natural != typeof(bool) && array.Offset % 8 == 0)
        {
            return (DataFrameColumn)CopyBuffersMethod.MakeGenericMethod(natural).Invoke(null, [name, array])!;
        }

        if (array is StringArray text)
        {
            return Strings(name, text);
        }

        if (natural == typeof(string) || natural == typeof(object))
        {
            var read = ArrowColumns.Reader(array, name);
            return new StringDataFrameColumn(name, Enumerable.Range(0, array.Length).Select(i => (string?)read(i)));
        }

        if (arrowType is Apache.Arrow.Types.TimestampType { Timezone: { Length: > 0 } })
        {
            var read = ArrowColumns.Reader(array, name);
            return new DateTimeDataFrameColumn(name, Enumerable.Range(0, array.Length).Select(i => (read(i) as DateTimeOffset?)?.UtcDateTime));
        }

        return (DataFrameColumn)ArrowToPrimitiveMethod.MakeGenericMethod(natural).Invoke(null, [name, array])!;
    }

    // A utf8 column's values decoded straight from its offsets and data buffers into a column of the same length. Short
    // values that repeat (categories, codes) share one string: a small table remembers the last string decoded for each
    // hash of the bytes, and is used when the bytes are equal.
    private static StringDataFrameColumn Strings(string name, StringArray array)
    {
        const int Slots = 1 << 12;
        const int Shared = 64;
        var rows = array.Length;
        var column = new StringDataFrameColumn(name, rows);
        var offsets = array.ValueOffsets;
        var data = array.ValueBuffer.Span;
        var known = new string?[Slots];
        var starts = new int[Slots];
        var ends = new int[Slots];
        for (var i = 0; i < rows; i++)
        {
            if (!array.IsValid(i))
            {
                continue;
            }

            int start = offsets[i], end = offsets[i + 1];
            var bytes = data[start..end];
            if (bytes.Length > Shared)
            {
                column[i] = Encoding.UTF8.GetString(bytes);
                continue;
            }

            var hash = default(HashCode);
            hash.AddBytes(bytes);
            var slot = hash.ToHashCode() & (Slots - 1);
            if (known[slot] is not { } text || !data[starts[slot]..ends[slot]].SequenceEqual(bytes))
            {
                text = Encoding.UTF8.GetString(bytes);
                known[slot] = text;
                starts[slot] = start;
                ends[slot] = end;
            }

            column[i] = text;
        }

        return column;
    }

    // The types DataFrame's own Arrow conversion keeps exactly.
    private static bool IsSharedPrimitive(Type type) =>
        ArrowColumns.IsNumber(type) || type == typeof(bool);

    private static bool IsPrimitiveColumn(DataFrameColumn column)
    {
        for (var type = column.GetType(); type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(PrimitiveDataFrameColumn<>))
            {
                return true;
            }
        }

        return false;
    }

    private static IArrowArray PrimitiveToArrow<T>(PrimitiveDataFrameColumn<T> column, int rows)
        where T : unmanaged =>
        ArrowColumns.Build(column.Name, rows, i => column[i]);

    // The column's value and validity buffers copied into managed memory, in one block copy each, so the frame owns its
    // data (DataFrame.FromArrowRecordBatch would keep pointing at the batch's buffers, which may be native memory
    // released with the batch).
    private static DataFrameColumn CopyBuffers<T>(string name, IArrowArray array)
        where T : unmanaged
    {
        var data = array.Data;
        var size = Unsafe.SizeOf<T>();
        var values = data.Buffers[1].Span.Slice(data.Offset * size, data.Length * size).ToArray();
        var bitmap = new byte[(data.Length + 7) / 8];
        if (data.NullCount == 0 || data.Buffers[0].IsEmpty)
        {
            bitmap.AsSpan().Fill(0xFF);
        }
        else
        {
            data.Buffers[0].Span.Slice(data.Offset / 8, bitmap.Length).CopyTo(bitmap);
        }

        var type = ColumnTypes.TryGetValue(typeof(T), out var columnType) ? columnType : typeof(PrimitiveDataFrameColumn<T>);
        return (DataFrameColumn)Activator.CreateInstance(type, name, new ReadOnlyMemory<byte>(values), new ReadOnlyMemory<byte>(bitmap), data.Length, data.NullCount)!;
    }

    private static DataFrameColumn ArrowToPrimitive<T>(string name, IArrowArray array)
        where T : unmanaged, IEquatable<T>
    {
        var read = ArrowColumns.TypedReader<T>(array, name);
        var values = Enumerable.Range(0, array.Length).Select(i => read(i));
        return typeof(T) == typeof(DateTime) ? new DateTimeDataFrameColumn(name, (IEnumerable<DateTime?>)values)
            : typeof(T) == typeof(decimal) ? new DecimalDataFrameColumn(name, (IEnumerable<decimal?>)values)
            : new PrimitiveDataFrameColumn<T>(name, values);
    }
}
