using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Kedro.Datasets.Internal;
using Kedro.IO;

namespace Kedro.Datasets;

/// <summary>
/// A CSV file (Kedro's <c>pandas.CSVDataset</c>). Loads as the type the consuming node asks for: a list of records
/// (<c>List&lt;T&gt;</c>, <c>IReadOnlyList&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c>, <c>T[]</c>) whose
/// properties match the columns ignoring case and underscores (<c>company_rating</c> fills <c>CompanyRating</c>; a
/// <see cref="CsvHelper.Configuration.Attributes.NameAttribute"/> names another column), a list of dictionaries, or,
/// for <see cref="object"/> and <see cref="System.Data.DataTable"/>, a <see cref="System.Data.DataTable"/> with column
/// types inferred as pandas infers them. Empty cells and pandas' missing markers (<c>NA</c>, <c>NaN</c>, ...) are missing
/// values: <see langword="null"/> for nullable properties. Numbers use the invariant culture. Saves a
/// <see cref="System.Data.DataTable"/> or a list of records (snake_case headers) or dictionaries. Saves are atomic.
/// </summary>
public sealed class CsvDataset : AbstractVersionedDataset<object>, ITypedLoadDataset
{
    private static readonly string[] LoadKeys = ["sep", "delimiter", "header", "encoding", "encoding_errors", "quotechar", "na_values", "keep_default_na"];
    private static readonly string[] SaveKeys = ["sep", "delimiter", "header", "encoding", "quotechar", "na_rep", "index", "lineterminator"];

    private readonly HashSet<string> _naValues;
    private readonly TypedFile _file;

