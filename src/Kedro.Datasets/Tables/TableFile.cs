using Apache.Arrow;
using Kedro.Datasets.Internal;
using Kedro.IO;

namespace Kedro.Datasets.Tables;

/// <summary>
/// The load and save frame of the Arrow-backed file datasets (Parquet, Feather): a load reads the file, or every data
/// file of a folder in name order, into one record batch and builds the table kind the consumer asks for; a save turns
/// any table kind into a record batch first (so bad data fails before any path is chosen) and writes it atomically.
/// </summary>
/// <param name="dataset">The dataset, for messages and its logger.</param>
/// <param name="format">The format's name in messages ("Parquet file").</param>
/// <param name="loadPath">The dataset's load path (resolved on each load).</param>
/// <param name="savePath">The dataset's save path (resolved on each save).</param>
/// <param name="read">Reads one file's columns.</param>
/// <param name="write">Writes a batch to a stream.</param>
internal sealed class TableFile(
    AbstractDataset<object> dataset,
    string format,
    Func<string> loadPath,
    Func<string> savePath,
    Func<Stream, string, CancellationToken, Task<RecordBatch>> read,
    Action<RecordBatch, Stream> write)
{
    /// <summary>The <c>columns</c> of <paramref name="loadArgs"/>: the columns to load, or <see langword="null"/> for all.</summary>
    /// <exception cref="ArgumentException">It is not a list of names.</exception>
    public static IReadOnlyList<string>? Columns(IReadOnlyDictionary<string, object?> loadArgs, string typeName)
    {
        if (!loadArgs.TryGetValue("columns", out var value) || value is null)
        {
            return null;
        }

        if (value is string || value is not System.Collections.IEnumerable items)
        {
            throw ArrowFileErrors.BadColumns(typeName, value);
        }

        var names = new List<string>();
        foreach (var item in items)
        {
            names.Add(item as string ?? throw ArrowFileErrors.BadColumns(typeName, value));
        }

        return names;
    }

    public object? Load(Type requestedType) =>
        TypedLoads.Run(dataset, dataset.Logger, requestedType, type =>
        {
            var shape = Shape(type);
            var path = loadPath();
            return Build(ReadPathAsync(path, synchronous: true, CancellationToken.None).GetAwaiter().GetResult(), shape, type, path);
        });

    public ValueTask<object?> LoadAsync(Type requestedType, CancellationToken cancellationToken) =>
        TypedLoads.RunAsync(dataset, dataset.Logger, requestedType, async (type, token) =>
        {
            var shape = Shape(type);
            var path = loadPath();
            return Build(await ReadPathAsync(path, synchronous: false, token).ConfigureAwait(false), shape, type, path);
        }, cancellationToken);

    public void Save(object data)
    {
        var batch = ArrowTables.ToBatch(data);
        FileIO.Write(SaveTarget.Of(dataset, savePath()), stream => write(batch, stream));
    }

    public ValueTask SaveAsync(object data, CancellationToken cancellationToken)
    {
        var batch = ArrowTables.ToBatch(data);
        return FileIO.WriteAsync(SaveTarget.Of(dataset, savePath()), stream => write(batch, stream), cancellationToken);
    }

    private TableShape Shape(Type type) =>
        TableShape.Of(type) ?? throw FileDatasetErrors.CannotLoadAs(dataset, loadPath(), type, FileDatasetErrors.TabularShapes(format));

    private object Build(RecordBatch batch, TableShape shape, Type type, string path)
    {
        try
        {
            return ArrowTables.FromBatch(batch, shape);
        }
        catch (InvalidDataException e)
        {
            throw FileDatasetErrors.CannotLoadAs(dataset, path, type, e.Message);
        }
    }

    private async Task<RecordBatch> ReadPathAsync(string path, bool synchronous, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(path))
        {
            return await ReadFileAsync(path, synchronous, cancellationToken).ConfigureAwait(false);
        }

        var files = Directory.GetFiles(path)
            .Where(file => Path.GetFileName(file) is var name && !name.StartsWith('.') && !name.StartsWith('_'))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw ArrowFileErrors.EmptyFolder(path);
        }

        var batches = new List<RecordBatch>(files.Count);
        foreach (var file in files)
        {
            var batch = await ReadFileAsync(file, synchronous, cancellationToken).ConfigureAwait(false);
            if (batches.Count > 0 && Difference(batches[0].Schema, batch.Schema) is { } difference)
            {
                throw ArrowFileErrors.SchemaMismatch(file, files[0], difference);
            }

            batches.Add(batch);
        }

        return ArrowTables.FromArrowTable(Apache.Arrow.Table.TableFromRecordBatches(batches[0].Schema, batches));
    }

    private async Task<RecordBatch> ReadFileAsync(string path, bool synchronous, CancellationToken cancellationToken)
    {
        if (synchronous)
        {
            return FileIO.Read(path, stream => read(stream, path, cancellationToken).GetAwaiter().GetResult());
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        using var stream = new MemoryStream(bytes, writable: false);
        return await read(stream, path, cancellationToken).ConfigureAwait(false);
    }

    private static string? Difference(Schema first, Schema other)
    {
        static string Describe(Field field) => $"'{field.Name}' {field.DataType.Name}" + (field.DataType is Apache.Arrow.Types.TimestampType t ? $"[{t.Unit}, {t.Timezone}]" : string.Empty);

        var expected = first.FieldsList.Select(Describe).ToList();
        var actual = other.FieldsList.Select(Describe).ToList();
        return expected.SequenceEqual(actual, StringComparer.Ordinal)
            ? null
            : $"columns {string.Join(", ", actual)} instead of {string.Join(", ", expected)}";
    }
}
