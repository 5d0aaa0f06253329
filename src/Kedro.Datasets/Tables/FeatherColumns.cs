using Apache.Arrow;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;

namespace Kedro.Datasets.Tables;

/// <summary>
/// Feather (version 2) files, which are Arrow IPC files, to and from record batches. Files pandas writes are compressed
/// with LZ4 or ZSTD by default; both are read, and written when <c>save_args</c> <c>compression</c> asks.
/// </summary>
internal static class FeatherColumns
{
    private static readonly CompressionCodecFactory Codecs = new();

    /// <summary>The compressions <c>save_args</c> <c>compression</c> names, as pandas spells them.</summary>
    public static readonly IReadOnlyDictionary<string, CompressionCodecType?> Compressions = new Dictionary<string, CompressionCodecType?>(StringComparer.OrdinalIgnoreCase)
    {
        ["lz4"] = CompressionCodecType.Lz4Frame,
        ["zstd"] = CompressionCodecType.Zstd,
        ["uncompressed"] = null,
        ["none"] = null,
    };

    /// <summary>Reads every batch of an Arrow IPC file as one batch (only <paramref name="columns"/>, in that order, when given).</summary>
    /// <exception cref="InvalidDataException">The file is not Arrow IPC, or a requested column is missing.</exception>
    public static async Task<RecordBatch> ReadAsync(Stream stream, string path, IReadOnlyList<string>? columns, CancellationToken cancellationToken)
    {
        var batches = new List<RecordBatch>();
        Schema schema;
        try
        {
            using var reader = new ArrowFileReader(stream, Apache.Arrow.Memory.MemoryAllocator.Default.Value, Codecs, leaveOpen: true);
            var count = await reader.RecordBatchCountAsync().ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                batches.Add(await reader.ReadRecordBatchAsync(i, cancellationToken).ConfigureAwait(false));
            }

            schema = reader.Schema;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or InvalidOperationException or NotSupportedException
            or IndexOutOfRangeException or OverflowException)
        {
            throw ArrowFileErrors.NotFeather(path, e);
        }

        var names = schema.FieldsList.Select(field => field.Name).ToArray();
        var wanted = columns ?? names;
        var arrays = new List<IArrowArray>(wanted.Count);
        foreach (var name in wanted)
        {
            var index = System.Array.IndexOf(names, name);
            if (index < 0)
            {
                throw ArrowFileErrors.MissingColumn(path, name, names);
            }

            arrays.Add(batches.Count == 0
                ? ArrowTables.EmptyArray(name, schema.GetFieldByIndex(index).DataType)
                : ArrowTables.Concatenate(new ChunkedArray([.. batches.Select(batch => batch.Column(index))]), name));
        }

        return ArrowTables.Batch(wanted, arrays, batches.Sum(batch => batch.Length));
    }

    /// <summary>Writes <paramref name="batch"/> as an Arrow IPC file.</summary>
    public static void Write(RecordBatch batch, Stream stream, CompressionCodecType? compression)
    {
        var options = compression is { } codec
            ? new IpcOptions { CompressionCodec = codec, CompressionCodecFactory = Codecs }
            : new IpcOptions();
        using var writer = new ArrowFileWriter(stream, batch.Schema, leaveOpen: true, options);
        writer.WriteStart();
        writer.WriteRecordBatch(batch);
        writer.WriteEnd();
    }
}
