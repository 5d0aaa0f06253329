using System.Globalization;
using System.Text;
using System.Text.Json;
using Kedro.Datasets.Internal;
using Kedro.IO;

namespace Kedro.Datasets;

/// <summary>
/// A table as JSON (Kedro's <c>pandas.JSONDataset</c>; Kedro's <c>json.JSONDataset</c> is <see cref="JsonDataset"/>).
/// <c>orient: columns</c> (the default, as pandas for a frame) is an object of columns, each an object of row labels to
/// values, <c>{"id": {"0": 1, "1": 2}, ...}</c>; <c>orient: records</c> is an array of row objects,
/// <c>[{"id": 1, "name": "a"}, ...]</c>, or with <c>lines: true</c> (where <c>records</c> is the default) one row object per
/// line (JSON Lines). Loads as the table the consuming node asks for
/// (a list of records or dictionaries, or a <see cref="System.Data.DataTable"/> for <see cref="object"/>), with column
/// types from the JSON values: whole numbers <see cref="long"/> (<see cref="ulong"/> when one only fits there), other
/// numbers <see cref="double"/>, booleans, text, and <see cref="DateTime"/> for a date-like column (as pandas: a name
/// ending in <c>_at</c> or <c>_time</c>, starting with <c>timestamp</c>, or <c>modified</c>, <c>date</c>, <c>datetime</c>;
/// or named by <c>convert_dates</c>) whose every value is an ISO 8601 date; <see langword="null"/> is a missing value. A
/// column mixing kinds (numbers and text) or holding nested objects or arrays is refused, naming it. Saves a table of any
/// of those kinds, with dates as ISO 8601 text. Saves are atomic.
/// </summary>
public sealed class JsonTableDataset : AbstractVersionedDataset<object>, ITypedLoadDataset
{
    private static readonly string[] LoadKeys = ["orient", "lines", "convert_dates", "keep_default_dates"];
    private static readonly string[] SaveKeys = ["orient", "lines", "indent", "date_format", "index"];

    private readonly TypedFile _file;
    private readonly bool _readLines;
    private readonly bool _readColumns;
    private readonly bool _writeLines;
    private readonly bool _writeColumns;
    private readonly int _indent;
    private readonly Func<string, bool> _isDateColumn;

