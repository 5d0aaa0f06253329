using System.Collections;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Kedro.Conversion;
using Kedro.IO;

namespace Kedro.WorkerProcesses.SharedMemory;

/// <summary>How a table was handed over: as it was given, or converted into Arrow by a registered converter.</summary>
internal enum ArrowShape : byte
{
    /// <summary>An Arrow <see cref="RecordBatch"/>.</summary>
    Batch = 1,

    /// <summary>An Arrow <see cref="Table"/>, written as one batch per chunk.</summary>
    Table = 2,

    /// <summary>Another table type, converted into a <see cref="RecordBatch"/> by a registered <see cref="IValueConverter"/>.</summary>
    Converted = 3,
}

/// <summary>A table ready to be written as an Arrow IPC stream: its schema, its batches, and what it was given as.</summary>
/// <param name="Schema">The schema.</param>
/// <param name="Batches">The record batches, in order.</param>
/// <param name="GivenType">The type of the value that was saved.</param>
/// <param name="Shape">How the value became Arrow.</param>
internal sealed record ArrowPayload(Schema Schema, IReadOnlyList<RecordBatch> Batches, Type GivenType, ArrowShape Shape);

/// <summary>
/// Tables across processes as Arrow IPC streams: which values travel so (Arrow record batches and tables, and values a
/// registered <see cref="IValueConverter"/> turns into a record batch and back), writing them, and reading them back
/// over any memory (a mapped segment, without copying its buffers) as the type a consumer asks for.
/// </summary>
internal static class ArrowTables
{
    /// <summary>
    /// Whether values of a type travel as Arrow: record batches and tables, and table types (not sequences) that registered
    /// converters turn into a <see cref="RecordBatch"/> and back (both ways, so that a consumer that does not name a type
    /// gets back the type that was saved). Lists of records or dictionaries keep their JSON form: a column holds one type,
    /// so a round trip through Arrow could change a value (an offset, a dictionary's keys) that JSON keeps.
    /// </summary>
    public static bool Applies(Type type) =>
        type == typeof(RecordBatch) || type == typeof(Table) || IsConvertible(type);

    /// <summary>
    /// The value as Arrow, or <see langword="null"/> when it does not travel as Arrow. When a registered converter refuses
    /// to convert the value exactly, <paramref name="refusal"/> holds its reason.
    /// </summary>
    public static ArrowPayload? TryPrepare(object value, out string? refusal)
    {
        refusal = null;
        switch (value)
        {
            case RecordBatch batch:
                return new ArrowPayload(batch.Schema, [batch], typeof(RecordBatch), ArrowShape.Batch);
            case Table table:
                return new ArrowPayload(table.Schema, Batches(table), typeof(Table), ArrowShape.Table);
        }

        var type = value.GetType();
        if (!IsConvertible(type))
        {
            return null;
        }

        try
        {
            return ValueConverters.Find(type, typeof(RecordBatch))!.Convert(value, typeof(RecordBatch)) is RecordBatch converted
                ? new ArrowPayload(converted.Schema, [converted], type, ArrowShape.Converted)
                : null;
        }
        catch (Exception e) when (e is InvalidDataException or InvalidCastException or FormatException or OverflowException or ArgumentException or NotSupportedException)
        {
            refusal = e.Message;
            return null;
        }
    }

    /// <summary>Writes the payload as an Arrow IPC stream (schema, batches, end marker) to <paramref name="output"/>, which stays open.</summary>
    public static void Write(ArrowPayload payload, Stream output)
    {
        using var writer = new ArrowStreamWriter(output, payload.Schema, leaveOpen: true);
        writer.WriteStart();
        foreach (var batch in payload.Batches)
        {
            writer.WriteRecordBatch(batch);
        }

        writer.WriteEnd();
    }

