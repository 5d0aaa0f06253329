using System.Data.Common;
using System.Globalization;
using System.Numerics;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Kedro.Datasets.Sql.Internal;

/// <summary>
/// One result column as the engine describes it: its name, its kind (<see langword="null"/> when the engine declares none
/// and the values decide, as in a SQLite expression), the decimal scale when the engine gives one, and how to read a value.
/// </summary>
internal sealed record SqlResultColumn(string Name, SqlColumnKind? Kind, int? Scale, Func<DbDataReader, int, object> Read, string TypeName);

/// <summary>Reads a <see cref="DbDataReader"/> into one Arrow <see cref="RecordBatch"/>, refusing any value that does not fit its column.</summary>
internal static class SqlColumnReader
{
    private const string Utc = "UTC";

    public static RecordBatch Read(DbDataReader reader, IReadOnlyList<SqlResultColumn> columns, string source, CancellationToken cancellationToken)
    {
        var values = new List<object?>[columns.Count];
        var typed = new TypedColumn?[columns.Count];
        for (var c = 0; c < values.Length; c++)
        {
            values[c] = [];
            typed[c] = TypedColumn.For(columns[c].Kind);
        }

        var rows = 0;
        while (reader.Read())
        {
            if ((rows & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (var c = 0; c < values.Length; c++)
            {
                if (typed[c] is { } column)
                {
                    if (reader.IsDBNull(c))
                    {
                        column.AppendNull();
                        continue;
                    }

                    if (column.Append(reader, c))
                    {
                        continue;
                    }

                    // A value of another storage class (SQLite keeps one per value): the rest of this column goes the
                    // boxed way, so Build converts or refuses it exactly as before.
                    values[c] = column.Boxed(columns[c].Name);
                    typed[c] = null;
                }

                values[c].Add(reader.IsDBNull(c) ? null : columns[c].Read(reader, c));
            }

            rows++;
        }

        var fields = new List<Field>(columns.Count);
        var arrays = new List<IArrowArray>(columns.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            if (!names.Add(column.Name))
            {
                throw SqlErrors.DuplicateColumn(source, column.Name);
            }

            var array = typed[c]?.Build() ?? Build(column.Kind ?? Infer(values[c]), column, values[c], source);
            fields.Add(new Field(column.Name, array.Data.DataType, nullable: true));
            arrays.Add(array);
        }

        return new RecordBatch(new Schema(fields, null), arrays, rows);
    }

    // A column without a declared type (a SQLite expression): integers, else numbers, else text, else bytes; all missing reads as text.
    private static SqlColumnKind Infer(List<object?> values)
    {
        bool integer = false, real = false, text = false, blob = false;
        foreach (var value in values)
        {
            switch (value)
            {
                case null: break;
                case long or int or short or sbyte: integer = true; break;
                case double or float: real = true; break;
                case byte[]: blob = true; break;
                default: text = true; break;
            }
        }

        return text ? SqlColumnKind.String
            : blob ? (integer || real ? SqlColumnKind.String : SqlColumnKind.Binary)
            : real ? SqlColumnKind.Double
            : integer ? SqlColumnKind.Int64
            : SqlColumnKind.String;
    }

    /// <summary>Builds a column of <paramref name="kind"/> from .NET values, refusing one that does not fit.</summary>
    public static IArrowArray Build(SqlColumnKind kind, SqlResultColumn column, List<object?> values, string source)
    {
        var count = values.Count;
        T Fit<T>(int row, Func<object, T?> convert)
            where T : struct
        {
            var value = values[row]!;
            try
            {
                return convert(value) ?? throw SqlErrors.ValueDoesNotFit(source, column.Name, row, value, kind, column.TypeName);
            }
            catch (Exception e) when (e is OverflowException or FormatException or InvalidCastException or ArgumentException)
            {
                throw SqlErrors.ValueDoesNotFit(source, column.Name, row, value, kind, column.TypeName);
            }
        }

        switch (kind)
        {
            case SqlColumnKind.Int8: return Fixed(Int8Type.Default, count, values, i => Fit(i, v => (sbyte?)checked((sbyte)Integer(v))));
            case SqlColumnKind.Int16: return Fixed(Int16Type.Default, count, values, i => Fit(i, v => (short?)checked((short)Integer(v))));
            case SqlColumnKind.Int32: return Fixed(Int32Type.Default, count, values, i => values[i] is int n ? n : Fit(i, v => (int?)checked((int)Integer(v))));
            case SqlColumnKind.Int64: return Fixed(Int64Type.Default, count, values, i => values[i] is long n ? n : Fit(i, v => (long?)checked((long)Integer(v))));
            case SqlColumnKind.UInt8: return Fixed(UInt8Type.Default, count, values, i => Fit(i, v => (byte?)checked((byte)Integer(v))));
            case SqlColumnKind.UInt16: return Fixed(UInt16Type.Default, count, values, i => Fit(i, v => (ushort?)checked((ushort)Integer(v))));
            case SqlColumnKind.UInt32: return Fixed(UInt32Type.Default, count, values, i => Fit(i, v => (uint?)checked((uint)Integer(v))));
            case SqlColumnKind.UInt64: return Fixed(UInt64Type.Default, count, values, i => Fit(i, v => (ulong?)checked((ulong)Integer(v))));
            case SqlColumnKind.Float: return Fixed(FloatType.Default, count, values, i => Fit(i, v => Single(v)));
            case SqlColumnKind.Double: return Fixed(DoubleType.Default, count, values, i => values[i] is double d ? d : Fit(i, v => Real(v)));
            case SqlColumnKind.Boolean:
                {
                    var builder = new BooleanArray.Builder().Reserve(count);
                    for (var i = 0; i < count; i++)
                    {
                        if (values[i] is null)
                        {
                            builder.AppendNull();
                        }
                        else
                        {
                            builder.Append(Fit(i, Boolean));
                        }
                    }

                    return builder.Build();
                }

            case SqlColumnKind.String:
                {
                    var builder = new StringArray.Builder().Reserve(count);
                    for (var i = 0; i < count; i++)
                    {
                        switch (values[i])
                        {
                            case null: builder.AppendNull(); break;
                            case string text: builder.Append(text); break;
                            case var other: throw SqlErrors.ValueDoesNotFit(source, column.Name, i, other, kind, column.TypeName);
                        }
                    }

                    return builder.Build();
                }

            case SqlColumnKind.Binary:
                {
                    var builder = new BinaryArray.Builder().Reserve(count);
                    for (var i = 0; i < count; i++)
                    {
                        switch (values[i])
                        {
                            case null: builder.AppendNull(); break;
                            case byte[] bytes: builder.Append(bytes.AsSpan()); break;
                            case var other: throw SqlErrors.ValueDoesNotFit(source, column.Name, i, other, kind, column.TypeName);
                        }
                    }

                    return builder.Build();
                }

            case SqlColumnKind.Decimal:
                {
                    var decimals = new decimal?[count];
                    var scale = column.Scale ?? 0;
                    for (var i = 0; i < count; i++)
                    {
                        if (values[i] is not null)
                        {
                            var value = Fit(i, Decimal);
                            decimals[i] = value;
                            if (column.Scale is null)
                            {
                                scale = Math.Max(scale, value.Scale);
                            }
                        }
                    }

                    var builder = new Decimal128Array.Builder(new Decimal128Type(38, Math.Min(scale, 28)));
                    foreach (var value in decimals)
                    {
                        if (value is { } number)
                        {
                            builder.Append(number);
                        }
                        else
                        {
                            builder.AppendNull();
                        }
                    }

                    return builder.Build();
                }

            case SqlColumnKind.Date:
                return Fixed(Date32Type.Default, count, values, i => Fit(i, Date).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber);

            case SqlColumnKind.Timestamp or SqlColumnKind.TimestampUtc:
                {
                    var utc = kind == SqlColumnKind.TimestampUtc;
                    var type = new TimestampType(TimeUnit.Microsecond, utc ? Utc : null);
                    return Fixed(type, count, values, i => Fit(i, v => Timestamp(v, utc)) is var ticks
                        ? (ticks - DateTime.UnixEpoch.Ticks) / 10
                        : 0);
                }

            default:
                throw new InvalidOperationException("Unknown column kind " + kind);
        }
    }

    private static IArrowArray Fixed<T>(IArrowType type, int count, List<object?> values, Func<int, T> get)
        where T : struct
    {
        var data = new ArrowBuffer.Builder<T>(count);
        var validity = new ArrowBuffer.BitmapBuilder(count);
        var nulls = 0;
        for (var i = 0; i < count; i++)
        {
            if (values[i] is null)
            {
                data.Append(default(T));
                validity.Append(false);
                nulls++;
            }
            else
            {
                data.Append(get(i));
                validity.Append(true);
            }
        }

        return ArrowArrayFactory.BuildArray(new ArrayData(type, count, nulls, 0, [nulls == 0 ? ArrowBuffer.Empty : validity.Build(), data.Build()]));
    }

    private static BigInteger Integer(object value) => value switch
    {
        long v => v,
        int v => v,
        short v => v,
        sbyte v => v,
        ulong v => v,
        uint v => v,
        ushort v => v,
        byte v => v,
        BigInteger v => v,
        decimal v when decimal.Truncate(v) == v => new BigInteger(v),
        _ => throw new InvalidCastException(),
    };

    private static float? Single(object value) => value switch
    {
        float v => v,
        double v when (double)(float)v == v || double.IsNaN(v) => (float)v,
        long v when (long)(float)v == v => v,
        _ => null,
    };

    private static double? Real(object value) => value switch
    {
        double v => v,
        float v => v,
        long v when (long)(double)v == v => v,
        int v => v,
        decimal v => (double)v,
        _ => null,
    };

    private static bool? Boolean(object value) => value switch
    {
        bool v => v,
        long v when v == 0 => false,
        long v when v == 1 => true,
        _ => null,
    };

    private static decimal? Decimal(object value) => value switch
    {
        decimal v => v,
        long v => v,
        int v => v,
        BigInteger v => (decimal)v,
        double v when !double.IsNaN(v) && !double.IsInfinity(v) => decimal.Parse(v.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture),
        string v => decimal.Parse(v, NumberStyles.Number, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static DateOnly? Date(object value) => value switch
    {
        DateOnly v => v,
        DateTime v when v.TimeOfDay == TimeSpan.Zero => DateOnly.FromDateTime(v),
        string v => DateOnly.ParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => null,
    };

    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd",
    ];

    private static readonly string[] ZonedFormats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz", "yyyy-MM-dd HH:mm:ss.FFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'",
    ];

    // Ticks since 0001-01-01 (UTC ticks for a zoned column), never finer than a microsecond.
    private static long? Timestamp(object value, bool utc)
    {
        long ticks;
        switch (value)
        {
            case DateTime v:
                ticks = utc && v.Kind == DateTimeKind.Local ? v.ToUniversalTime().Ticks : v.Ticks;
                break;
            case DateTimeOffset v:
                ticks = utc ? v.UtcTicks : v.DateTime.Ticks;
                break;
            case string v when utc:
                ticks = DateTimeOffset.ParseExact(v, ZonedFormats, CultureInfo.InvariantCulture, DateTimeStyles.None).UtcTicks;
                break;
            case string v:
                // The form this engine writes first: one format is much quicker to try than the list.
                ticks = DateTime.TryParseExact(v, TimestampFormats[0], CultureInfo.InvariantCulture, DateTimeStyles.None, out var written)
                    ? written.Ticks
                    : DateTime.ParseExact(v, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None).Ticks;
                break;
            default:
                return null;
        }

        return ticks % 10 != 0 ? null : ticks;
    }
    /// <summary>
    /// A column of int32, int64, double, boolean or string kind read with the provider's typed getter straight into an
    /// Arrow builder, without boxing. It takes a value only when the reader's field type for the current row is the one
    /// the boxed path would convert without loss; otherwise the caller moves the column to the boxed path.
    /// </summary>
    private sealed class TypedColumn
    {
        private readonly Func<DbDataReader, int, bool> _append;
        private readonly Action _appendNull;
        private readonly Func<IArrowArray> _build;

        private TypedColumn(Func<DbDataReader, int, bool> append, Action appendNull, Func<IArrowArray> build)
        {
            _append = append;
            _appendNull = appendNull;
            _build = build;
        }

        public static TypedColumn? For(SqlColumnKind? kind)
        {
            switch (kind)
            {
                case SqlColumnKind.Int32:
                    {
                        var builder = new Int32Array.Builder();
                        return new TypedColumn(
                            (r, c) =>
                            {
                                var type = r.GetFieldType(c);
                                if (type == typeof(int))
                                {
                                    builder.Append(r.GetInt32(c));
                                    return true;
                                }

                                if (type == typeof(long) && r.GetInt64(c) is >= int.MinValue and <= int.MaxValue and var value)
                                {
                                    builder.Append((int)value);
                                    return true;
                                }

                                return false;
                            },
                            () => builder.AppendNull(),
                            () => builder.Build());
                    }

                case SqlColumnKind.Int64:
                    {
                        var builder = new Int64Array.Builder();
                        return new TypedColumn(
                            (r, c) =>
                            {
                                if (r.GetFieldType(c) != typeof(long))
                                {
                                    return false;
                                }

                                builder.Append(r.GetInt64(c));
                                return true;
                            },
                            () => builder.AppendNull(),
                            () => builder.Build());
                    }

                case SqlColumnKind.Double:
                    {
                        var builder = new DoubleArray.Builder();
                        return new TypedColumn(
                            (r, c) =>
                            {
                                if (r.GetFieldType(c) != typeof(double))
                                {
                                    return false;
                                }

                                builder.Append(r.GetDouble(c));
                                return true;
                            },
                            () => builder.AppendNull(),
                            () => builder.Build());
                    }

                case SqlColumnKind.Boolean:
                    {
                        var builder = new BooleanArray.Builder();
                        return new TypedColumn(
                            (r, c) =>
                            {
                                var type = r.GetFieldType(c);
                                if (type == typeof(bool))
                                {
                                    builder.Append(r.GetBoolean(c));
                                    return true;
                                }

                                // SQLite keeps a boolean as the integer 0 or 1.
                                if (type == typeof(long) && r.GetInt64(c) is var flag && flag is 0 or 1)
                                {
                                    builder.Append(flag == 1);
                                    return true;
                                }

                                return false;
                            },
                            () => builder.AppendNull(),
                            () => builder.Build());
                    }

                case SqlColumnKind.String:
                    {
                        var builder = new StringArray.Builder();
                        return new TypedColumn(
                            (r, c) =>
                            {
                                if (r.GetFieldType(c) != typeof(string))
                                {
                                    return false;
                                }

                                builder.Append(r.GetString(c));
                                return true;
                            },
                            () => builder.AppendNull(),
                            () => builder.Build());
                    }

                default:
                    return null;
            }
        }

        /// <summary>Appends the current row's value, which is not null; <see langword="false"/> when it is of another type.</summary>
        public bool Append(DbDataReader reader, int column) => _append(reader, column);

        public void AppendNull() => _appendNull();

        public IArrowArray Build() => _build();

        /// <summary>The values read so far as the boxed path keeps them.</summary>
        public List<object?> Boxed(string column)
        {
            var array = _build();
            var get = SqlColumns.Values(array, column);
            var values = new List<object?>(array.Length);
            for (var i = 0; i < array.Length; i++)
            {
                values.Add(array.IsNull(i) ? null : get(i));
            }

            return values;
        }
    }
}
