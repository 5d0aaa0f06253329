using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Kedro.Conversion;

namespace Kedro.Parallel.Tests.Arrow;

/// <summary>Tables for the Arrow tests, their descriptions, and a check that a table's buffers lie in a mapped shared-memory segment.</summary>
public static class ArrowTestTables
{
    private static readonly DateTimeOffset Epoch = new(2026, 12, 6, 9, 30, 15, TimeSpan.Zero);

    /// <summary>A batch with a column of every common type, each with a null.</summary>
    public static RecordBatch EveryType(int rows = 5)
    {
        var ints = new Int32Array.Builder();
        var longs = new Int64Array.Builder();
        var doubles = new DoubleArray.Builder();
        var floats = new FloatArray.Builder();
        var bools = new BooleanArray.Builder();
        var strings = new StringArray.Builder();
        var dates = new Date32Array.Builder();
        var stamps = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, "UTC"));
        for (var i = 0; i < rows; i++)
        {
            if (i == 2)
            {
                ints.AppendNull();
                longs.AppendNull();
                doubles.AppendNull();
                floats.AppendNull();
                bools.AppendNull();
                strings.AppendNull();
                dates.AppendNull();
                stamps.AppendNull();
                continue;
            }

            ints.Append(i - 2);
            longs.Append(long.MaxValue - i);
            doubles.Append(i * 1.25);
            floats.Append(i * 0.5f);
            bools.Append(i % 2 == 0);
            strings.Append(i == 3 ? string.Empty : "wörd " + i.ToString(CultureInfo.InvariantCulture));
            dates.Append(new DateTime(2026, 1, 1).AddDays(i * 40));
            stamps.Append(Epoch.AddMinutes(i * 7).AddTicks(i * 10));
        }

        IArrowArray[] arrays = [ints.Build(), longs.Build(), doubles.Build(), floats.Build(), bools.Build(), strings.Build(), dates.Build(), stamps.Build()];
        var schema = new Schema.Builder()
            .Field(f => f.Name("int").DataType(Int32Type.Default).Nullable(true))
            .Field(f => f.Name("long").DataType(Int64Type.Default).Nullable(true))
            .Field(f => f.Name("double").DataType(DoubleType.Default).Nullable(true))
            .Field(f => f.Name("float").DataType(FloatType.Default).Nullable(true))
            .Field(f => f.Name("bool").DataType(BooleanType.Default).Nullable(true))
            .Field(f => f.Name("string").DataType(StringType.Default).Nullable(true))
            .Field(f => f.Name("date").DataType(Date32Type.Default).Nullable(true))
            .Field(f => f.Name("timestamp").DataType(new TimestampType(TimeUnit.Microsecond, "UTC")).Nullable(true))
            .Build();
        return new RecordBatch(schema, arrays, rows);
    }

    /// <summary>A batch of one double column, <paramref name="rows"/> long.</summary>
    public static RecordBatch Doubles(int rows)
    {
        var values = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            values[i] = i * 0.5;
        }

        var array = new DoubleArray(new ArrowBuffer(MemoryMarshal.AsBytes(values.AsSpan()).ToArray()), ArrowBuffer.Empty, rows, 0, 0);
        var schema = new Schema.Builder().Field(f => f.Name("x").DataType(DoubleType.Default).Nullable(false)).Build();
        return new RecordBatch(schema, [array], rows);
    }

    /// <summary>A table of two chunks (3 and 2 rows) with an int and a string column.</summary>
    public static Table TwoChunks()
    {
        var schema = new Schema.Builder()
            .Field(f => f.Name("id").DataType(Int32Type.Default).Nullable(true))
            .Field(f => f.Name("name").DataType(StringType.Default).Nullable(true))
            .Build();
        var first = new RecordBatch(schema, [new Int32Array.Builder().Append(1).Append(2).AppendNull().Build(), new StringArray.Builder().Append("a").AppendNull().Append("c").Build()], 3);
        var second = new RecordBatch(schema, [new Int32Array.Builder().Append(4).Append(5).Build(), new StringArray.Builder().Append("d").Append("e").Build()], 2);
        return Table.TableFromRecordBatches(schema, [first, second]);
    }

    /// <summary>Every column's name, type and values (<c>null</c> for nulls), one line per column.</summary>
    public static string Describe(RecordBatch batch) =>
        string.Join("\n", Enumerable.Range(0, batch.ColumnCount).Select(c =>
            $"{batch.Schema.GetFieldByIndex(c).Name}:{batch.Column(c).Data.DataType.Name}=[{string.Join(",", Values(batch.Column(c)))}]"));

    /// <summary>A table's columns as <see cref="Describe(RecordBatch)"/> does, chunk by chunk.</summary>
    public static string Describe(Table table) =>
        string.Join("\n", Enumerable.Range(0, table.ColumnCount).Select(c =>
        {
            var column = table.Column(c);
            var chunks = Enumerable.Range(0, column.Data.ArrayCount).Select(i => "[" + string.Join(",", Values(column.Data.ArrowArray(i))) + "]");
            return $"{column.Name}:{column.Type.Name}={string.Join("", chunks)}";
        }));

    /// <summary>Whether every non-empty buffer of the batch lies in a file mapped from a run's shared-memory directory.</summary>
    public static bool AllBuffersInSharedSegment(RecordBatch batch)
    {
        var ranges = SharedSegmentRanges();
        var buffers = Enumerable.Range(0, batch.ColumnCount).SelectMany(c => batch.Column(c).Data.Buffers).Where(b => !b.IsEmpty).ToList();
        return buffers.Count > 0 && buffers.All(b =>
        {
            var address = AddressOf(b.Span);
            return ranges.Any(r => address >= r.Start && address < r.End);
        });
    }

    /// <summary>The address ranges of this process's mappings of files in a run's shared-memory directory (<c>/proc/self/maps</c>).</summary>
    public static List<(ulong Start, ulong End, string Path)> SharedSegmentRanges(int? pid = null)
    {
        var ranges = new List<(ulong, ulong, string)>();
        var maps = pid is null ? "/proc/self/maps" : $"/proc/{pid.Value.ToString(CultureInfo.InvariantCulture)}/maps";
        foreach (var line in File.ReadLines(maps))
        {
            var path = line.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? line[slash..] : string.Empty;
            if (!path.Contains("/kedro-shm-", StringComparison.Ordinal))
            {
                continue;
            }

            var range = line[..line.IndexOf(' ', StringComparison.Ordinal)].Split('-');
            ranges.Add((ulong.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture), ulong.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture), path));
        }

        return ranges;
    }

    private static ulong AddressOf(ReadOnlySpan<byte> span) =>
        (ulong)Unsafe.ByteOffset(ref Unsafe.NullRef<byte>(), ref MemoryMarshal.GetReference(span));

    private static IEnumerable<string> Values(IArrowArray array)
    {
        for (var i = 0; i < array.Length; i++)
        {
            yield return array.IsNull(i) ? "null" : array switch
            {
                Int32Array a => a.GetValue(i)!.Value.ToString(CultureInfo.InvariantCulture),
                Int64Array a => a.GetValue(i)!.Value.ToString(CultureInfo.InvariantCulture),
                DoubleArray a => a.GetValue(i)!.Value.ToString("R", CultureInfo.InvariantCulture),
                FloatArray a => a.GetValue(i)!.Value.ToString("R", CultureInfo.InvariantCulture),
                BooleanArray a => a.GetValue(i)!.Value ? "true" : "false",
                StringArray a => "'" + a.GetString(i) + "'",
                Date32Array a => a.GetDateTime(i)!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                TimestampArray a => a.GetTimestamp(i)!.Value.ToString("O", CultureInfo.InvariantCulture),
                _ => "?" + array.GetType().Name,
            };
        }
    }
}

