using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Kedro.Datasets.Internal;
using Kedro.IO;
using Sylvan.Data.Csv;

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
    private static readonly string[] LoadKeys =
    [
        "sep", "delimiter", "header", "encoding", "encoding_errors", "quotechar", "na_values", "keep_default_na",
        "dtype", "usecols", "parse_dates", "date_format", "skiprows", "nrows",
    ];
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
    /// <c>quotechar</c>, <c>na_values</c> and <c>keep_default_na</c>; <c>dtype</c> (a column name to pandas type name
    /// mapping, or one name for every column: <c>int</c>/<c>int64</c>, <c>Int64</c> (missing values allowed),
    /// <c>float</c>/<c>float64</c>, <c>str</c>/<c>string</c>/<c>object</c>/<c>category</c>, <c>bool</c>,
    /// <c>boolean</c> (missing values allowed), <c>datetime64[ns]</c>), <c>usecols</c> (column names or positions; the
    /// columns keep the file's order), <c>parse_dates</c> (column names or positions read as dates),
    /// <c>date_format</c> (a <c>strftime</c> format such as <c>%Y-%m-%d</c>), <c>skiprows</c> (a number of lines to skip at
    /// the start, or a list of 0-based line numbers) and <c>nrows</c> (the number of data rows to read).
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
            return (stream, path) => Build(Read(stream, path, shape), shape, type, path);
        }, data =>
        {
            var table = ToTable(data);
            return stream => Write(stream, table);
        });
        _naValues = NaValues.From(LoadArgs, nameof(CsvDataset));
        (ReadSeparator, ReadQuote) = Dialect(LoadArgs, "load_args");
        WriteConfig = Config(SaveArgs, "save_args");
        ReadEncodingName = DatasetArguments.String(LoadArgs, "encoding") ?? "utf-8";
        ReadEncoding = TextDecoding.Encoding(ReadEncodingName, DatasetArguments.String(LoadArgs, "encoding_errors"), nameof(CsvDataset), "load_args");
        WriteEncoding = TextDecoding.ForWriting(DatasetArguments.String(SaveArgs, "encoding"), nameof(CsvDataset), "save_args");
        HeaderRow = Header(LoadArgs);
        WriteHeader = DatasetArguments.Bool(SaveArgs, "header", true, nameof(CsvDataset), "save_args");
        NaRep = DatasetArguments.String(SaveArgs, "na_rep") ?? string.Empty;
        Selection = CsvSelection.From(LoadArgs, nameof(CsvDataset));
    }

    /// <summary>The load arguments in effect.</summary>
    public IReadOnlyDictionary<string, object?> LoadArgs { get; }

    /// <summary>The save arguments in effect (defaults merged with the given ones).</summary>
    public IReadOnlyDictionary<string, object?> SaveArgs { get; }

    /// <summary>Free-form information about the dataset (Kedro's <c>metadata</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Metadata { get; }

    private char ReadSeparator { get; }

    private char ReadQuote { get; }

    private CsvSelection Selection { get; }

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

    /// <summary>
    /// The separator (<c>sep</c> or <c>delimiter</c>) and quote (<c>quotechar</c>) of <c>load_args</c> or <c>save_args</c>,
    /// checked by one rule for both so the dataset never writes a file it cannot read back: one character each.
    /// </summary>
    private static (char Separator, char Quote) Dialect(IReadOnlyDictionary<string, object?> args, string argName)
    {
        var separator = DatasetArguments.String(args, "sep") ?? DatasetArguments.String(args, "delimiter") ?? ",";
        if (separator.Length != 1)
        {
            throw FileDatasetErrors.BadValue(nameof(CsvDataset), argName, args.ContainsKey("sep") ? "sep" : "delimiter", separator,
                "one character (pandas reads longer separators as regular expressions, which Kedro.NET does not)");
        }

        var quote = DatasetArguments.String(args, "quotechar") ?? "\"";
        if (quote.Length != 1)
        {
            throw FileDatasetErrors.BadValue(nameof(CsvDataset), argName, "quotechar", quote, "one character");
        }

        if (quote[0] == separator[0])
        {
            throw FileDatasetErrors.BadValue(nameof(CsvDataset), argName, "quotechar", quote, "a character other than the separator");
        }

        return (separator[0], quote[0]);
    }

    private static CsvConfiguration Config(IReadOnlyDictionary<string, object?> args, string argName)
    {
        var (separator, quote) = Dialect(args, argName);
        return new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = separator.ToString(),
            Quote = quote,
            HasHeaderRecord = false,
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            NewLine = DatasetArguments.String(args, "lineterminator") ?? "\n",
        };
    }

    private TableShape Shape(Type type) =>
        TableShape.Of(type) ?? throw FileDatasetErrors.CannotLoadAs(this, FilePath, type, FileDatasetErrors.TabularShapes("CSV file"));

    private object Build(TextTable table, TableShape shape, Type type, string path)
    {
        try
        {
            return shape.Kind switch
            {
                TableShapeKind.DataTable => TypedColumns.ToDataTable(table.TypeAll()),
                TableShapeKind.DataFrame or TableShapeKind.RecordBatch or TableShapeKind.ArrowTable => TypedColumns.ToArrow(table.TypeAll(), shape),
                _ => Internal.Tables.Build(table.ToCells(), shape, table.Lines.Length > 0 ? table.Lines[0] : 1),
            };
        }
        catch (InvalidDataException e)
        {
            throw FileDatasetErrors.CannotLoadAs(this, path, type, e.Message);
        }
    }

    // Columns are parsed while reading unless records are built (they bind the raw text); a column that meets text after
    // numbers is read again, as text, in a second pass over the file.
    private TextTable Read(Stream stream, string path, TableShape shape)
    {
        var infer = shape.Kind is not (TableShapeKind.List or TableShapeKind.Array);
        var start = stream.Position;
        var table = Read(stream, path, infer, new HashSet<int>());
        if (table.NeedText.Count == 0)
        {
            return table.Table;
        }

        stream.Position = start;
        return Read(stream, path, infer, table.NeedText).Table;
    }

    private (TextTable Table, HashSet<int> NeedText) Read(Stream stream, string path, bool infer, IReadOnlySet<int> asText)
    {
        using var text = TextDecoding.OpenReader(stream, ReadEncoding, ReadEncodingName, path);
        var options = new CsvDataReaderOptions
        {
            HasHeaders = false,
            Delimiter = ReadSeparator,
            Quote = ReadQuote,
            Escape = ReadQuote,
            Comment = '\0',
            OwnsReader = false,
            BufferSize = 1 << 16,
            MaxBufferSize = 1 << 28,
        };
        using var reader = Sylvan.Data.Csv.CsvDataReader.Create(text, options);
        var na = new NaMatcher(_naValues);
        string[]? header = null;
        int[] selected = [];
        TextColumn[] columns = [];
        var lines = new List<int>();
        var record = 0;
        var kept = 0;
        var maxRows = Selection.NRows ?? int.MaxValue;
        while (reader.Read())
        {
            var line = ++record;
            if (Selection.Skips(line - 1))
            {
                continue;
            }

            var fields = reader.RowFieldCount;
            if (fields == 0 || (fields == 1 && reader.GetFieldSpan(0).Length == 0))
            {
                continue; // a blank line, as pandas skips
            }

            if (header is null)
            {
                if (HeaderRow is { } headerRow)
                {
                    if (kept++ < headerRow)
                    {
                        continue;
                    }

                    header = Mangle([.. Enumerable.Range(0, fields).Select(i => reader.GetString(i))]);
                    (selected, columns) = Selection.Resolve(header, path, stream.CanSeek ? stream.Length : 0, infer, asText);
                    continue;
                }

                header = [.. Enumerable.Range(0, fields).Select(i => i.ToString(CultureInfo.InvariantCulture))];
                (selected, columns) = Selection.Resolve(header, path, stream.CanSeek ? stream.Length : 0, infer, asText);
            }

            if (lines.Count >= maxRows)
            {
                break;
            }

            if (fields != header.Length)
            {
                throw FileDatasetErrors.RowWidth(line, fields, header.Length);
            }

            for (var c = 0; c < selected.Length; c++)
            {
                var span = reader.GetFieldSpan(selected[c]);
                columns[c].Add(span, na.IsMissing(span));
            }

            lines.Add(line);
        }

        if (header is null)
        {
            throw FileDatasetErrors.NoColumns(path);
        }

        var names = selected.Select(i => header[i]).ToArray();
        var needText = new HashSet<int>(selected.Where((_, c) => columns[c].NeedsText));
        return (new TextTable(path, names, columns, [.. lines], Selection.Declared(names, header, path), Selection.DateFormat, Selection.DateFormatText), needText);
    }

    /// <summary>Duplicate header names get <c>.1</c>, <c>.2</c>, ... as pandas' <c>mangle_dupe_cols</c>.</summary>
    private static string[] Mangle(string[] names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            var unique = names[i];
            for (var n = 1; !seen.Add(unique); n++)
            {
                unique = string.Create(CultureInfo.InvariantCulture, $"{names[i]}.{n}");
            }

            names[i] = unique;
        }

        return names;
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
