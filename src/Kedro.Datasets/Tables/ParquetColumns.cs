using System.Reflection;
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
    private static readonly MethodInfo ReadValuesMethod = typeof(ParquetColumns).GetMethod(nameof(ReadValues), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo WriteValuesMethod = typeof(ParquetColumns).GetMethod(nameof(WriteValues), BindingFlags.NonPublic | BindingFlags.Static)!;

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
            reader = await ParquetReader.CreateAsync(stream, new ParquetOptions { UseDateOnlyTypeForDates = true }, leaveStreamOpen: true, cancellationToken)
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
            var names = new List<string>(selected.Count);
            var arrays = new List<IArrowArray>(selected.Count);
            foreach (var field in selected)
            {
                names.Add(field.Name);
                arrays.Add(await ReadColumnAsync(reader, field, rows, path, cancellationToken).ConfigureAwait(false));
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
            var strings = new string?[rows];
            var offset = 0;
            foreach (var group in reader.RowGroups)
            {
                await group.ReadAsync(field, strings.AsMemory(offset, (int)group.RowCount), null, cancellationToken).ConfigureAwait(false);
                offset += (int)group.RowCount;
            }

            return ArrowColumns.Strings(rows, i => strings[i]);
        }

        if (!(ArrowColumns.IsNumber(type) || type == typeof(bool) || type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(decimal)))
        {
            throw ArrowFileErrors.ParquetType(path, name, type);
        }

        var task = (Task<IArrowArray>)ReadValuesMethod.MakeGenericMethod(type).Invoke(null, [reader, field, rows, cancellationToken])!;
        return await task.ConfigureAwait(false);
    }

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
