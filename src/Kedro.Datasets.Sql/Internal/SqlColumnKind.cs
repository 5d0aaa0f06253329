using Apache.Arrow;
using Apache.Arrow.Types;

namespace Kedro.Datasets.Sql.Internal;

/// <summary>The column kinds the SQL datasets save and load, each with one Arrow type and one .NET value type.</summary>
internal enum SqlColumnKind
{
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float,
    Double,
    Boolean,
    String,
    Decimal,
    Date,
    Timestamp,
    TimestampUtc,
    Binary,
}

/// <summary>Reads the values of Arrow columns as the .NET values the engines bind, and names the kinds.</summary>
internal static class SqlColumns
{
    /// <summary>
    /// The kind of a result column whose provider reports one of the CLR types every engine maps the same way
    /// (<see cref="short"/>, <see cref="int"/>, <see cref="long"/>, <see cref="float"/>, <see cref="double"/>,
    /// <see cref="bool"/>, <see cref="string"/>, <see cref="decimal"/>); <see langword="null"/> for any other type.
    /// </summary>
    public static SqlColumnKind? KindOfClrType(Type type) =>
        type == typeof(short) ? SqlColumnKind.Int16
        : type == typeof(int) ? SqlColumnKind.Int32
        : type == typeof(long) ? SqlColumnKind.Int64
        : type == typeof(float) ? SqlColumnKind.Float
        : type == typeof(double) ? SqlColumnKind.Double
        : type == typeof(bool) ? SqlColumnKind.Boolean
        : type == typeof(string) ? SqlColumnKind.String
        : type == typeof(decimal) ? SqlColumnKind.Decimal
        : null;

    /// <summary>The kind of an Arrow column type, or <see langword="null"/> when the SQL datasets do not save it.</summary>
    public static SqlColumnKind? KindOf(IArrowType type) => type switch
    {
        Int8Type => SqlColumnKind.Int8,
        Int16Type => SqlColumnKind.Int16,
        Int32Type => SqlColumnKind.Int32,
        Int64Type => SqlColumnKind.Int64,
        UInt8Type => SqlColumnKind.UInt8,
        UInt16Type => SqlColumnKind.UInt16,
        UInt32Type => SqlColumnKind.UInt32,
        UInt64Type => SqlColumnKind.UInt64,
        FloatType => SqlColumnKind.Float,
        DoubleType => SqlColumnKind.Double,
        BooleanType => SqlColumnKind.Boolean,
        StringType or LargeStringType or StringViewType => SqlColumnKind.String,
        Decimal128Type => SqlColumnKind.Decimal,
        Date32Type or Date64Type => SqlColumnKind.Date,
        TimestampType { Timezone: null or "" } => SqlColumnKind.Timestamp,
        TimestampType => SqlColumnKind.TimestampUtc,
        BinaryType or LargeBinaryType or BinaryViewType => SqlColumnKind.Binary,
        DictionaryType dictionary => KindOf(dictionary.ValueType),
        _ => null,
    };

    /// <summary>The kind of each column of <paramref name="batch"/>; a column of another type is refused naming it.</summary>
    public static SqlColumnKind[] KindsOf(RecordBatch batch, string engine)
    {
        var kinds = new SqlColumnKind[batch.ColumnCount];
        for (var c = 0; c < kinds.Length; c++)
        {
            var field = batch.Schema.GetFieldByIndex(c);
            kinds[c] = KindOf(field.DataType) ?? throw SqlErrors.UnsupportedColumn(field.Name, field.DataType.Name, engine);
        }

        return kinds;
    }

    /// <summary>
    /// The values of a column as .NET values: <see cref="sbyte"/> ... <see cref="ulong"/>, <see cref="float"/>,
    /// <see cref="double"/>, <see cref="bool"/>, <see cref="string"/>, <see cref="decimal"/>, <see cref="DateOnly"/>,
    /// <see cref="DateTime"/> (unspecified for a timestamp without a zone, UTC with one, never finer than a microsecond)
    /// and <see cref="byte"/> arrays; <see langword="null"/> for a missing value.
    /// </summary>
    public static Func<int, object?> Values(IArrowArray array, string column)
    {
        switch (array)
        {
            case DictionaryArray dictionary:
                var values = Values(dictionary.Dictionary, column);
                var indices = Values(dictionary.Indices, column);
                return i => dictionary.IsNull(i) ? null : values(Convert.ToInt32(indices(i), System.Globalization.CultureInfo.InvariantCulture));
            case Int8Array a: return i => a.GetValue(i);
            case Int16Array a: return i => a.GetValue(i);
            case Int32Array a: return i => a.GetValue(i);
            case Int64Array a: return i => a.GetValue(i);
            case UInt8Array a: return i => a.GetValue(i);
            case UInt16Array a: return i => a.GetValue(i);
            case UInt32Array a: return i => a.GetValue(i);
            case UInt64Array a: return i => a.GetValue(i);
            case FloatArray a: return i => a.GetValue(i);
            case DoubleArray a: return i => a.GetValue(i);
            case BooleanArray a: return i => a.GetValue(i);
            case StringArray a: return i => a.IsNull(i) ? null : a.GetString(i);
            case LargeStringArray a: return i => a.IsNull(i) ? null : a.GetString(i);
            case StringViewArray a: return i => a.IsNull(i) ? null : a.GetString(i);
            case BinaryArray a: return i => a.IsNull(i) ? null : a.GetBytes(i).ToArray();
            case LargeBinaryArray a: return i => a.IsNull(i) ? null : a.GetBytes(i).ToArray();
            case BinaryViewArray a: return i => a.IsNull(i) ? null : a.GetBytes(i).ToArray();
            case Date32Array a: return i => a.GetDateOnly(i);
            case Date64Array a: return i => a.GetDateOnly(i);
            case Decimal128Array a:
                return i =>
                {
                    try
                    {
                        return a.GetValue(i);
                    }
                    catch (OverflowException e)
                    {
                        throw SqlErrors.DecimalTooLarge(column, i, e);
                    }
                };
            case TimestampArray a:
                var type = (TimestampType)a.Data.DataType;
                var kind = string.IsNullOrEmpty(type.Timezone) ? DateTimeKind.Unspecified : DateTimeKind.Utc;
                return i => a.IsNull(i) ? null : Microseconds(a.Values[i], type.Unit, column, i, kind);
            default:
                throw SqlErrors.UnsupportedColumn(column, array.Data.DataType.Name, null);
        }
    }

    /// <summary>
    /// The time of an Arrow timestamp <paramref name="value"/> in <paramref name="unit"/>s since the epoch; a time finer
    /// than a microsecond or outside <see cref="DateTime"/>'s range is refused naming <paramref name="column"/> and row.
    /// </summary>
    public static DateTime Microseconds(long value, TimeUnit unit, string column, int row, DateTimeKind kind)
    {
        long ticks;
        try
        {
            ticks = unit switch
            {
                TimeUnit.Second => checked(value * TimeSpan.TicksPerSecond),
                TimeUnit.Millisecond => checked(value * TimeSpan.TicksPerMillisecond),
                TimeUnit.Microsecond => checked(value * 10),
                _ => value % 1000 != 0 ? throw SqlErrors.FinerThanMicroseconds(column, row) : value / 100,
            };
            return new DateTime(checked(DateTime.UnixEpoch.Ticks + ticks), kind);
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            throw SqlErrors.TimestampOutOfRange(column, row, e);
        }
    }
}
