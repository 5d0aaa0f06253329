using System.Text.Json;
using System.Text.Json.Nodes;
using Kedro.Datasets.Internal;
using Kedro.IO;

namespace Kedro.Datasets;

/// <summary>
/// A JSON file (Kedro's <c>json.JSONDataset</c>). Loads as the type the consuming node asks for: a record, class,
/// collection or dictionary bound with System.Text.Json (keys match members ignoring case and underscores, so
/// <c>test_size</c> fills <c>TestSize</c>), or, for <see cref="object"/>, a plain tree of
/// <see cref="Dictionary{TKey, TValue}"/>, <see cref="List{T}"/> and scalars. Saves any of those; records are written
/// with snake_case keys unless a <see cref="System.Text.Json.Serialization.JsonPropertyNameAttribute"/> names them.
/// Saves are atomic.
/// </summary>
public sealed class JsonDataset : AbstractVersionedDataset<object>, ITypedLoadDataset
{
    private readonly JsonSerializerOptions _writeOptions;
    private readonly TypedFile _file;

    /// <summary>Creates the dataset.</summary>
    /// <param name="filepath">The file's path, used as given (a <c>file://</c> prefix is dropped; other protocols are refused).</param>
    /// <param name="saveArgs">
    /// Kedro's <c>save_args</c>: <c>indent</c> (default 2; 0 or null writes one line) and <c>ensure_ascii</c> (default
    /// <see langword="false"/>: non-ASCII text is written as is).
    /// </param>
    /// <param name="version">The versions to load and save; <see langword="null"/> turns versioning off.</param>
    /// <param name="metadata">Free-form information about the dataset; not used to load or save.</param>
    /// <param name="timeProvider">The clock for save version timestamps; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The path is not local, or a save argument is unknown or invalid.</exception>
    public JsonDataset(string filepath, IReadOnlyDictionary<string, object?>? saveArgs = null, DatasetVersion? version = null,
        IReadOnlyDictionary<string, object?>? metadata = null, TimeProvider? timeProvider = null)
        : base(DatasetArguments.LocalPath(filepath, nameof(JsonDataset)), version, timeProvider)
    {
        DatasetArguments.EnsureKeys(saveArgs, nameof(JsonDataset), "save_args", "indent", "ensure_ascii");
        SaveArgs = new Dictionary<string, object?>(StringComparer.Ordinal) { ["indent"] = 2 };
        foreach (var (key, value) in saveArgs ?? new Dictionary<string, object?>())
        {
            SaveArgs[key] = value;
        }

        var indent = DatasetArguments.Int(SaveArgs, "indent", nameof(JsonDataset), "save_args");
        var ascii = DatasetArguments.Bool(SaveArgs, "ensure_ascii", false, nameof(JsonDataset), "save_args");
        _writeOptions = JsonTrees.WriteOptions(JsonNamingPolicy.SnakeCaseLower, indent, ascii);
        Metadata = metadata;
        _file = new TypedFile(this, GetLoadPath, GetSavePath, type => (stream, path) => Parse(stream, type, path), data => stream => Write(stream, data));
    }

    /// <summary>The save arguments in effect (defaults merged with the given ones).</summary>
    public Dictionary<string, object?> SaveArgs { get; }

    /// <summary>Free-form information about the dataset (Kedro's <c>metadata</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Metadata { get; }

    /// <inheritdoc/>
    public object? Load(Type requestedType) => _file.Load(requestedType);

    /// <inheritdoc/>
    public ValueTask<object?> LoadAsync(Type requestedType, CancellationToken cancellationToken = default) =>
        _file.LoadAsync(requestedType, cancellationToken);

    internal static JsonDataset Create(DatasetFactoryContext context)
    {
        context.EnsureOnlyArguments([.. DatasetArguments.Common, "save_args"]);
        return new JsonDataset(DatasetArguments.FilePath(context), DatasetArguments.Mapping(context, "save_args"), context.Version,
            DatasetArguments.Mapping(context, "metadata"));
    }

    /// <inheritdoc/>
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
        ["protocol"] = "file",
        ["save_args"] = SaveArgs,
        ["version"] = Version,
    };

    private object? Parse(Stream stream, Type type, string path)
    {
        var node = JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            return JsonTrees.Bind(node, type);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw FileDatasetErrors.CannotLoadAs(this, path, type, FileDatasetErrors.Bind(e));
        }
    }

    private void Write(Stream stream, object data)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = _writeOptions.WriteIndented,
            IndentSize = _writeOptions.WriteIndented ? _writeOptions.IndentSize : 2,
            Encoder = _writeOptions.Encoder,
        });
        var node = JsonTrees.FromData(data, _writeOptions);
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer, _writeOptions);
        }
    }
}
