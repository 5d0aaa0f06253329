using System.Collections;
using System.Data;
using System.Globalization;
using Kedro.Datasets.Internal;
using Kedro.IO;

namespace Kedro.Datasets;

/// <summary>
/// An Excel workbook, <c>.xlsx</c> (Kedro's <c>pandas.ExcelDataset</c>). A sheet loads like a <see cref="CsvDataset"/>
/// file: as a list of records of the type the consuming node asks for (columns match properties ignoring case and
/// underscores; empty cells are missing values), or as a <see cref="DataTable"/> for <see cref="object"/> and
/// <see cref="DataTable"/>. With <c>load_args: {sheet_name: null}</c> every sheet loads, as a dictionary of sheet name to
/// table. Saves a <see cref="DataTable"/> or a list of records or dictionaries to one sheet, or a dictionary of sheet
/// name to such data to several. Numbers and booleans are written as Excel numbers and booleans, dates as Excel dates
/// (<c>yyyy-mm-dd hh:mm:ss</c>, or <c>yyyy-mm-dd</c> at midnight), which load back as <see cref="DateTime"/>. Saves are atomic.
/// </summary>
public sealed class ExcelDataset : AbstractVersionedDataset<object>, ITypedLoadDataset
{
    private static readonly string[] LoadKeys = ["sheet_name", "header", "engine", "na_values", "keep_default_na", "usecols"];
    private static readonly string[] SaveKeys = ["sheet_name", "header", "index", "engine"];

    private readonly HashSet<string> _naValues;
    private readonly TypedFile _file;
    private readonly object? _sheet;
    private readonly bool _allSheets;
    private readonly int? _headerRow;
    private readonly string _saveSheet;
    private readonly SheetColumns? _useCols;
    private readonly bool _writeHeader;

    /// <summary>Creates the dataset.</summary>
    /// <param name="filepath">The workbook's path, used as given (a <c>file://</c> prefix is dropped; other protocols are refused).</param>
    /// <param name="loadArgs">
    /// Kedro's <c>load_args</c> (pandas' <c>read_excel</c> names): <c>sheet_name</c> (a sheet's name or 0-based index,
    /// default 0; <see langword="null"/> loads every sheet), <c>header</c> (the header's row number, default 0;
    /// <see langword="null"/> for none), <c>na_values</c>, <c>keep_default_na</c>, <c>usecols</c> (Excel column letters and
    /// ranges such as <c>"A:C,F"</c>, or a list of column names or 0-based positions; the columns keep the sheet's order);
    /// <c>engine</c> is accepted and ignored.
    /// </param>
    /// <param name="saveArgs">
    /// Kedro's <c>save_args</c>: <c>sheet_name</c> (default <c>Sheet1</c>), <c>header</c> (default <see langword="true"/>);
    /// <c>index</c> and <c>engine</c> are accepted and ignored.
    /// </param>
    /// <param name="version">The versions to load and save; <see langword="null"/> turns versioning off.</param>
    /// <param name="metadata">Free-form information about the dataset; not used to load or save.</param>
    /// <param name="timeProvider">The clock for save version timestamps; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The path is not local, or an argument is unknown or invalid.</exception>
    public ExcelDataset(string filepath, IReadOnlyDictionary<string, object?>? loadArgs = null, IReadOnlyDictionary<string, object?>? saveArgs = null,
        DatasetVersion? version = null, IReadOnlyDictionary<string, object?>? metadata = null, TimeProvider? timeProvider = null)
        : base(DatasetArguments.LocalPath(filepath, nameof(ExcelDataset)), version, timeProvider)
    {
        DatasetArguments.EnsureKeys(loadArgs, nameof(ExcelDataset), "load_args", LoadKeys);
        DatasetArguments.EnsureKeys(saveArgs, nameof(ExcelDataset), "save_args", SaveKeys);
        var load = new Dictionary<string, object?>(StringComparer.Ordinal) { ["engine"] = "openpyxl" };
        foreach (var (key, value) in loadArgs ?? new Dictionary<string, object?>())
        {
            load[key] = value;
        }

        var save = new Dictionary<string, object?>(StringComparer.Ordinal) { ["index"] = false };
        foreach (var (key, value) in saveArgs ?? new Dictionary<string, object?>())
        {
            save[key] = value;
        }

        LoadArgs = load;
        SaveArgs = save;
        Metadata = metadata;
        _file = new TypedFile(this, GetLoadPath, GetSavePath, type =>
        {
            var (shape, dictionaryType) = Shape(type);
            return (stream, path) => Build(stream, shape, dictionaryType, type, path);
        }, data =>
        {
            var sheets = ToSheets(data);
            return stream => Workbooks.Write(stream, sheets, _writeHeader);
        });
        _naValues = NaValues.From(load, nameof(ExcelDataset));
        _allSheets = load.TryGetValue("sheet_name", out var sheet) && sheet is null;
        _sheet = sheet switch
        {
            null => 0,
            string name => name,
            int or long => DatasetArguments.Int(load, "sheet_name", nameof(ExcelDataset), "load_args"),
            _ => throw FileDatasetErrors.BadValue(nameof(ExcelDataset), "load_args", "sheet_name", sheet, "a sheet name, an index or null"),
        };
        _headerRow = !load.TryGetValue("header", out var header) ? 0
            : header is null or false ? null
            : DatasetArguments.Int(load, "header", nameof(ExcelDataset), "load_args") is { } row and >= 0 ? row
            : throw FileDatasetErrors.BadValue(nameof(ExcelDataset), "load_args", "header", header, "a row number or null");
        _saveSheet = DatasetArguments.String(save, "sheet_name") ?? "Sheet1";
        _useCols = SheetColumns.From(load.GetValueOrDefault("usecols"), nameof(ExcelDataset));
        _writeHeader = DatasetArguments.Bool(save, "header", true, nameof(ExcelDataset), "save_args");
    }

