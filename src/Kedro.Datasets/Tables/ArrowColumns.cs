using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Kedro.Datasets.Tables;

/// <summary>
/// Builds Arrow arrays from typed column values and reads Arrow values back as .NET values. Each Arrow type has one
/// natural .NET type (<see cref="NaturalType"/>): integers and floats as the same-width .NET numbers, <c>bool</c>, strings
/// (<c>utf8</c>, <c>large_utf8</c> and string views; a dictionary-encoded column reads as its values' type), dates as <see cref="DateOnly"/>, timestamps
/// without a zone as <see cref="DateTime"/> and with one as <see cref="DateTimeOffset"/>, and <c>decimal128</c> as
/// <see cref="decimal"/>.
/// </summary>
internal static class ArrowColumns
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;
    private static readonly int UnixEpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>The .NET types a column can hold, for messages.</summary>
    public const string ColumnTypes =
        "sbyte, byte, short, ushort, int, uint, long, ulong, float, double, decimal, bool, string, char, Guid, an enum, DateOnly, DateTime or DateTimeOffset (or their nullable forms)";

    /// <summary>Whether values of <paramref name="type"/> (nullable or not) have a column form.</summary>
    public static bool HasColumnForm(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsEnum || underlying == typeof(string) || underlying == typeof(char) || underlying == typeof(Guid)
            || underlying == typeof(bool) || underlying == typeof(decimal)
            || underlying == typeof(DateOnly) || underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset)
            || IsNumber(underlying);
    }

    /// <summary>Whether <paramref name="type"/> is one of .NET's integer or floating-point types.</summary>
    public static bool IsNumber(Type type) =>
        type == typeof(sbyte) || type == typeof(byte) || type == typeof(short) || type == typeof(ushort) || type == typeof(int)
        || type == typeof(uint) || type == typeof(long) || type == typeof(ulong) || type == typeof(float) || type == typeof(double);

    /// <summary>The .NET type an Arrow column's values read as, or <see langword="null"/> when it has none.</summary>
    public static Type? NaturalType(IArrowType type) => type switch
    {
        Int8Type => typeof(sbyte),
        UInt8Type => typeof(byte),
        Int16Type => typeof(short),
        UInt16Type => typeof(ushort),
        Int32Type => typeof(int),
        UInt32Type => typeof(uint),
        Int64Type => typeof(long),
        UInt64Type => typeof(ulong),
        FloatType => typeof(float),
        DoubleType => typeof(double),
        BooleanType => typeof(bool),
        StringType or LargeStringType or StringViewType => typeof(string),
        Date32Type or Date64Type => typeof(DateOnly),
        TimestampType { Timezone: null or "" } => typeof(DateTime),
        TimestampType => typeof(DateTimeOffset),
        Decimal128Type => typeof(decimal),
        DictionaryType dictionary => NaturalType(dictionary.ValueType),
        NullType => typeof(object),
        _ => null,
    };

    /// <summary>Reads the values of <paramref name="array"/> one at a time, boxed as their natural .NET type.</summary>
    /// <exception cref="InvalidDataException">The column's type has no .NET form.</exception>
    public static Func<int, object?> Reader(IArrowArray array, string column)
    {
        switch (array)
        {
            case Int8Array a: return i => a.GetValue(i);
            case UInt8Array a: return i => a.GetValue(i);
            case Int16Array a: return i => a.GetValue(i);
            case UInt16Array a: return i => a.GetValue(i);
            case Int32Array a: return i => a.GetValue(i);
            case UInt32Array a: return i => a.GetValue(i);
            case Int64Array a: return i => a.GetValue(i);
            case UInt64Array a: return i => a.GetValue(i);
            case FloatArray a: return i => a.GetValue(i);
            case DoubleArray a: return i => a.GetValue(i);
            case BooleanArray a: return i => a.GetValue(i);
            case StringArray a: return i => a.IsNull(i) ? null : a.GetString(i);
            case LargeStringArray a: return i => a.IsNull(i) ? null : a.GetString(i);
            case StringViewArray a: return i => a.IsNull(i) ? null : a.GetString(i);
            case Date32Array a: return i => a.GetDateOnly(i);
            case Date64Array a: return i => a.GetDateOnly(i);
            case TimestampArray a:
                var type = (TimestampType)a.Data.DataType;
                var exact = ExactTicks(a, type, column);
                if (string.IsNullOrEmpty(type.Timezone))
                {
                    return i => exact(i) is { } instant ? DateTime.SpecifyKind(instant.UtcDateTime, DateTimeKind.Unspecified) : null;
                }

                var zone = Zone(type.Timezone, column);
                return i => exact(i) is { } instant ? InZone(instant, zone) : null;
            case Decimal128Array a: return i => Decimal(a, i, column);
            case NullArray: return _ => null;
            case DictionaryArray a:
                var values = Reader(a.Dictionary, column);
                var indices = IndexReader(a.Indices);
                return i => a.IsNull(i) ? null : values(indices(i));
            default:
                throw TableErrors.NoColumnForm(column, array.Data.DataType);
        }
    }

    /// <summary>
    /// A reader of <paramref name="array"/> whose values are <typeparamref name="T"/> (its <see cref="NaturalType"/>),
    /// without boxing for fixed-width types.
    /// </summary>
    public static Func<int, T?> TypedReader<T>(IArrowArray array, string column)
        where T : struct, IEquatable<T>
    {
        object reader = array switch
        {
            PrimitiveArray<T> primitive => (Func<int, T?>)primitive.GetValue,
            BooleanArray flags => (Func<int, bool?>)flags.GetValue,
            Date32Array dates => (Func<int, DateOnly?>)dates.GetDateOnly,
            Date64Array dates => (Func<int, DateOnly?>)dates.GetDateOnly,
            Decimal128Array numbers => (Func<int, decimal?>)(i => Decimal(numbers, i, column)),
            _ => null!,
        };
        if (reader is Func<int, T?> typed)
        {
            return typed;
        }

        var boxed = Reader(array, column);
        return i => boxed(i) is { } value ? (T)value : null;
    }

    /// <summary>Builds an array of a value-typed column; <paramref name="get"/> gives row <c>i</c>'s value or null.</summary>
    /// <exception cref="InvalidDataException">A value has no Arrow form (the message names the column and row).</exception>
    public static IArrowArray Build<T>(string column, int count, Func<int, T?> get)
        where T : struct
    {
        var type = typeof(T);
        if (type == typeof(sbyte))
        {
            return Fixed(Int8Type.Default, count, (Func<int, sbyte?>)(object)get);
        }

        if (type == typeof(byte))
        {
            return Fixed(UInt8Type.Default, count, (Func<int, byte?>)(object)get);
        }

        if (type == typeof(short))
        {
            return Fixed(Int16Type.Default, count, (Func<int, short?>)(object)get);
        }

        if (type == typeof(ushort))
        {
            return Fixed(UInt16Type.Default, count, (Func<int, ushort?>)(object)get);
        }

        if (type == typeof(int))
        {
            return Fixed(Int32Type.Default, count, (Func<int, int?>)(object)get);
        }

        if (type == typeof(uint))
        {
            return Fixed(UInt32Type.Default, count, (Func<int, uint?>)(object)get);
        }

        if (type == typeof(long))
        {
            return Fixed(Int64Type.Default, count, (Func<int, long?>)(object)get);
        }

        if (type == typeof(ulong))
        {
            return Fixed(UInt64Type.Default, count, (Func<int, ulong?>)(object)get);
        }

        if (type == typeof(float))
        {
            return Fixed(FloatType.Default, count, (Func<int, float?>)(object)get);
        }

        if (type == typeof(double))
        {
            return Fixed(DoubleType.Default, count, (Func<int, double?>)(object)get);
        }

        if (type == typeof(bool))
        {
            var flags = (Func<int, bool?>)(object)get;
            var builder = new BooleanArray.Builder().Reserve(count);
            for (var i = 0; i < count; i++)
            {
                if (flags(i) is { } flag)
                {
                    builder.Append(flag);
                }
                else
                {
                    builder.AppendNull();
                }
            }

            return builder.Build();
        }

        if (type == typeof(DateOnly))
        {
            var dates = (Func<int, DateOnly?>)(object)get;
            return Fixed<int>(Date32Type.Default, count, i => dates(i) is { } date ? date.DayNumber - UnixEpochDay : null);
        }

        if (type == typeof(DateTime))
        {
            return DateTimes(column, count, (Func<int, DateTime?>)(object)get);
        }

        if (type == typeof(DateTimeOffset))
        {
            return Offsets(column, count, (Func<int, DateTimeOffset?>)(object)get);
        }

        if (type == typeof(decimal))
        {
            return Decimals(column, count, (Func<int, decimal?>)(object)get);
        }

        if (type == typeof(char))
        {
            var letters = (Func<int, char?>)(object)get;
            return Strings(count, i => letters(i)?.ToString());
        }

        if (type == typeof(Guid))
        {
            var ids = (Func<int, Guid?>)(object)get;
            return Strings(count, i => ids(i)?.ToString("D", CultureInfo.InvariantCulture));
        }

        if (type.IsEnum)
        {
            return Strings(count, i => get(i) is { } member ? member.ToString() : null);
        }

        throw TableErrors.NoArrowForm(column, type);
    }

    /// <summary>Builds a <c>utf8</c> array.</summary>
    public static IArrowArray Strings(int count, Func<int, string?> get)
    {
        var builder = new StringArray.Builder().Reserve(count);
        for (var i = 0; i < count; i++)
        {
            if (get(i) is { } text)
            {
                builder.Append(text);
            }
            else
            {
                builder.AppendNull();
            }
        }

        return builder.Build();
    }

    /// <summary>Builds an array of <paramref name="type"/> (a type with a column form) from boxed values.</summary>
    /// <exception cref="InvalidDataException">A value is not of <paramref name="type"/>.</exception>
    public static IArrowArray BuildBoxed(string column, Type type, int count, Func<int, object?> get)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
        {
            return Strings(count, i => get(i) switch
            {
                null or DBNull => null,
                string text => text,
                var other => throw TableErrors.MixedValue(column, i, other, underlying),
            });
        }

        if (underlying == typeof(object))
        {
            return new NullArray(count);
        }

        var method = typeof(ArrowColumns).GetMethod(nameof(BuildUnboxing), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(underlying);
        try
        {
            return (IArrowArray)method.Invoke(null, [column, count, get])!;
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is InvalidDataException inner)
        {
            throw inner;
        }
    }

    /// <summary>The zone of a zoned timestamp column: <see cref="TimeZoneInfo.Utc"/>, a fixed offset or a named zone.</summary>
    public static TimeZoneInfo Zone(string name, string column)
    {
        if (name is "UTC" or "utc" or "Z" or "Etc/UTC" or "GMT")
        {
            return TimeZoneInfo.Utc;
        }

        if (TimeSpan.TryParseExact(name.TrimStart('+', '-'), [@"hh\:mm", "hhmm", "hh"], CultureInfo.InvariantCulture, out var offset)
            && name.Length > 0 && name[0] is '+' or '-')
        {
            offset = name[0] == '-' ? -offset : offset;
            return offset == TimeSpan.Zero ? TimeZoneInfo.Utc : TimeZoneInfo.CreateCustomTimeZone(name, offset, name, name);
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw TableErrors.UnknownZone(column, name, e);
        }
    }

    private static IArrowArray BuildUnboxing<T>(string column, int count, Func<int, object?> get)
        where T : struct =>
        Build(column, count, i => get(i) switch
        {
            null or DBNull => (T?)null,
            T value => value,
            var other => throw TableErrors.MixedValue(column, i, other, typeof(T)),
        });

    /// <summary>Builds a timestamp array of <paramref name="type"/> from .NET ticks since 0001-01-01 (UTC ticks for a zoned type).</summary>
    public static IArrowArray Timestamps(TimestampType type, int count, Func<int, long?> ticks, string column) =>
        Fixed<long>(type, count, i => ticks(i) is { } value ? Since(value, type.Unit, column, i) : null);

    /// <summary>Builds a <c>decimal128</c> array of <paramref name="type"/>.</summary>
    public static Decimal128Array Decimals(Decimal128Type type, int count, Func<int, decimal?> get)
    {
        var builder = new Decimal128Array.Builder(type).Reserve(count);
        for (var i = 0; i < count; i++)
        {
            if (get(i) is { } value)
            {
                builder.Append(value);
            }
            else
            {
                builder.AppendNull();
            }
        }

        return builder.Build();
    }

    // .NET keeps time in 100 ns ticks: a nanosecond timestamp with a finer part is refused rather than rounded.
    private static Func<int, DateTimeOffset?> ExactTicks(TimestampArray array, TimestampType type, string column)
    {
        if (type.Unit != TimeUnit.Nanosecond)
        {
            return array.GetTimestamp;
        }

        return i =>
        {
            if (array.IsNull(i))
            {
                return null;
            }

            var nanoseconds = array.Values[i];
            return nanoseconds % 100 != 0 ? throw TableErrors.FinerThanTicks(column, i, nanoseconds) : array.GetTimestamp(i);
        };
    }

    private static DateTimeOffset InZone(DateTimeOffset instant, TimeZoneInfo zone) =>
        zone == TimeZoneInfo.Utc ? instant.ToUniversalTime() : TimeZoneInfo.ConvertTime(instant, zone);

    private static Func<int, int> IndexReader(IArrowArray indices) => indices switch
    {
        Int8Array a => i => a.GetValue(i) ?? 0,
        UInt8Array a => i => a.GetValue(i) ?? 0,
        Int16Array a => i => a.GetValue(i) ?? 0,
        UInt16Array a => i => a.GetValue(i) ?? 0,
        Int32Array a => i => a.GetValue(i) ?? 0,
        UInt32Array a => i => checked((int)(a.GetValue(i) ?? 0)),
        Int64Array a => i => checked((int)(a.GetValue(i) ?? 0)),
        UInt64Array a => i => checked((int)(a.GetValue(i) ?? 0)),
        _ => throw new InvalidDataException($"a dictionary column has indices of type '{indices.Data.DataType.Name}', which are not integers."),
    };

    private static IArrowArray Fixed<T>(IArrowType type, int count, Func<int, T?> get)
        where T : struct
    {
        var values = new ArrowBuffer.Builder<T>(count);
        var validity = new ArrowBuffer.BitmapBuilder(count);
        var nulls = 0;
        for (var i = 0; i < count; i++)
        {
            if (get(i) is { } value)
            {
                values.Append(value);
                validity.Append(true);
            }
            else
            {
                values.Append(default(T));
                validity.Append(false);
                nulls++;
            }
        }

        var data = new ArrayData(type, count, nulls, 0, [nulls == 0 ? ArrowBuffer.Empty : validity.Build(), values.Build()]);
        return ArrowArrayFactory.BuildArray(data);
    }

    // Microseconds unless a value has a finer part (.NET ticks are 100 ns), then nanoseconds; UTC when every value is UTC.
    private static IArrowArray DateTimes(string column, int count, Func<int, DateTime?> get)
    {
        bool anyUtc = false, anyOther = false, fine = false;
        for (var i = 0; i < count; i++)
        {
            if (get(i) is { } value)
            {
                if (value.Kind == DateTimeKind.Local)
                {
                    throw TableErrors.LocalTime(column, i);
                }

                anyUtc |= value.Kind == DateTimeKind.Utc;
                anyOther |= value.Kind != DateTimeKind.Utc;
                fine |= value.Ticks % 10 != 0;
                if (anyUtc && anyOther)
                {
                    throw TableErrors.MixedKinds(column, i);
                }
            }
        }

        var unit = fine ? TimeUnit.Nanosecond : TimeUnit.Microsecond;
        var type = new TimestampType(unit, anyUtc ? "UTC" : null);
        return Fixed<long>(type, count, i => get(i) is { } value ? Since(value.Ticks, unit, column, i) : null);
    }

    private static IArrowArray Offsets(string column, int count, Func<int, DateTimeOffset?> get)
    {
        TimeSpan? offset = null;
        var same = true;
        var fine = false;
        for (var i = 0; i < count; i++)
        {
            if (get(i) is { } value)
            {
                same &= offset is null || offset == value.Offset;
                offset ??= value.Offset;
                fine |= value.UtcTicks % 10 != 0;
            }
        }

        var zone = !same || offset is null || offset == TimeSpan.Zero
            ? "UTC"
            : (offset < TimeSpan.Zero ? "-" : "+") + offset.Value.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        var unit = fine ? TimeUnit.Nanosecond : TimeUnit.Microsecond;
        return Fixed<long>(new TimestampType(unit, zone), count, i => get(i) is { } value ? Since(value.UtcTicks, unit, column, i) : null);
    }

    private static long Since(long ticks, TimeUnit unit, string column, int row)
    {
        var since = ticks - UnixEpochTicks;
        switch (unit)
        {
            case TimeUnit.Second:
                return since / TimeSpan.TicksPerSecond;
            case TimeUnit.Millisecond:
                return since / TimeSpan.TicksPerMillisecond;
            case TimeUnit.Microsecond:
                return since / 10;
            default:
                break;
        }

        try
        {
            return checked(since * 100);
        }
        catch (OverflowException)
        {
            throw TableErrors.OutOfNanoseconds(column, row);
        }
    }

    // Scale = the most decimal places of any value; decimal128 holds 38 digits, so the integer parts get 38 - scale.
    private static Decimal128Array Decimals(string column, int count, Func<int, decimal?> get)
    {
        var scale = 0;
        for (var i = 0; i < count; i++)
        {
            if (get(i) is { } value)
            {
                scale = Math.Max(scale, value.Scale);
            }
        }

        // .NET's decimal has at most 29 integer digits, so only a scale above 9 can leave too few.
        if (scale > 9)
        {
            var limit = Pow10(38 - scale);
            for (var i = 0; i < count; i++)
            {
                if (get(i) is { } value && Math.Abs(value) >= limit)
                {
                    throw TableErrors.DecimalTooWide(column, i, value, scale);
                }
            }
        }

        return Decimals(new Decimal128Type(38, scale), count, get);
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static decimal? Decimal(Decimal128Array array, int row, string column)
    {
        try
        {
            return array.GetValue(row);
        }
        catch (OverflowException e)
        {
            throw TableErrors.DecimalOutOfRange(column, row, (Decimal128Type)array.Data.DataType, e);
        }
    }
}