    /// <summary>Creates the dataset.</summary>
    /// <param name="filepath">The file's path, used as given (a <c>file://</c> prefix is dropped; other protocols are refused).</param>
    /// <param name="loadArgs">
    /// Kedro's <c>load_args</c> (pandas' <c>read_csv</c> names): <c>sep</c> or <c>delimiter</c> (default <c>,</c>),
    /// <c>header</c> (the header's row number, default 0; <see langword="null"/> for none: columns are named 0, 1, ...),
    /// <c>encoding</c> (default utf-8), <c>encoding_errors</c> (<c>strict</c>, the default, refuses bytes the encoding cannot
    /// decode, naming the line and byte offset; <c>replace</c> reads them as U+FFFD; <c>ignore</c> drops them),
    /// <c>quotechar</c>, <c>na_values</c> and <c>keep_default_na</c>.
    /// </param>
    /// <param name="saveArgs">
    /// Kedro's <c>save_args</c> (pandas' <c>to_csv</c> names): <c>sep</c> or <c>delimiter</c>, <c>header</c> (default
    /// <see langword="true"/>), <c>encoding</c>, <c>quotechar</c>, <c>na_rep</c> (default empty), <c>lineterminator</c>
    /// (default <c>\n</c>); <c>index</c> is accepted and ignored (Kedro's default is <c>index: false</c>; .NET data has no index).
    /// </param>
    /// <param name="version">The versions to load and save; <see langword="null"/> turns versioning off.</param>
    /// <param name="metadata">Free-form information about the dataset; not used to load or save.</param>
    /// <param name="timeProvider">The clock for save version timestamps; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The path is not local, or an argument is unknown or invalid.</exception>
    public CsvDataset(string filepath, IReadOnlyDictionary<string, object?>? loadArgs = null, IReadOnlyDictionary<string, object?>? saveArgs = null,
        DatasetVersion? version = null, IReadOnlyDictionary<string, object?>? metadata = null, TimeProvider? timeProvider = null)
        : base(DatasetArguments.LocalPath(filepath, nameof(CsvDataset)), version, timeProvider)
    {
        DatasetArguments.EnsureKeys(loadArgs, nameof(CsvDataset), "load_args", LoadKeys);
        DatasetArguments.EnsureKeys(saveArgs, nameof(CsvDataset), "save_args", SaveKeys);
        LoadArgs = new Dictionary<string, object?>(loadArgs ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        var save = new Dictionary<string, object?>(StringComparer.Ordinal) { ["index"] = false };
        foreach (var (key, value) in saveArgs ?? new Dictionary<string, object?>())
        {
            save[key] = value;
        }

        SaveArgs = save;

        Metadata = metadata;
        _file = new TypedFile(this, GetLoadPath, GetSavePath, type =>
        {
            var shape = Shape(type);
            return (stream, path) => Build(Read(stream, path), shape, type, path);
        }, data =>
        {
            var table = ToTable(data);
            return stream => Write(stream, table);
        });
        _naValues = NaValues.From(LoadArgs, nameof(CsvDataset));
        ReadConfig = Config(LoadArgs, "load_args");
        WriteConfig = Config(SaveArgs, "save_args");
        ReadEncodingName = DatasetArguments.String(LoadArgs, "encoding") ?? "utf-8";
        ReadEncoding = TextDecoding.Encoding(ReadEncodingName, DatasetArguments.String(LoadArgs, "encoding_errors"), nameof(CsvDataset), "load_args");
        WriteEncoding = TextDecoding.ForWriting(DatasetArguments.String(SaveArgs, "encoding"), nameof(CsvDataset), "save_args");
        HeaderRow = Header(LoadArgs);
        WriteHeader = DatasetArguments.Bool(SaveArgs, "header", true, nameof(CsvDataset), "save_args");
        NaRep = DatasetArguments.String(SaveArgs, "na_rep") ?? string.Empty;
    }

    /// <summary>The load arguments in effect.</summary>
    public IReadOnlyDictionary<string, object?> LoadArgs { get; }

    /// <summary>The save arguments in effect (defaults merged with the given ones).</summary>
    public IReadOnlyDictionary<string, object?> SaveArgs { get; }

    /// <summary>Free-form information about the dataset (Kedro's <c>metadata</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Metadata { get; }

    private CsvConfiguration ReadConfig { get; }

    private CsvConfiguration WriteConfig { get; }

    private Encoding ReadEncoding { get; }

    private string ReadEncodingName { get; }

    private Encoding WriteEncoding { get; }

    private int? HeaderRow { get; }

    private bool WriteHeader { get; }

    private string NaRep { get; }

    /// <inheritdoc/>
    public object? Load(Type requestedType) => _file.Load(requestedType);

    /// <inheritdoc/>
    public ValueTask<object?> LoadAsync(Type requestedType, CancellationToken cancellationToken = default) =>
        _file.LoadAsync(requestedType, cancellationToken);

    internal static CsvDataset Create(DatasetFactoryContext context)
    {
        context.EnsureOnlyArguments([.. DatasetArguments.Common, "load_args", "save_args"]);
        return new CsvDataset(DatasetArguments.FilePath(context), DatasetArguments.Mapping(context, "load_args"),
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

    private static int? Header(IReadOnlyDictionary<string, object?> loadArgs)
    {
        if (!loadArgs.TryGetValue("header", out var header))
        {
            return 0;
        }

        return header switch
        {
            null or false => null,
            "infer" => 0,
            _ => DatasetArguments.Int(loadArgs, "header", nameof(CsvDataset), "load_args") is { } row and >= 0
                ? row
                : throw FileDatasetErrors.BadValue(nameof(CsvDataset), "load_args", "header", header, "a row number or null"),
        };
    }

    private static CsvConfiguration Config(IReadOnlyDictionary<string, object?> args, string argName)
    {
        var separator = DatasetArguments.String(args, "sep") ?? DatasetArguments.String(args, "delimiter") ?? ",";
        var quote = DatasetArguments.String(args, "quotechar") ?? "\"";
        if (separator.Length == 0 || quote.Length != 1)
        {
            throw FileDatasetErrors.BadValue(nameof(CsvDataset), argName, separator.Length == 0 ? "sep" : "quotechar",
                separator.Length == 0 ? separator : quote, "a non-empty separator and a one-character quote");
        }

        return new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = separator,
            Quote = quote[0],
            HasHeaderRecord = false,
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            NewLine = DatasetArguments.String(args, "lineterminator") ?? "\n",
        };
    }

    private TableShape Shape(Type type) =>
        TableShape.Of(type) ?? throw FileDatasetErrors.CannotLoadAs(this, FilePath, type, FileDatasetErrors.TabularShapes("CSV file"));

    private object Build(Table table, TableShape shape, Type type, string path)
    {
        try
        {
            return Internal.Tables.Build(table, shape, HeaderRow is { } header ? header + 2 : 1);
        }
        catch (InvalidDataException e)
        {
            throw FileDatasetErrors.CannotLoadAs(this, path, type, e.Message);
        }
    }

    private Table Read(Stream stream, string path)
    {
        using var reader = TextDecoding.OpenReader(stream, ReadEncoding, ReadEncodingName, path);
        using var parser = new CsvParser(reader, ReadConfig);
        string[]? columns = null;
        var rows = new List<object?[]>();
        var line = 0;
        while (parser.Read())
        {
            var record = parser.Record ?? [];
            if (HeaderRow is { } header && line < header)
            {
                line++;
                continue;
            }

            line++;
            if (columns is null)
            {
                columns = HeaderRow is null
                    ? [.. Enumerable.Range(0, record.Length).Select(i => i.ToString(CultureInfo.InvariantCulture))]
                    : record;
                if (HeaderRow is not null)
                {
                    continue;
                }
            }

            if (record.Length == 1 && record[0].Length == 0 && columns.Length > 1)
            {
                continue; // a blank line, as pandas skips
            }

            if (record.Length != columns.Length)
            {
                throw FileDatasetErrors.RowWidth(line, record.Length, columns.Length);
            }

            var row = new object?[record.Length];
            for (var i = 0; i < record.Length; i++)
            {
                row[i] = _naValues.Contains(record[i]) ? null : record[i];
            }

            rows.Add(row);
        }

        return new Table(columns ?? throw FileDatasetErrors.NoColumns(path), rows);
    }

    private static Table ToTable(object data) =>
        Internal.Tables.FromData(data) ?? throw FileDatasetErrors.CannotSave("CSV file", data);

    private void Write(Stream stream, Table table)
    {
        using var writer = new StreamWriter(stream, WriteEncoding, leaveOpen: true);
        using var csv = new CsvWriter(writer, WriteConfig, leaveOpen: true);
        if (WriteHeader)
        {
            foreach (var column in table.Columns)
            {
                csv.WriteField(column);
            }

            csv.NextRecord();
        }

        foreach (var row in table.Rows)
        {
            foreach (var value in row)
            {
                csv.WriteField(Cells.Format(value) ?? NaRep);
            }

            csv.NextRecord();
        }

        csv.Flush();
        writer.Flush();
    }
}