    /// <summary>Creates the dataset.</summary>
    /// <param name="filepath">The file's path, used as given (a <c>file://</c> prefix is dropped; other protocols are refused).</param>
    /// <param name="loadArgs">
    /// pandas' <c>read_json</c> names: <c>orient</c> (<c>columns</c>, the default, or <c>records</c>, the default with
    /// <c>lines</c>), <c>lines</c> (default <see langword="false"/>; <see langword="true"/> reads JSON Lines, with
    /// <c>orient: records</c> only), <c>convert_dates</c> (default <see langword="true"/>: date-like column names; a list
    /// of column names adds those; <see langword="false"/> reads no dates) and <c>keep_default_dates</c> (default
    /// <see langword="true"/>; <see langword="false"/> converts only the columns <c>convert_dates</c> lists).
    /// </param>
    /// <param name="saveArgs">
    /// pandas' <c>to_json</c> names: <c>orient</c> and <c>lines</c> as for loading, <c>indent</c> (default none: one line;
    /// not with <c>lines</c>), <c>date_format</c> (<c>iso</c>, the only one written); <c>index</c> is accepted and ignored
    /// (.NET data has no index).
    /// </param>
    /// <param name="version">The versions to load and save; <see langword="null"/> turns versioning off.</param>
    /// <param name="metadata">Free-form information about the dataset; not used to load or save.</param>
    /// <param name="timeProvider">The clock for save version timestamps; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The path is not local, or an argument is unknown or invalid.</exception>
    public JsonTableDataset(string filepath, IReadOnlyDictionary<string, object?>? loadArgs = null, IReadOnlyDictionary<string, object?>? saveArgs = null,
        DatasetVersion? version = null, IReadOnlyDictionary<string, object?>? metadata = null, TimeProvider? timeProvider = null)
        : base(DatasetArguments.LocalPath(filepath, nameof(JsonTableDataset)), version, timeProvider)
    {
        DatasetArguments.EnsureKeys(loadArgs, nameof(JsonTableDataset), "load_args", LoadKeys);
        DatasetArguments.EnsureKeys(saveArgs, nameof(JsonTableDataset), "save_args", SaveKeys);
        LoadArgs = new Dictionary<string, object?>(loadArgs ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        SaveArgs = new Dictionary<string, object?>(saveArgs ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        (_readColumns, _readLines) = Orient(LoadArgs, "load_args");
        (_writeColumns, _writeLines) = Orient(SaveArgs, "save_args");
        _isDateColumn = DateColumns(LoadArgs);
        _indent = DatasetArguments.Int(SaveArgs, "indent", nameof(JsonTableDataset), "save_args") ?? 0;
        if (_indent < 0 || (_indent > 0 && _writeLines))
        {
            throw FileDatasetErrors.BadValue(nameof(JsonTableDataset), "save_args", "indent", _indent,
                _writeLines ? "left out with 'lines: true' (each row is one line)" : "0 or more spaces");
        }

        if (DatasetArguments.String(SaveArgs, "date_format") is { } dateFormat && dateFormat != "iso")
        {
            throw FileDatasetErrors.BadValue(nameof(JsonTableDataset), "save_args", "date_format", dateFormat, "'iso' (dates are written as ISO 8601 text)");
        }

        Metadata = metadata;
        _file = new TypedFile(this, GetLoadPath, GetSavePath, type =>
        {
            var shape = TableShape.Of(type) ?? throw FileDatasetErrors.CannotLoadAs(this, FilePath, type, FileDatasetErrors.TabularShapes("JSON table"));
            return (stream, path) => Build(Read(stream, path), shape, type, path);
        }, data =>
        {
            var table = Internal.Tables.FromData(data) ?? throw FileDatasetErrors.CannotSave("JSON table", data);
            return stream => Write(stream, table);
        });
    }

    /// <summary>The load arguments in effect.</summary>
    public IReadOnlyDictionary<string, object?> LoadArgs { get; }

    /// <summary>The save arguments in effect.</summary>
    public IReadOnlyDictionary<string, object?> SaveArgs { get; }

    /// <summary>Free-form information about the dataset (Kedro's <c>metadata</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Metadata { get; }

    /// <inheritdoc/>
    public object? Load(Type requestedType) => _file.Load(requestedType);

    /// <inheritdoc/>
    public ValueTask<object?> LoadAsync(Type requestedType, CancellationToken cancellationToken = default) =>
        _file.LoadAsync(requestedType, cancellationToken);

    internal static JsonTableDataset Create(DatasetFactoryContext context)
    {
        context.EnsureOnlyArguments([.. DatasetArguments.Common, "load_args", "save_args"]);
        return new JsonTableDataset(DatasetArguments.FilePath(context), DatasetArguments.Mapping(context, "load_args"),
            DatasetArguments.Mapping(context, "save_args"), context.Version, DatasetArguments.Mapping(context, "metadata"));
    }

    /// <inheritdoc/>
    /// <remarks>A <see cref="System.Data.DataTable"/>.</remarks>
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

    private static (bool Columns, bool Lines) Orient(IReadOnlyDictionary<string, object?> args, string argName)
    {
        var lines = DatasetArguments.Bool(args, "lines", false, nameof(JsonTableDataset), argName);
        var orient = DatasetArguments.String(args, "orient") ?? (lines ? "records" : "columns");
        if (orient is not ("records" or "columns"))
        {
            throw FileDatasetErrors.BadValue(nameof(JsonTableDataset), argName, "orient", orient,
                "'records' or 'columns' (Kedro.NET does not read or write 'split', 'index', 'values' or 'table')");
        }

        return lines && orient != "records"
            ? throw FileDatasetErrors.BadValue(nameof(JsonTableDataset), argName, "lines", lines, "false with orient 'columns' (JSON Lines hold records)")
            : (orient == "columns", lines);
    }

    /// <summary>Which columns load as dates: pandas' <c>convert_dates</c> and <c>keep_default_dates</c>.</summary>
    private static Func<string, bool> DateColumns(IReadOnlyDictionary<string, object?> args)
    {
        var keepDefault = DatasetArguments.Bool(args, "keep_default_dates", true, nameof(JsonTableDataset), "load_args");
        var value = args.GetValueOrDefault("convert_dates");
        HashSet<string> named;
        switch (value)
        {
            case null:
                named = [];
                break;
            case bool or string:
                if (!DatasetArguments.Bool(args, "convert_dates", true, nameof(JsonTableDataset), "load_args"))
                {
                    return static _ => false;
                }

                named = [];
                break;
            case System.Collections.IEnumerable names:
                named = new HashSet<string>(StringComparer.Ordinal);
                foreach (var name in names)
                {
                    named.Add(name as string ?? throw FileDatasetErrors.BadValue(nameof(JsonTableDataset), "load_args", "convert_dates", value,
                        "true, false or a list of column names"));
                }

                break;
            default:
                throw FileDatasetErrors.BadValue(nameof(JsonTableDataset), "load_args", "convert_dates", value, "true, false or a list of column names");
        }

        return name => named.Contains(name) || (keepDefault && IsDefaultDateName(name));
    }

    /// <summary>pandas' date-like column names (<c>keep_default_dates</c>).</summary>
    internal static bool IsDefaultDateName(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower.EndsWith("_at", StringComparison.Ordinal) || lower.EndsWith("_time", StringComparison.Ordinal)
            || lower.StartsWith("timestamp", StringComparison.Ordinal) || lower is "modified" or "date" or "datetime";
    }

    private object Build(TypedColumn[] columns, TableShape shape, Type type, string path)
    {
        try
        {
            return shape.Kind switch
            {
                TableShapeKind.DataTable => TypedColumns.ToDataTable(columns),
                TableShapeKind.DataFrame or TableShapeKind.RecordBatch or TableShapeKind.ArrowTable => TypedColumns.ToArrow(columns, shape),
                _ => Internal.Tables.Build(TypedColumns.ToTable(columns), shape, 1),
            };
        }
        catch (InvalidDataException e)
        {
            throw FileDatasetErrors.CannotLoadAs(this, path, type, e.Message);
        }
    }

    private TypedColumn[] Read(Stream stream, string path)
    {
        var builder = new JsonColumns(path, _isDateColumn);
        var options = new JsonDocumentOptions { AllowTrailingCommas = true };
        if (_readLines)
        {
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            var lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                using var row = Parse(line, path, lineNumber, options);
                builder.AddRow(row.RootElement, lineNumber);
            }

            return builder.Finish();
        }

        using var document = JsonDocument.Parse(stream, options);
        var root = document.RootElement;
        if (_readColumns)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw FileDatasetErrors.JsonTableShape(path, "columns", root.ValueKind);
            }

            foreach (var column in root.EnumerateObject())
            {
                builder.AddColumn(column.Name, column.Value);
            }

            return builder.Finish();
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            throw FileDatasetErrors.JsonTableShape(path, "records", root.ValueKind);
        }

