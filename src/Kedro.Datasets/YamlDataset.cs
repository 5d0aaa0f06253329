using System.Text.Json;
using Kedro.Datasets.Internal;
using Kedro.IO;
using YamlDotNet.Core;

namespace Kedro.Datasets;

/// <summary>
/// A YAML file (Kedro's <c>yaml.YAMLDataset</c>). Loads as the type the consuming node asks for, bound like
/// <see cref="JsonDataset"/> (keys match members ignoring case and underscores), or, for <see cref="object"/>, as a plain
/// tree: dictionaries in file order, lists, and scalars typed as Kedro's YAML loader types them. Tags in the file never
/// create .NET types. Saves plain trees and records (snake_case keys) in block style. Saves are atomic.
/// </summary>
public sealed class YamlDataset : AbstractVersionedDataset<object>, ITypedLoadDataset
{
    private static readonly JsonSerializerOptions WriteOptions = JsonTrees.WriteOptions(JsonNamingPolicy.SnakeCaseLower, null, false);

    private readonly TypedFile _file;

    /// <summary>Creates the dataset.</summary>
    /// <param name="filepath">The file's path, used as given (a <c>file://</c> prefix is dropped; other protocols are refused).</param>
    /// <param name="saveArgs">
    /// Kedro's <c>save_args</c>: <c>default_flow_style</c> is accepted and ignored (files are always written in block
    /// style, Kedro's default); nothing else is supported.
    /// </param>
    /// <param name="version">The versions to load and save; <see langword="null"/> turns versioning off.</param>
    /// <param name="metadata">Free-form information about the dataset; not used to load or save.</param>
    /// <param name="timeProvider">The clock for save version timestamps; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The path is not local, or a save argument is unknown.</exception>
    public YamlDataset(string filepath, IReadOnlyDictionary<string, object?>? saveArgs = null, DatasetVersion? version = null,
        IReadOnlyDictionary<string, object?>? metadata = null, TimeProvider? timeProvider = null)
        : base(DatasetArguments.LocalPath(filepath, nameof(YamlDataset)), version, timeProvider)
    {
        DatasetArguments.EnsureKeys(saveArgs, nameof(YamlDataset), "save_args", "default_flow_style");
        SaveArgs = new Dictionary<string, object?>(StringComparer.Ordinal) { ["default_flow_style"] = false };
        Metadata = metadata;
        _file = new TypedFile(this, GetLoadPath, GetSavePath, type => (stream, path) => Parse(stream, type, path), data => stream => Write(stream, data));
    }

    /// <summary>The save arguments in effect.</summary>
    public IReadOnlyDictionary<string, object?> SaveArgs { get; }

    /// <summary>Free-form information about the dataset (Kedro's <c>metadata</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Metadata { get; }

    /// <inheritdoc/>
    public object? Load(Type requestedType) => _file.Load(requestedType);

    /// <inheritdoc/>
    public ValueTask<object?> LoadAsync(Type requestedType, CancellationToken cancellationToken = default) =>
        _file.LoadAsync(requestedType, cancellationToken);

    internal static YamlDataset Create(DatasetFactoryContext context)
    {
        context.EnsureOnlyArguments([.. DatasetArguments.Common, "save_args"]);
        return new YamlDataset(DatasetArguments.FilePath(context), DatasetArguments.Mapping(context, "save_args"), context.Version,
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

    private static void Write(Stream stream, object data)
    {
        var tree = JsonTrees.ToPlain(JsonTrees.FromData(data, WriteOptions));
        var bytes = TextDecoding.StrictUtf8.GetBytes(YamlTrees.Serialize(tree));
        stream.Write(bytes);
    }

    private object? Parse(Stream stream, Type type, string path)
    {
        using var reader = TextDecoding.OpenReader(stream, TextDecoding.StrictUtf8, "utf-8", path);
        var tree = YamlTrees.Parse(reader);
        if (type == typeof(object))
        {
            return tree;
        }

        try
        {
            return JsonTrees.Bind(JsonTrees.FromData(tree, WriteOptions), type);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or YamlException)
        {
            throw FileDatasetErrors.CannotLoadAs(this, path, type, FileDatasetErrors.Bind(e));
        }
    }
}
