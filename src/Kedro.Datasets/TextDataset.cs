using Kedro.Datasets.Internal;
using Kedro.IO;

namespace Kedro.Datasets;

/// <summary>
/// A text file, loaded and saved as a <see cref="string"/> in UTF-8 (Kedro's <c>text.TextDataset</c>). Saves are atomic:
/// a failed save leaves the previous file intact.
/// </summary>
public sealed class TextDataset : AbstractVersionedDataset<string>, ITypedLoadDataset
{
    /// <summary>Creates the dataset.</summary>
    /// <param name="filepath">The file's path, used as given (a <c>file://</c> prefix is dropped; other protocols are refused).</param>
    /// <param name="version">The versions to load and save; <see langword="null"/> turns versioning off.</param>
    /// <param name="metadata">Free-form information about the dataset, kept for plugins and tools; not used to load or save.</param>
    /// <param name="timeProvider">The clock for save version timestamps; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="filepath"/> is empty or not a local path.</exception>
    public TextDataset(string filepath, DatasetVersion? version = null, IReadOnlyDictionary<string, object?>? metadata = null,
        TimeProvider? timeProvider = null)
        : base(DatasetArguments.LocalPath(filepath, nameof(TextDataset)), version, timeProvider)
    {
        Metadata = metadata;
    }

    /// <summary>Free-form information about the dataset (Kedro's <c>metadata</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Metadata { get; }

    /// <inheritdoc/>
    /// <remarks>Loads a <see cref="string"/>; any type a string is assignable to may be requested.</remarks>
    public object? Load(Type requestedType) =>
        TypedLoads.Run(this, Logger, requestedType, type => Check(type, () => LoadCore()));

    /// <inheritdoc/>
    public ValueTask<object?> LoadAsync(Type requestedType, CancellationToken cancellationToken = default) =>
        TypedLoads.RunAsync(this, Logger, requestedType, async (type, token) =>
        {
            _ = Check(type, static () => null);
            return await LoadCoreAsync(token).ConfigureAwait(false);
        }, cancellationToken);

    internal static TextDataset Create(DatasetFactoryContext context)
    {
        context.EnsureOnlyArguments(DatasetArguments.Common);
        return new TextDataset(DatasetArguments.FilePath(context), context.Version, DatasetArguments.Mapping(context, "metadata"));
    }

    /// <inheritdoc/>
    /// <remarks>The file is read as UTF-8; bytes that are not valid UTF-8 fail the load, naming the line and byte offset.</remarks>
    protected override string LoadCore()
    {
        var path = GetLoadPath();
        return FileIO.Read(path, stream => TextDecoding.Read(stream, TextDecoding.StrictUtf8, "utf-8", path));
    }

    /// <inheritdoc/>
    protected override ValueTask<string> LoadCoreAsync(CancellationToken cancellationToken)
    {
        var path = GetLoadPath();
        return FileIO.ReadAsync(path, stream => TextDecoding.Read(stream, TextDecoding.StrictUtf8, "utf-8", path), cancellationToken);
    }

    /// <inheritdoc/>
    protected override void SaveCore(string data) => FileIO.Write(SaveTarget.Of(this, GetSavePath()), stream => Write(stream, data));

    /// <inheritdoc/>
    protected override ValueTask SaveCoreAsync(string data, CancellationToken cancellationToken) =>
        FileIO.WriteAsync(SaveTarget.Of(this, GetSavePath()), stream => Write(stream, data), cancellationToken);

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?>
    {
        ["filepath"] = FilePath,
        ["protocol"] = "file",
        ["version"] = Version,
    };

    private static void Write(Stream stream, string data)
    {
        var bytes = TextDecoding.StrictUtf8.GetBytes(data);
        stream.Write(bytes);
    }

    private object? Check(Type requestedType, Func<object?> load) =>
        requestedType.IsAssignableFrom(typeof(string))
            ? load()
            : throw FileDatasetErrors.CannotLoadAs(this, FilePath, requestedType, FileDatasetErrors.TextOnly(requestedType));
}