/// <summary>A point, one row of <see cref="PointRows"/>.</summary>
public sealed record Point(int X, string? Label);

/// <summary>A table type Kedro.Parallel does not know: a list of records, which <see cref="PointRowsConverter"/> turns into Arrow and back.</summary>
public sealed class PointRows(IReadOnlyList<Point> rows)
{
    public IReadOnlyList<Point> Rows { get; } = rows;
}

/// <summary>A registered converter between <see cref="PointRows"/> and Arrow record batches (columns <c>x</c>: int32, <c>label</c>: string).</summary>
public sealed class PointRowsConverter : IValueConverter
{
    public bool CanConvert(Type from, Type to) =>
        (from == typeof(PointRows) && to == typeof(RecordBatch)) || (from == typeof(RecordBatch) && to == typeof(PointRows));

    public object Convert(object value, Type to)
    {
        if (value is PointRows points)
        {
            var x = new Int32Array.Builder();
            var label = new StringArray.Builder();
            foreach (var point in points.Rows)
            {
                x.Append(point.X);
                label.Append(point.Label);
            }

            var schema = new Schema.Builder()
                .Field(f => f.Name("x").DataType(Int32Type.Default).Nullable(false))
                .Field(f => f.Name("label").DataType(StringType.Default).Nullable(true))
                .Build();
            return new RecordBatch(schema, [x.Build(), label.Build()], points.Rows.Count);
        }

        var batch = (RecordBatch)value;
        if (batch.Schema.GetFieldIndex("x", StringComparer.Ordinal) < 0 || batch.Column("x") is not Int32Array xs || batch.Column("label") is not StringArray labels)
        {
            throw new InvalidDataException("expected the columns 'x' (int32) and 'label' (string)");
        }

        return new PointRows([.. Enumerable.Range(0, batch.Length).Select(i => new Point(xs.GetValue(i)!.Value, labels.GetString(i)))]);
    }
}
