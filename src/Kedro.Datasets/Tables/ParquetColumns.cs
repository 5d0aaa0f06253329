using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Parquet;
using Parquet.Schema;

namespace Kedro.Datasets.Tables;

/// <summary>
/// Parquet files to and from Arrow record batches, a column at a time (Parquet.Net reads and writes whole columns of a
/// row group into typed arrays; no row objects are built). Logical types follow pandas and pyarrow: dates as
/// <c>DATE</c>, timestamps as <c>TIMESTAMP</c> with their unit (zoned ones adjusted to UTC), strings as <c>UTF8</c>,
/// decimals as <c>DECIMAL</c>, unsigned integers as <c>UINT_*</c>; every column is optional (nullable), as pandas writes.
/// </summary>
internal static class ParquetColumns
{
    private static readonly MethodInfo ReadPrimitiveMethod = typeof(ParquetColumns).GetMethod(nameof(ReadPrimitive), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo ReadValuesMethod = typeof(ParquetColumns).GetMethod(nameof(ReadValues), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo WriteValuesMethod = typeof(ParquetColumns).GetMethod(nameof(WriteValues), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly ParquetOptions ReadOptions = new() { UseDateOnlyTypeForDates = true };

    /// <summary>The compressions <c>save_args</c> <c>compression</c> names, as pandas spells them.</summary>
    public static readonly IReadOnlyDictionary<string, CompressionMethod> Compressions = new Dictionary<string, CompressionMethod>(StringComparer.OrdinalIgnoreCase)
    {
        ["snappy"] = CompressionMethod.Snappy,
        ["gzip"] = CompressionMethod.Gzip,
        ["brotli"] = CompressionMethod.Brotli,
        ["zstd"] = CompressionMethod.Zstd,
        ["lz4"] = CompressionMethod.Lz4Raw,
        ["none"] = CompressionMethod.None,
        ["uncompressed"] = CompressionMethod.None,
    };

    /// <summary>Reads the columns of a Parquet file (only <paramref name="columns"/>, in that order, when given).</summary>
    /// <exception cref="InvalidDataException">The file is not Parquet, a requested column is missing, or a column has no table form.</exception>
    public static async Task<RecordBatch> ReadAsync(Stream stream, string path, IReadOnlyList<string>? columns, CancellationToken cancellationToken)
    {
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(stream, ReadOptions, leaveStreamOpen: true, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ParquetException or InvalidDataException or ArgumentException or NotSupportedException)
        {
            throw ArrowFileErrors.NotParquet(path, e);
        }

        await using (reader.ConfigureAwait(false))
        {
            var fields = reader.Schema.Fields;
            var selected = new List<DataField>();
            if (columns is null)
            {
                foreach (var field in fields)
                {
                    selected.Add(field as DataField is { IsArray: false } data ? data : throw ArrowFileErrors.Nested(path, field.Name));
                }
            }
            else
            {
                foreach (var name in columns)
                {
                    var field = fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal))
                        ?? throw ArrowFileErrors.MissingColumn(path, name, fields.Select(f => f.Name));
                    selected.Add(field as DataField is { IsArray: false } data ? data : throw ArrowFileErrors.Nested(path, field.Name));
                }
            }

            var total = reader.RowGroups.Sum(group => group.RowCount);
            if (total > int.MaxValue)
            {
                throw TableErrors.TooManyRows(total);
            }

            var rows = (int)total;
            var names = selected.Select(field => field.Name).ToList();
            var arrays = new IArrowArray[selected.Count];
            for (var c = 0; c < arrays.Length; c++)
            {
                arrays[c] = await ReadColumnAsync(reader, selected[c], rows, path, cancellationToken).ConfigureAwait(false);
            }

            return ArrowTables.Batch(names, arrays, rows);
        }
    }

    /// <summary>Writes <paramref name="batch"/> as one row group.</summary>
    /// <exception cref="InvalidDataException">A column has no Parquet form.</exception>
    public static async Task WriteAsync(RecordBatch batch, Stream stream, CompressionMethod compression, CancellationToken cancellationToken)
    {
        var names = ArrowTables.ColumnNames(batch);
        var fields = new DataField[names.Length];
        for (var c = 0; c < names.Length; c++)
        {
            fields[c] = FieldOf(names[c], batch.Column(c).Data.DataType);
        }

        var options = new ParquetOptions { CompressionMethod = compression, UseDateOnlyTypeForDates = true };
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, options, append: false, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < names.Length; c++)
            {
                await WriteColumnAsync(group, fields[c], batch.Column(c), batch.Length, names[c], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static DataField FieldOf(string name, IArrowType type) => type switch
    {
        TimestampType timestamp => new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: !string.IsNullOrEmpty(timestamp.Timezone),
            unit: timestamp.Unit switch
            {
                Apache.Arrow.Types.TimeUnit.Nanosecond => DateTimeTimeUnit.Nanos,
                Apache.Arrow.Types.TimeUnit.Microsecond => DateTimeTimeUnit.Micros,
                _ => DateTimeTimeUnit.Millis,
            },
            isNullable: true),
        Decimal128Type number => new DecimalDataField(name, number.Precision, number.Scale, forceByteArrayEncoding: false, isNullable: true),
        DictionaryType dictionary => FieldOf(name, dictionary.ValueType),
        NullType => new DataField(name, typeof(string), isNullable: true),
        _ => ArrowColumns.NaturalType(type) is { } natural && natural != typeof(DateTimeOffset)
            ? new DataField(name, natural, isNullable: true)
            : throw TableErrors.NoColumnForm(name, type),
    };

    private static async Task<IArrowArray> ReadColumnAsync(ParquetReader reader, DataField field, int rows, string path, CancellationToken cancellationToken)
    {
        var name = field.Name;
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            return await ReadStringsAsync(reader, field, rows, path, cancellationToken).ConfigureAwait(false);
        }

        if (ArrowColumns.IsNumber(type) || type == typeof(bool))
        {
            var read = (Task<IArrowArray>)ReadPrimitiveMethod.MakeGenericMethod(type).Invoke(null, [reader, field, rows, cancellationToken])!;
            return await read.ConfigureAwait(false);
        }

        if (!(ArrowColumns.IsNumber(type) || type == typeof(bool) || type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(decimal)))
        {
            throw ArrowFileErrors.ParquetType(path, name, type);
        }

        var task = (Task<IArrowArray>)ReadValuesMethod.MakeGenericMethod(type).Invoke(null, [reader, field, rows, cancellationToken])!;
        return await task.ConfigureAwait(false);
    }

    // Whole columns of plain values: Parquet.Net hands over the defined values packed together, with one definition
    // level per row; they are spread out in place (nulls become gaps) and the array becomes the Arrow value buffer.
    private static async Task<IArrowArray> ReadPrimitive<T>(ParquetReader reader, DataField field, int rows, CancellationToken cancellationToken)
        where T : unmanaged
    {
        var values = new T[rows];
        var (validity, nulls) = await ReadRawAsync(reader, field, values, rows, cancellationToken).ConfigureAwait(false);
        ArrowBuffer buffer;
        if (typeof(T) == typeof(bool))
        {
            var flags = (bool[])(object)values;
            var bits = new byte[(rows + 7) / 8];
            for (var i = 0; i < rows; i++)
            {
                if (flags[i])
                {
                    bits[i >> 3] |= (byte)(1 << (i & 7));
                }
            }

            buffer = new ArrowBuffer(bits);
        }
        else
        {
            buffer = new ArrowBuffer(MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
        }

        var data = new ArrayData(ArrowTypeOf<T>(), rows, nulls, 0, [validity, buffer]);
        return ArrowArrayFactory.BuildArray(data);
    }

    // A string column straight into Arrow's offsets and UTF-8 data buffers (the text is measured, then encoded in place),
    // without a .NET string per value.
    private static async Task<IArrowArray> ReadStringsAsync(ParquetReader reader, DataField field, int rows, string path, CancellationToken cancellationToken)
    {
        var values = new ReadOnlyMemory<char>[rows];
        var (validity, nulls) = await ReadRawAsync(reader, field, values, rows, cancellationToken).ConfigureAwait(false);
        long total = 0;
        for (var i = 0; i < rows; i++)
        {
            total += Encoding.UTF8.GetByteCount(values[i].Span);
        }

        if (total > System.Array.MaxLength)
        {
            throw ArrowFileErrors.TextTooLarge(path, field.Name, total);
        }

        var text = new byte[total];
        var offsets = new int[rows + 1];
        var position = 0;
        for (var i = 0; i < rows; i++)
        {
            offsets[i] = position;
            position += Encoding.UTF8.GetBytes(values[i].Span, text.AsSpan(position));
        }

        offsets[rows] = position;
        return new StringArray(rows, new ArrowBuffer(MemoryMarshal.AsBytes(offsets.AsSpan()).ToArray()), new ArrowBuffer(text), validity, nulls);
    }

    // Reads every row group's values of a flat column into values (nulls as default values) and returns Arrow's
    // validity bitmap (empty when there are no nulls) and the null count.
    private static async Task<(ArrowBuffer Validity, int Nulls)> ReadRawAsync<T>(ParquetReader reader, DataField field, T[] values, int rows,
        CancellationToken cancellationToken)
        where T : struct
    {
        var defined = field.MaxDefinitionLevel;
        var levels = defined > 0 ? new int[rows] : null;
        var offset = 0;
        var nulls = 0;
        foreach (var group in reader.RowGroups)
        {
            var count = (int)group.RowCount;
            await group.ReadRawAsync(field, values.AsMemory(offset, count), levels?.AsMemory(offset, count), null, cancellationToken).ConfigureAwait(false);
            if (levels is not null)
            {
                var present = 0;
                for (var i = offset; i < offset + count; i++)
                {
                    present += levels[i] == defined ? 1 : 0;
                }

                if (present < count)
                {
                    // The defined values come packed at the start of the group's range: move each to its row, from the end.
                    var source = offset + present - 1;
                    for (var i = offset + count - 1; i >= offset; i--)
                    {
                        values[i] = levels[i] == defined ? values[source--] : default!;
                    }

                    nulls += count - present;
                }
            }

            offset += count;
        }

        if (nulls == 0)
        {
            return (ArrowBuffer.Empty, 0);
        }

        var bitmap = new byte[(rows + 7) / 8];
        for (var i = 0; i < rows; i++)
        {
            if (levels![i] == defined)
            {
                bitmap[i >> 3] |= (byte)(1 << (i & 7));
            }
        }

        return (new ArrowBuffer(bitmap), nulls);
    }

    private static IArrowType ArrowTypeOf<T>() =>
        typeof(T) == typeof(sbyte) ? Int8Type.Default
        : typeof(T) == typeof(byte) ? UInt8Type.Default
        : typeof(T) == typeof(short) ? Int16Type.Default
        : typeof(T) == typeof(ushort) ? UInt16Type.Default
        : typeof(T) == typeof(int) ? Int32Type.Default
        : typeof(T) == typeof(uint) ? UInt32Type.Default
        : typeof(T) == typeof(long) ? Int64Type.Default
        : typeof(T) == typeof(ulong) ? UInt64Type.Default
        : typeof(T) == typeof(float) ? FloatType.Default
        : typeof(T) == typeof(double) ? DoubleType.Default
        : BooleanType.Default;

    private static async Task<IArrowArray> ReadValues<T>(ParquetReader reader, DataField field, int rows, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T?[rows];
        var offset = 0;
        foreach (var group in reader.RowGroups)
        {
            await group.ReadAsync(field, values.AsMemory(offset, (int)group.RowCount), null, cancellationToken).ConfigureAwait(false);
            offset += (int)group.RowCount;
        }

        var name = field.Name;
        switch (field)
        {
            case DateTimeDataField time:
                var unit = time.DateTimeFormat switch
                {
                    DateTimeFormat.Impala => Apache.Arrow.Types.TimeUnit.Nanosecond,
                    DateTimeFormat.DateAndTime => Apache.Arrow.Types.TimeUnit.Millisecond,
                    DateTimeFormat.DateAndTimeMicros => Apache.Arrow.Types.TimeUnit.Microsecond,
                    _ => time.Unit switch
                    {
                        DateTimeTimeUnit.Nanos => Apache.Arrow.Types.TimeUnit.Nanosecond,
                        DateTimeTimeUnit.Micros => Apache.Arrow.Types.TimeUnit.Microsecond,
                        _ => Apache.Arrow.Types.TimeUnit.Millisecond,
                    },
                };
                var times = (DateTime?[])(object)values;
                var zoned = time.IsAdjustedToUTC && time.DateTimeFormat != DateTimeFormat.Impala;
                return ArrowColumns.Timestamps(new TimestampType(unit, zoned ? "UTC" : null), rows, i => times[i]?.Ticks, name);
            case DecimalDataField number:
                var decimals = (decimal?[])(object)values;
                return ArrowColumns.Decimals(new Decimal128Type(Math.Min(number.Precision, 38), number.Scale), rows, i => decimals[i]);
            default:
                return ArrowColumns.Build(name, rows, i => values[i]);
        }
    }

    private static Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, IArrowArray array, int rows, string name, CancellationToken cancellationToken)
    {
        var natural = ArrowColumns.NaturalType(array.Data.DataType)!;
        if (natural == typeof(string) || natural == typeof(object))
        {
            var read = ArrowColumns.Reader(array, name);
            var strings = new string?[rows];
            for (var i = 0; i < rows; i++)
            {
                strings[i] = (string?)read(i);
            }

            return group.WriteAsync(field, strings, null);
        }

        if (natural == typeof(DateTimeOffset))
        {
            var read = ArrowColumns.Reader(array, name);
            var times = new DateTime?[rows];
            for (var i = 0; i < rows; i++)
            {
                times[i] = (read(i) as DateTimeOffset?)?.UtcDateTime;
            }

            return group.WriteAsync<DateTime>(field, times.AsMemory(), null, null, cancellationToken);
        }

        return (Task)WriteValuesMethod.MakeGenericMethod(natural).Invoke(null, [group, field, array, rows, name, cancellationToken])!;
    }

    private static Task WriteValues<T>(ParquetRowGroupWriter group, DataField field, IArrowArray array, int rows, string name, CancellationToken cancellationToken)
        where T : struct, IEquatable<T>
    {
        var read = ArrowColumns.TypedReader<T>(array, name);
        var values = new T?[rows];
        for (var i = 0; i < rows; i++)
        {
            values[i] = read(i);
        }

        return group.WriteAsync<T>(field, values.AsMemory(), null, null, cancellationToken);
    }
}