    /// <summary>
    /// Reads an Arrow IPC stream. The batches' buffers are slices of <paramref name="data"/> (nothing is copied), so they
    /// are valid as long as that memory is.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not an Arrow IPC stream; the message says what is wrong.</exception>
    public static (Schema Schema, List<RecordBatch> Batches) Read(ReadOnlyMemory<byte> data)
    {
        try
        {
            using var reader = new ArrowStreamReader(data);
            var schema = reader.Schema ?? throw new InvalidDataException("the stream has no schema");
            var batches = new List<RecordBatch>();
            while (reader.ReadNextRecordBatch() is { } batch)
            {
                batches.Add(batch);
            }

            return (schema, batches);
        }
        catch (Exception e) when (e is not InvalidDataException and not OutOfMemoryException and not ObjectDisposedException)
        {
            throw new InvalidDataException($"{e.GetType().Name}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The table as the type a consumer asks for: <see cref="object"/> gives what was saved (converting back a value that
    /// a converter turned into Arrow); <see cref="RecordBatch"/> and <see cref="Table"/> are given as they are (the
    /// batches of a table are joined into one record batch, a copy, when a record batch is asked for); any other type
    /// gets the record batch, which the registered converters turn into that type.
    /// </summary>
    /// <exception cref="DatasetException">No registered converter gives <paramref name="requestedType"/> from a record batch; the message names the dataset, the schema and the fix.</exception>
    public static object Materialise(string datasetName, Schema schema, List<RecordBatch> batches, Type givenType, ArrowShape shape, Type requestedType)
    {
        if (requestedType == typeof(object))
        {
            return shape switch
            {
                ArrowShape.Table => Table.TableFromRecordBatches(schema, batches),
                ArrowShape.Converted => ConvertBack(datasetName, schema, OneBatch(schema, batches), givenType),
                _ => OneBatch(schema, batches),
            };
        }

        if (shape == ArrowShape.Converted && requestedType.IsAssignableFrom(givenType))
        {
            return ConvertBack(datasetName, schema, OneBatch(schema, batches), givenType);
        }

        if (requestedType.IsAssignableFrom(typeof(RecordBatch)) && !(shape == ArrowShape.Table && requestedType.IsAssignableFrom(typeof(Table))))
        {
            return OneBatch(schema, batches);
        }

        if (requestedType.IsAssignableFrom(typeof(Table)))
        {
            return Table.TableFromRecordBatches(schema, batches);
        }

        if (ValueConverters.Find(typeof(RecordBatch), requestedType) is not null)
        {
            return OneBatch(schema, batches);
        }

        throw new DatasetException(SharedMemoryMessages.ArrowNotConvertible(datasetName, schema, givenType, requestedType));
    }

    /// <summary>A table's chunks as record batches: one per run of rows that lies in one chunk of every column (slices, not copies).</summary>
    private static List<RecordBatch> Batches(Table table)
    {
        var columns = Enumerable.Range(0, table.ColumnCount).Select(table.Column).ToList();
        var boundaries = new SortedSet<long> { 0, table.RowCount };
        foreach (var column in columns)
        {
            long end = 0;
            for (var i = 0; i < column.Data.ArrayCount; i++)
            {
                end += column.Data.ArrowArray(i).Length;
                boundaries.Add(end);
            }
        }

        var batches = new List<RecordBatch>();
        if (table.RowCount == 0)
        {
            // No rows: one empty batch keeps the schema's arrays, when every column has a chunk to take them from.
            if (columns.All(c => c.Data.ArrayCount > 0))
            {
                batches.Add(new RecordBatch(table.Schema, columns.Select(c => ArrowArrayFactory.Slice(c.Data.ArrowArray(0), 0, 0)), 0));
            }

            return batches;
        }

        var points = boundaries.Where(b => b <= table.RowCount).ToList();
        for (var b = 0; b + 1 < points.Count; b++)
        {
            var start = points[b];
            var length = (int)(points[b + 1] - start);
            batches.Add(new RecordBatch(table.Schema, columns.Select(c => RowsOf(c, start, length)), length));
        }

        return batches;
    }

    /// <summary>The rows [start, start + length) of a column, which lie in one chunk.</summary>
    private static IArrowArray RowsOf(Column column, long start, int length)
    {
        long chunkStart = 0;
        for (var i = 0; i < column.Data.ArrayCount; i++)
        {
            var chunk = column.Data.ArrowArray(i);
            if (start < chunkStart + chunk.Length)
            {
                var offset = (int)(start - chunkStart);
                return offset == 0 && length == chunk.Length ? chunk : ArrowArrayFactory.Slice(chunk, offset, length);
            }

            chunkStart += chunk.Length;
        }

        throw new InvalidOperationException($"The column '{column.Name}' has fewer rows than its table.");
    }

    /// <summary>The stream's batches as one record batch: itself when there is one, else joined (a copy).</summary>
    private static RecordBatch OneBatch(Schema schema, List<RecordBatch> batches)
    {
        if (batches.Count == 1)
        {
            return batches[0];
        }

        if (batches.Count == 0)
        {
            throw new DatasetException(SharedMemoryMessages.ArrowNoRows(schema));
        }

        var joined = Enumerable.Range(0, schema.FieldsList.Count)
            .Select(c => ArrowArrayConcatenator.Concatenate(batches.Select(b => b.Column(c)).ToList(), allocator: null))
            .ToList();
        return new RecordBatch(schema, joined, batches.Sum(b => b.Length));
    }

    private static object ConvertBack(string datasetName, Schema schema, RecordBatch batch, Type givenType)
    {
        var converter = ValueConverters.Find(typeof(RecordBatch), givenType)
            ?? throw new DatasetException(SharedMemoryMessages.ArrowNotConvertible(datasetName, schema, givenType, givenType));
        return converter.Convert(batch, givenType);
    }

    private static bool IsConvertible(Type type) =>
        type != typeof(RecordBatch) && type != typeof(Table) && !typeof(IEnumerable).IsAssignableFrom(type) && !type.IsPrimitive
        && ValueConverters.Registered.Count > 0
        && ValueConverters.Find(type, typeof(RecordBatch)) is not null
        && ValueConverters.Find(typeof(RecordBatch), type) is not null;
}
