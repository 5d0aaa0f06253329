using System.Collections;
using System.Globalization;
using System.Text.Json;
using Kedro.Datasets.Internal;
using Kedro.IO;

namespace Kedro.Datasets;

/// <summary>
/// Metrics of a run as a JSON object of names to numbers (Kedro's <c>tracking.MetricsDataset</c>). It is always
/// versioned: each save writes a new version folder (<c>{filepath}/{version}/{basename}</c>), so the metrics of every
/// run are kept side by side; a load reads the newest version (or the one given as the load version). Saves a
/// dictionary of metric names to numbers (any .NET numeric type) and refuses any other value, naming the key; loads as
/// <see cref="Dictionary{TKey, TValue}"/> of <see cref="string"/> to <see cref="double"/> (also for
/// <see cref="IReadOnlyDictionary{TKey, TValue}"/>, <see cref="IDictionary{TKey, TValue}"/> and <see cref="object"/>).
/// Saves are atomic.
/// </summary>
public sealed class MetricsDataset : AbstractVersionedDataset<object>, ITypedLoadDataset
{
    private readonly TypedFile _file;
    private readonly JsonWriterOptions _writerOptions;

    /// <summary>Creates the dataset.</summary>
    /// <param name="filepath">The file's path, used as given (a <c>file://</c> prefix is dropped; other protocols are refused).</param>
    /// <param name="saveArgs">Kedro's <c>save_args</c>: <c>indent</c> (default 2; 0 or null writes one line).</param>
    /// <param name="version">
    /// The versions to load and save; <see langword="null"/> is the newest version for loads and a new timestamp for
    /// saves (the dataset is versioned either way).
    /// </param>
    /// <param name="metadata">Free-form information about the dataset; not used to load or save.</param>
    /// <param name="timeProvider">The clock for save version timestamps; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The path is not local, or a save argument is unknown or invalid.</exception>
    public MetricsDataset(string filepath, IReadOnlyDictionary<string, object?>? saveArgs = null, DatasetVersion? version = null,
        IReadOnlyDictionary<string, object?>? metadata = null, TimeProvider? timeProvider = null)
        : base(DatasetArguments.LocalPath(filepath, nameof(MetricsDataset)), version ?? new DatasetVersion(null, null), timeProvider)
    {
        DatasetArguments.EnsureKeys(saveArgs, nameof(MetricsDataset), "save_args", "indent");
        var save = new Dictionary<string, object?>(StringComparer.Ordinal) { ["indent"] = 2 };
        foreach (var (key, value) in saveArgs ?? new Dictionary<string, object?>())
        {
            save[key] = value;
        }

        SaveArgs = save;
        var indent = DatasetArguments.Int(SaveArgs, "indent", nameof(MetricsDataset), "save_args") ?? 0;
        if (indent < 0)
        {
            throw FileDatasetErrors.BadValue(nameof(MetricsDataset), "save_args", "indent", indent, "0 or more spaces");
        }

        _writerOptions = new JsonWriterOptions { Indented = indent > 0, IndentSize = indent > 0 ? indent : 2 };
        Metadata = metadata;
        _file = new TypedFile(this, GetLoadPath, GetSavePath, type =>
        {
            if (type != typeof(object) && !type.IsAssignableFrom(typeof(Dictionary<string, double>)))
            {
                throw FileDatasetErrors.CannotLoadAs(this, FilePath, type, FileDatasetErrors.MetricsShape(type));
            }

            return (stream, path) => Parse(stream, path, type);
        }, data =>
        {
            var metrics = Metrics(data);
            return stream => Write(stream, metrics);
        });
    }

    /// <summary>The save arguments in effect (defaults merged with the given ones).</summary>
    public IReadOnlyDictionary<string, object?> SaveArgs { get; }

    /// <summary>Free-form information about the dataset (Kedro's <c>metadata</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Metadata { get; }

    /// <inheritdoc/>
    public object? Load(Type requestedType) => _file.Load(requestedType);

    /// <inheritdoc/>
    public ValueTask<object?> LoadAsync(Type requestedType, CancellationToken cancellationToken = default) =>
        _file.LoadAsync(requestedType, cancellationToken);

    internal static MetricsDataset Create(DatasetFactoryContext context)
    {
        context.EnsureOnlyArguments([.. DatasetArguments.Common, "save_args"]);
        return new MetricsDataset(DatasetArguments.FilePath(context), DatasetArguments.Mapping(context, "save_args"),
            context.Version ?? new DatasetVersion(context.LoadVersion, context.SaveVersion), DatasetArguments.Mapping(context, "metadata"));
    }

    /// <inheritdoc/>
    /// <remarks>A <see cref="Dictionary{TKey, TValue}"/> of metric names to numbers.</remarks>
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

    private static List<KeyValuePair<string, double>> Metrics(object data)
    {
        if (data is not IDictionary dictionary)
        {
            throw FileDatasetErrors.MetricsNotADictionary(data);
        }

        var metrics = new List<KeyValuePair<string, double>>(dictionary.Count);
        foreach (DictionaryEntry entry in dictionary)
        {
            var key = entry.Key as string ?? throw FileDatasetErrors.MetricNotNumeric(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "?", entry.Key, "its key is not text");
            var number = entry.Value switch
            {
                double d => d,
                float f => f,
                decimal m => (double)m,
                int or long or short or sbyte or byte or uint or ulong or ushort => Convert.ToDouble(entry.Value, CultureInfo.InvariantCulture),
                _ => throw FileDatasetErrors.MetricNotNumeric(key, entry.Value, null),
            };
            if (!double.IsFinite(number))
            {
                throw FileDatasetErrors.MetricNotNumeric(key, entry.Value, "JSON has no NaN or infinity");
            }

            metrics.Add(new(key, number));
        }

        return metrics;
    }

    private void Write(Stream stream, List<KeyValuePair<string, double>> metrics)
    {
        using var writer = new Utf8JsonWriter(stream, _writerOptions);
        writer.WriteStartObject();
        foreach (var (key, value) in metrics)
        {
            writer.WriteNumber(key, value);
        }

        writer.WriteEndObject();
    }

    private Dictionary<string, double> Parse(Stream stream, string path, Type type)
    {
        using var document = JsonDocument.Parse(stream);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw FileDatasetErrors.CannotLoadAs(this, path, type, FileDatasetErrors.MetricsFile(null, document.RootElement.ValueKind.ToString()));
        }

        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            result[property.Name] = property.Value.ValueKind == JsonValueKind.Number
                ? property.Value.GetDouble()
                : throw FileDatasetErrors.CannotLoadAs(this, path, type, FileDatasetErrors.MetricsFile(property.Name, property.Value.ToString()));
        }

        return result;
    }
}
