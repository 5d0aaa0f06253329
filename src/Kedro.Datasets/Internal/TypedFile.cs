using Kedro.IO;

namespace Kedro.Datasets.Internal;

/// <summary>
/// The load and save frame shared by the file datasets: a typed load resolves the load path, reads the whole file and
/// parses it as the requested type inside <see cref="TypedLoads"/>; a save turns the data into a writer first (so bad
/// data fails before any path is chosen) and then writes the save path atomically.
/// </summary>
/// <param name="dataset">The dataset, for messages and its logger.</param>
/// <param name="loadPath">The dataset's load path (resolved on each load).</param>
/// <param name="savePath">The dataset's save path (resolved on each save).</param>
/// <param name="reader">
/// For a requested type, what parses a file at a path; called before the load path is resolved, so it may check the
/// type first.
/// </param>
/// <param name="writer">For the data to save, what writes it to a stream.</param>
internal sealed class TypedFile(
    AbstractDataset<object> dataset,
    Func<string> loadPath,
    Func<string> savePath,
    Func<Type, Func<Stream, string, object?>> reader,
    Func<object, Action<Stream>> writer)
{
    public object? Load(Type requestedType) =>
        TypedLoads.Run(dataset, dataset.Logger, requestedType, type =>
        {
            var parse = reader(type);
            var path = loadPath();
            return FileIO.Read(path, stream => parse(stream, path));
        });

    public ValueTask<object?> LoadAsync(Type requestedType, CancellationToken cancellationToken) =>
        TypedLoads.RunAsync(dataset, dataset.Logger, requestedType, (type, token) =>
        {
            var parse = reader(type);
            var path = loadPath();
            return FileIO.ReadAsync(path, stream => parse(stream, path), token);
        }, cancellationToken);

    public void Save(object data)
    {
        var write = writer(data);
        FileIO.Write(SaveTarget.Of(dataset, savePath()), write);
    }

    public ValueTask SaveAsync(object data, CancellationToken cancellationToken)
    {
        var write = writer(data);
        return FileIO.WriteAsync(SaveTarget.Of(dataset, savePath()), write, cancellationToken);
    }
}
