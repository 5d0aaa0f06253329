using Kedro.Datasets.Internal;
using Kedro.Datasets.Tables;
using Kedro.IO;

namespace Kedro.Datasets;

/// <summary>
/// A Parquet file, or a folder of Parquet files (Kedro's <c>pandas.ParquetDataset</c>). Loads as the table kind the
/// consuming node asks for: <see cref="Microsoft.Data.Analysis.DataFrame"/>, Arrow's <see cref="Apache.Arrow.RecordBatch"/>
/// or <see cref="Apache.Arrow.Table"/>, <see cref="System.Data.DataTable"/> (also for <see cref="object"/>), or a list or
/// array of records or dictionaries (columns match properties ignoring case and underscores). Columns are read whole into
/// Arrow columns, never through row objects, unless records are asked for. A folder loads as one table: its files (except
/// those whose names start with <c>.</c> or <c>_</c>) in name order, which must all have the same columns. Saves any of
/// those kinds, atomically, with standard logical types (DATE, TIMESTAMP with its unit, UTF8 strings, DECIMAL, unsigned
/// integers), so pandas and pyarrow read the file.
/// </summary>
public sealed class ParquetDataset : AbstractVersionedDataset<object>, ITypedLoadDataset
{
    private static readonly string[] LoadKeys = ["columns"];
    private static readonly string[] SaveKeys = ["compression", "index"];

    private readonly TableFile _file;

    /// <summary>Creates the dataset.</summary>
    /// <param name="filepath">The file's or folder's path, used as given (a <c>file://</c> prefix is dropped; other protocols are refused).</param>
    /// <param name="loadArgs">
    /// Kedro's <c>load_args</c> (pandas' <c>read_parquet</c> names): <c>columns</c>, a list of the columns to load, in that
    /// order (all when absent). Other pandas options are refused.
    /// </param>
    /// <param name="saveArgs">
    /// Kedro's <c>save_args</c> (pandas' <c>to_parquet</c> names): <c>compression</c>, one of <c>snappy</c> (the default, as
    /// pandas), <c>gzip</c>, <c>brotli</c>, <c>zstd</c>, <c>lz4</c>, or <c>none</c>/<see langword="null"/> for none;
    /// <c>index</c> is accepted and ignored (.NET tables have no index).
    /// </param>
    /// <param name="version">The versions to load and save; <see langword="null"/> turns versioning off.</param>
    /// <param name="metadata">Free-form information about the dataset; not used to load or save.</param>
    /// <param name="timeProvider">The clock for save version timestamps; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The path is not local, or an argument is unknown or invalid.</exception>
    public ParquetDataset(string filepath, IReadOnlyDictionary<string, object?>? loadArgs = null, IReadOnlyDictionary<string, object?>? saveArgs = null,
        DatasetVersion? version = null, IReadOnlyDictionary<string, object?>? metadata = null, TimeProvider? timeProvider = null)
        : base(DatasetArguments.LocalPath(filepath, nameof(ParquetDataset)), version, timeProvider)
    {
        DatasetArguments.EnsureKeys(loadArgs, nameof(ParquetDataset), "load_args", LoadKeys);
        DatasetArguments.EnsureKeys(saveArgs, nameof(ParquetDataset), "save_args", SaveKeys);
        LoadArgs = new Dictionary<string, object?>(loadArgs ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        var save = new Dictionary<string, object?>(StringComparer.Ordinal) { ["compression"] = "snappy" };
        foreach (var (key, value) in saveArgs ?? new Dictionary<string, object?>())
        {
            save[key] = value;
        }

        SaveArgs = save;
        Metadata = metadata;
        var columns = TableFile.Columns(LoadArgs, nameof(ParquetDataset));
        var compressionName = DatasetArguments.String(SaveArgs, "compression") ?? "none";
        var compression = ParquetColumns.Compressions.TryGetValue(compressionName, out var method)
            ? method
            : throw FileDatasetErrors.BadValue(nameof(ParquetDataset), "save_args", "compression", compressionName,
                "one of " + string.Join(", ", ParquetColumns.Compressions.Keys.Select(k => $"'{k}'")) + " or null");
        _file = new TableFile(this, "Parquet file", GetLoadPath, GetSavePath,
            (stream, path, token) => ParquetColumns.ReadAsync(stream, path, columns, token),
            (batch, stream) => ParquetColumns.WriteAsync(batch, stream, compression, CancellationToken.None).GetAwaiter().GetResult());
    }

    /// <summary>The load arguments in effect.</summary>
    public IReadOnlyDictionary<string, object?> LoadArgs { get; }

    /// <summary>The save arguments in effect (defaults merged with the given ones).</summary>
    public IReadOnlyDictionary<string, object?> SaveArgs { get; }

    /// <summary>Free-form information about the dataset (Kedro's <c>metadata</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Metadata { get; }

    /// <inheritdoc/>
    public object? Load(Type requestedType) => _file.Load(requestedType);

    /// <inheritdoc/>
    public ValueTask<object?> LoadAsync(Type requestedType, CancellationToken cancellationToken = default) =>
        _file.LoadAsync(requestedType, cancellationToken);

    internal static ParquetDataset Create(DatasetFactoryContext context)
    {
        context.EnsureOnlyArguments([.. DatasetArguments.Common, "load_args", "save_args"]);
        return new ParquetDataset(DatasetArguments.FilePath(context), DatasetArguments.Mapping(context, "load_args"),
            DatasetArguments.Mapping(context, "save_args"), context.Version, DatasetArguments.Mapping(context, "metadata"));
    }

    /// <inheritdoc/>
    /// <remarks>A <see cref="System.Data.DataTable"/>, as for the other tabular datasets.</remarks>
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
        ["load_args"] = LoadArgs,
        ["save_args"] = SaveArgs,
        ["version"] = Version,
    };
}