        var number = 0;
        foreach (var row in root.EnumerateArray())
        {
            builder.AddRow(row, ++number);
        }

        return builder.Finish();
    }

    private static JsonDocument Parse(string line, string path, int lineNumber, JsonDocumentOptions options)
    {
        try
        {
            return JsonDocument.Parse(line, options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"'{path}' line {lineNumber} is not a JSON object: {e.Message}"), e);
        }
    }

    private void Write(Stream stream, Table table)
    {
        var options = new JsonWriterOptions { Indented = _indent > 0, IndentSize = _indent > 0 ? _indent : 2 };
        if (_writeLines)
        {
            foreach (var row in table.Rows)
            {
                using (var writer = new Utf8JsonWriter(stream, options))
                {
                    WriteRow(writer, table.Columns, row);
                }

                stream.WriteByte((byte)'\n');
            }

            return;
        }

        using var json = new Utf8JsonWriter(stream, options);
        if (_writeColumns)
        {
            json.WriteStartObject();
            for (var c = 0; c < table.Columns.Length; c++)
            {
                json.WriteStartObject(table.Columns[c]);
                for (var r = 0; r < table.Rows.Count; r++)
                {
                    json.WritePropertyName(r.ToString(CultureInfo.InvariantCulture));
                    WriteValue(json, table.Rows[r][c]);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            return;
        }

        json.WriteStartArray();
        foreach (var row in table.Rows)
        {
            WriteRow(json, table.Columns, row);
        }

        json.WriteEndArray();
    }

    private static void WriteRow(Utf8JsonWriter writer, string[] columns, object?[] row)
    {
        writer.WriteStartObject();
        for (var c = 0; c < columns.Length; c++)
        {
            writer.WritePropertyName(columns[c]);
            WriteValue(writer, row[c]);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                writer.WriteNullValue();
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case double number:
                WriteDouble(writer, number);
                break;
            case float number:
                WriteDouble(writer, number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case long or int or short or sbyte or byte or uint or ushort:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong number:
                writer.WriteNumberValue(number);
                break;
            case DateTime date:
                writer.WriteStringValue(date.ToString("yyyy-MM-dd'T'HH:mm:ss." + Fraction(date.Ticks) + (date.Kind == DateTimeKind.Utc ? "'Z'" : string.Empty), CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset date:
                writer.WriteStringValue(date.ToString("yyyy-MM-dd'T'HH:mm:ss." + Fraction(date.Ticks) + "zzz", CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(Cells.Format(value));
                break;
        }
    }

    /// <summary>Milliseconds as pandas writes them, or every tick (up to 7 digits) when a value is finer than a millisecond.</summary>
    private static string Fraction(long ticks) => ticks % TimeSpan.TicksPerMillisecond == 0 ? "fff" : "FFFFFFF";

    private static void WriteDouble(Utf8JsonWriter writer, double number)
    {
        if (double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
        }
        else if (double.IsNaN(number))
        {
            writer.WriteNullValue(); // a missing value, as pandas writes NaN
        }
        else
        {
            throw FileDatasetErrors.JsonInfinity(number);
        }
    }
}