    /// <summary>The load arguments in effect (defaults merged with the given ones).</summary>
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

    internal static ExcelDataset Create(DatasetFactoryContext context)
    {
        context.EnsureOnlyArguments([.. DatasetArguments.Common, "load_args", "save_args"]);
        return new ExcelDataset(DatasetArguments.FilePath(context), DatasetArguments.Mapping(context, "load_args"),
            DatasetArguments.Mapping(context, "save_args"), context.Version, DatasetArguments.Mapping(context, "metadata"));
    }

    /// <inheritdoc/>
    /// <remarks>A <see cref="DataTable"/>, or a dictionary of them when every sheet is loaded.</remarks>
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

    private static Type? DictionaryValueType(Type type)
    {
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        var arguments = type.GetGenericArguments();
        return (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            && arguments[0] == typeof(string)
            ? arguments[1]
            : null;
    }

    // For every sheet: the shape of one sheet and the dictionary type to return (null when loading one sheet).
    private (TableShape Shape, Type? DictionaryType) Shape(Type type)
    {
        if (_allSheets)
        {
            var valueType = type == typeof(object) ? typeof(DataTable) : DictionaryValueType(type);
            if (valueType is not null && TableShape.Of(valueType) is { } sheetShape)
            {
                return (sheetShape, typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType));
            }

            throw FileDatasetErrors.CannotLoadAs(this, FilePath, type,
                "with 'sheet_name: null' every sheet loads, as a Dictionary<string, X> of sheet name to X, where "
                + FileDatasetErrors.TabularShapes("sheet"));
        }

        return (TableShape.Of(type) ?? throw FileDatasetErrors.CannotLoadAs(this, FilePath, type, FileDatasetErrors.TabularShapes("sheet")), null);
    }

    private object Build(Stream stream, TableShape shape, Type? dictionaryType, Type type, string path)
    {
        var sheets = Workbooks.Read(
            stream,
            (index, name) => _allSheets || (_sheet is string wanted ? wanted == name : _sheet is int position && position == index),
            _headerRow,
            _naValues,
            out var names);
        if (_useCols is not null)
        {
            for (var i = 0; i < sheets.Count; i++)
            {
                if (sheets[i].Table.Columns.Length > 0)
                {
                    sheets[i] = (sheets[i].Name, Rethrow(path, type, () => _useCols.Select(sheets[i].Table, sheets[i].Name, path)));
                }
            }
        }

        if (sheets.FirstOrDefault(sheet => sheet.Table.Columns.Length == 0) is { Name: { } empty })
        {
            throw FileDatasetErrors.NoColumnsInSheet(path, empty);
        }

        var firstRow = _headerRow is { } header ? header + 2 : 1;
        try
        {
            if (dictionaryType is null)
            {
                return sheets.Count == 0
                    ? throw FileDatasetErrors.CannotLoadAs(this, path, type, FileDatasetErrors.SheetNotFound(_sheet!, names))
                    : Internal.Tables.Build(sheets[0].Table, shape, firstRow);
            }

            var result = (IDictionary)Activator.CreateInstance(dictionaryType)!;
            foreach (var (name, table) in sheets)
            {
                result[name] = Internal.Tables.Build(table, shape, firstRow);
            }

            return result;
        }
        catch (InvalidDataException e)
        {
            throw FileDatasetErrors.CannotLoadAs(this, path, type, e.Message);
        }
    }

    private Table Rethrow(string path, Type type, Func<Table> select)
    {
        try
        {
            return select();
        }
        catch (InvalidDataException e)
        {
            throw FileDatasetErrors.CannotLoadAs(this, path, type, e.Message);
        }
    }

    private List<(string Name, Table Table)> ToSheets(object data)
    {
        if (data is IDictionary dictionary and not DataTable)
        {
            var sheets = new List<(string, Table)>();
            foreach (DictionaryEntry entry in dictionary)
            {
                var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                var table = entry.Value is null ? null : Internal.Tables.FromData(entry.Value);
                sheets.Add((name, table ?? throw FileDatasetErrors.CannotSave("sheet", entry.Value ?? "null")));
            }

            return sheets;
        }

        return [(_saveSheet, Internal.Tables.FromData(data) ?? throw FileDatasetErrors.CannotSave("sheet", data))];
    }
}
