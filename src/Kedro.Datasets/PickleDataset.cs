using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kedro.Datasets.Internal;
using Kedro.IO;

namespace Kedro.Datasets;

/// <summary>
/// Any .NET object in a binary file (Kedro's <c>pickle.PickleDataset</c>), typically a trained model. Named after
/// Kedro's dataset so that catalogs port unchanged, but it is not Python's pickle and not .NET's BinaryFormatter, which
/// both create whatever type the file names and so run code chosen by whoever wrote the file. The file is a short
/// header (<c>KDNPKL</c>, a format version and the saved type's name, kept for messages only) followed by the object as
/// UTF-8 JSON (System.Text.Json: public properties and fields). Loading creates only the type the consuming node asks
/// for, never the type named in the file; for <see cref="object"/> it returns a plain tree of dictionaries, lists and
/// scalars. Saves are atomic.
/// </summary>
public sealed class PickleDataset : AbstractVersionedDataset<object>, ITypedLoadDataset
{
    /// <summary>The first bytes of every file this dataset writes.</summary>
    internal static readonly byte[] Magic = "KDNPKL"u8.ToArray();

    private const byte FormatVersion = 1;

    private static readonly JsonSerializerOptions WriteOptions = JsonTrees.WriteOptions(null, null, false);

    private readonly TypedFile _file;

    /// <summary>Creates the dataset.</summary>
    /// <param name="filepath">The file's path, used as given (a <c>file://</c> prefix is dropped; other protocols are refused).</param>
    /// <param name="backend">Kedro's <c>backend</c>: only <c>pickle</c> (the default) is supported.</param>
    /// <param name="loadArgs">Kedro's <c>load_args</c>: Python's <c>encoding</c>, <c>errors</c> and <c>fix_imports</c> are accepted and ignored.</param>
    /// <param name="saveArgs">Kedro's <c>save_args</c>: Python's <c>protocol</c> and <c>fix_imports</c> are accepted and ignored.</param>
    /// <param name="version">The versions to load and save; <see langword="null"/> turns versioning off.</param>
    /// <param name="metadata">Free-form information about the dataset; not used to load or save.</param>
    /// <param name="timeProvider">The clock for save version timestamps; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The path is not local, the backend is not <c>pickle</c>, or an argument is unknown.</exception>
    public PickleDataset(string filepath, string backend = "pickle", IReadOnlyDictionary<string, object?>? loadArgs = null,
        IReadOnlyDictionary<string, object?>? saveArgs = null, DatasetVersion? version = null, IReadOnlyDictionary<string, object?>? metadata = null,
        TimeProvider? timeProvider = null)
        : base(DatasetArguments.LocalPath(filepath, nameof(PickleDataset)), version, timeProvider)
    {
        if (!string.Equals(backend, "pickle", StringComparison.Ordinal))
        {
            throw FileDatasetErrors.BackendNotSupported(backend);
        }

        DatasetArguments.EnsureKeys(loadArgs, nameof(PickleDataset), "load_args", "encoding", "errors", "fix_imports");
        DatasetArguments.EnsureKeys(saveArgs, nameof(PickleDataset), "save_args", "protocol", "fix_imports");
        Backend = backend;
        LoadArgs = new Dictionary<string, object?>(loadArgs ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        SaveArgs = new Dictionary<string, object?>(saveArgs ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        Metadata = metadata;
        _file = new TypedFile(this, GetLoadPath, GetSavePath, type => (stream, path) => Parse(stream, type, path), data => stream => Write(stream, data));
    }

    /// <summary>The backend: always <c>pickle</c>.</summary>
    public string Backend { get; }

    /// <summary>The load arguments as given (none has an effect).</summary>
    public IReadOnlyDictionary<string, object?> LoadArgs { get; }

    /// <summary>The save arguments as given (none has an effect).</summary>
    public IReadOnlyDictionary<string, object?> SaveArgs { get; }

    /// <summary>Free-form information about the dataset (Kedro's <c>metadata</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Metadata { get; }

    /// <inheritdoc/>
    public object? Load(Type requestedType) => _file.Load(requestedType);

    /// <inheritdoc/>
    public ValueTask<object?> LoadAsync(Type requestedType, CancellationToken cancellationToken = default) =>
        _file.LoadAsync(requestedType, cancellationToken);

    internal static PickleDataset Create(DatasetFactoryContext context)
    {
        context.EnsureOnlyArguments([.. DatasetArguments.Common, "backend", "load_args", "save_args"]);
        return new PickleDataset(DatasetArguments.FilePath(context), context.Get<string>("backend") ?? "pickle",
            DatasetArguments.Mapping(context, "load_args"), DatasetArguments.Mapping(context, "save_args"), context.Version,
            DatasetArguments.Mapping(context, "metadata"));
    }

    /// <inheritdoc/>
    /// <remarks>A plain tree: the file never chooses the type that is created.</remarks>
    protected override object LoadCore() => Load(typeof(object))!;

    /// <inheritdoc/>
    protected override async ValueTask<object> LoadCoreAsync(CancellationToken cancellationToken) =>
        (await LoadAsync(typeof(object), cancellationToken).ConfigureAwait(false))!;

    /// <inheritdoc/>
    protected override void SaveCore(object data) => _file.Save(data);

    /// <inheritdoc/>
    protected override ValueTask SaveCoreAsync(object data, CancellationToken cancellationToken) => _file.SaveAsync(data, cancellationToken);

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?>
    {
        ["filepath"] = FilePath,
        ["backend"] = Backend,
        ["protocol"] = "file",
        ["load_args"] = LoadArgs,
        ["save_args"] = SaveArgs,
        ["version"] = Version,
    };

    private static void Write(Stream stream, object data)
    {
        var typeName = Encoding.UTF8.GetBytes(data.GetType().FullName ?? data.GetType().Name);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, typeName.Length);
        stream.Write(Magic);
        stream.WriteByte(FormatVersion);
        stream.Write(length);
        stream.Write(typeName);
        using var writer = new Utf8JsonWriter(stream);
        var node = JsonTrees.FromData(data, WriteOptions);
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer, WriteOptions);
        }
    }

    private object? Parse(Stream stream, Type type, string path)
    {
        Span<byte> header = stackalloc byte[Magic.Length + 5];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length || !header[..Magic.Length].SequenceEqual(Magic))
        {
            throw FileDatasetErrors.CannotLoadAs(this, path, type, FileDatasetErrors.NotPickle(path));
        }

        if (header[Magic.Length] != FormatVersion)
        {
            throw FileDatasetErrors.CannotLoadAs(this, path, type, FileDatasetErrors.PickleVersion(header[Magic.Length]));
        }

        var nameLength = BinaryPrimitives.ReadInt32LittleEndian(header[(Magic.Length + 1)..]);
        if (nameLength is < 0 or > 4096)
        {
            throw FileDatasetErrors.CannotLoadAs(this, path, type, FileDatasetErrors.NotPickle(path));
        }

        var name = new byte[nameLength];
        stream.ReadExactly(name);
        var savedType = Encoding.UTF8.GetString(name);
        var node = JsonNode.Parse(stream);
        try
        {
            return JsonTrees.Bind(node, type);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw FileDatasetErrors.CannotLoadAs(this, path, type, FileDatasetErrors.PickleBind(savedType, e));
        }
    }
}
