using System.Collections;
using System.Globalization;

namespace Kedro.Datasets.Internal;

/// <summary>
/// Which lines, rows and columns a delimited-file load reads, and the types declared for columns: pandas' <c>skiprows</c>,
/// <c>nrows</c>, <c>usecols</c>, <c>dtype</c>, <c>parse_dates</c> and <c>date_format</c>, checked when the dataset is created.
/// </summary>
internal sealed class CsvSelection
{
    private const string Arg = "load_args";

    private readonly List<(object Column, ColumnDType Type)> _dtypes = [];
    private readonly List<object> _parseDates = [];
    private int _skipCount;
    private HashSet<int>? _skipLines;
    private List<object>? _useCols;
    private ColumnDType? _allColumns;

    /// <summary>The most data rows to read, or <see langword="null"/> for all.</summary>
    public int? NRows { get; private set; }

    /// <summary>The .NET date format of <c>date_format</c>.</summary>
    public string? DateFormat { get; private set; }

    /// <summary><c>date_format</c> as written.</summary>
    public string? DateFormatText { get; private set; }

    /// <summary>Reads the arguments from <paramref name="loadArgs"/>.</summary>
    /// <exception cref="ArgumentException">An argument has the wrong shape or an unknown type name.</exception>
    public static CsvSelection From(IReadOnlyDictionary<string, object?> loadArgs, string typeName)
    {
        var selection = new CsvSelection { NRows = DatasetArguments.Int(loadArgs, "nrows", typeName, Arg) };
        if (selection.NRows < 0)
        {
            throw FileDatasetErrors.BadValue(typeName, Arg, "nrows", selection.NRows, "a number of rows, 0 or more");
        }

        selection.DateFormatText = DatasetArguments.String(loadArgs, "date_format");
        if (selection.DateFormatText is { } format)
        {
            selection.DateFormat = StrftimeFormat.ToDotNet(format, out var unsupported)
                ?? throw FileDatasetErrors.BadValue(typeName, Arg, "date_format", format,
                    $"a strftime format Kedro.NET can translate ('{unsupported}' is not one of {StrftimeFormat.Supported})");
        }

        var skip = loadArgs.GetValueOrDefault("skiprows");
        switch (skip)
        {
            case null:
                break;
            case string or int or long:
                selection._skipCount = DatasetArguments.Int(loadArgs, "skiprows", typeName, Arg) is { } count and >= 0
                    ? count
                    : throw FileDatasetErrors.BadValue(typeName, Arg, "skiprows", skip, "a number of lines or a list of line numbers");
                break;
            case IEnumerable lines:
                selection._skipLines = [];
                foreach (var line in lines)
                {
                    selection._skipLines.Add(Position(line) ?? throw FileDatasetErrors.BadValue(typeName, Arg, "skiprows", line, "a 0-based line number"));
                }

                break;
            default:
                throw FileDatasetErrors.BadValue(typeName, Arg, "skiprows", skip, "a number of lines or a list of line numbers");
        }

        if (loadArgs.GetValueOrDefault("usecols") is { } useCols)
        {
            selection._useCols = Columns(useCols, "usecols", typeName);
        }

        if (loadArgs.GetValueOrDefault("parse_dates") is { } parseDates)
        {
            if (parseDates is bool)
            {
                throw FileDatasetErrors.BadValue(typeName, Arg, "parse_dates", parseDates, "a list of column names or positions (.NET data has no index to parse)");
            }

            selection._parseDates.AddRange(Columns(parseDates, "parse_dates", typeName));
        }

        switch (loadArgs.GetValueOrDefault("dtype"))
        {
            case null:
                break;
            case string one:
                selection._allColumns = DType(one, typeName, "dtype");
                break;
            case IDictionary map:
                foreach (DictionaryEntry entry in map)
                {
                    var name = Convert.ToString(entry.Value, CultureInfo.InvariantCulture) ?? string.Empty;
                    selection._dtypes.Add((ColumnKey(entry.Key), DType(name, typeName, $"dtype' of column '{entry.Key}")));
                }

                break;
            case var other:
                throw FileDatasetErrors.BadValue(typeName, Arg, "dtype", other, "a type name or a mapping of column names to type names");
        }

        return selection;
    }

    /// <summary>Whether a 0-based file line is skipped.</summary>
    public bool Skips(int line) => line < _skipCount || (_skipLines?.Contains(line) ?? false);

    /// <summary>The file positions of the columns to read, and a text column for each.</summary>
    /// <exception cref="InvalidDataException">A column of <c>usecols</c> is not in the file.</exception>
    /// <param name="header">The file's column names.</param>
    /// <param name="path">The file, for messages.</param>
    /// <param name="fileChars">The file's length, to size the columns.</param>
    /// <param name="infer">Whether columns without a declared type are parsed while reading.</param>
    /// <param name="asText">Positions to read as text even so (columns that met text after numbers on a first read).</param>
    public (int[] Positions, TextColumn[] Columns) Resolve(string[] header, string path, long fileChars, bool infer, IReadOnlySet<int> asText)
    {
        int[] positions;
        if (_useCols is null)
        {
            positions = [.. Enumerable.Range(0, header.Length)];
        }
        else
        {
            var set = new SortedSet<int>();
            var missing = new List<string>();
            foreach (var column in _useCols)
            {
                if (Find(column, header) is { } position)
                {
                    set.Add(position);
                }
                else
                {
                    missing.Add(Describe(column));
                }
            }

            if (missing.Count > 0)
            {
                throw FileDatasetErrors.ColumnsNotFound(path, "usecols", missing, header);
            }

            positions = [.. set];
        }

        // Sized from the file's length, so a large file's columns do not grow (and copy) a dozen times while reading.
        var perColumn = (int)Math.Min(int.MaxValue / 2, fileChars / Math.Max(1, header.Length));
        var rows = (int)Math.Min(int.MaxValue / 2, fileChars / Math.Max(2, header.Length * 4));
        if (NRows is { } limit)
        {
            rows = Math.Min(rows, limit + 1);
        }

        return (positions, [.. positions.Select(p => new TextColumn(perColumn + (perColumn / 8), rows, infer && !asText.Contains(p) && !IsDeclared(p, header)))]);
    }

    /// <summary>The declared types by index into <paramref name="names"/> (the columns read): <c>dtype</c>, then <c>parse_dates</c>.</summary>
    /// <exception cref="InvalidDataException">A column named by <c>dtype</c> or <c>parse_dates</c> is not in the file.</exception>
    public IReadOnlyDictionary<int, ColumnDType> Declared(string[] names, string[] header, string path)
    {
        var declared = new Dictionary<int, ColumnDType>();
        if (_allColumns is not null)
        {
            for (var i = 0; i < names.Length; i++)
            {
                declared[i] = _allColumns;
            }
        }

        var missing = new List<string>();
        foreach (var (column, type) in _dtypes)
        {
            if (Find(column, header) is not { } position)
            {
                missing.Add(Describe(column));
            }
            else if (Array.IndexOf(names, header[position]) is var index and >= 0)
            {
                declared[index] = type; // a column left out by usecols is not read
            }
        }

        if (missing.Count > 0)
        {
            throw FileDatasetErrors.ColumnsNotFound(path, "dtype", missing, header);
        }

        foreach (var column in _parseDates)
        {
            if (Find(column, header) is not { } position)
            {
                missing.Add(Describe(column));
            }
            else if (Array.IndexOf(names, header[position]) is var index and >= 0)
            {
                declared[index] = new ColumnDType("datetime64[ns]", ColumnKind.DateTime, true);
            }
        }

        if (missing.Count > 0)
        {
            throw FileDatasetErrors.ColumnsNotFound(path, "parse_dates", missing, header);
        }

        return declared;
    }

    private bool IsDeclared(int position, string[] header) =>
        _allColumns is not null
        || _dtypes.Any(d => Find(d.Column, header) == position)
        || _parseDates.Any(d => Find(d, header) == position);

    private static ColumnDType DType(string name, string typeName, string key) =>
        ColumnDType.Parse(name) ?? throw FileDatasetErrors.BadValue(typeName, Arg, key, name, $"one of {ColumnDType.Supported}");

    private static List<object> Columns(object value, string key, string typeName)
    {
        var result = new List<object>();
        IEnumerable items = value is string or int or long ? new[] { value } : value as IEnumerable
            ?? throw FileDatasetErrors.BadValue(typeName, Arg, key, value, "a list of column names or positions");
        foreach (var item in items)
        {
            result.Add(item is null ? throw FileDatasetErrors.BadValue(typeName, Arg, key, "null", "a list of column names or positions") : ColumnKey(item));
        }

        return result;
    }

    /// <summary>A column given as a name (string) or a 0-based position (int).</summary>
    private static object ColumnKey(object key) => key switch
    {
        int or long => Position(key)!.Value,
        _ => Convert.ToString(key, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static int? Position(object? value) => value switch
    {
        int number and >= 0 => number,
        long number and >= 0 and <= int.MaxValue => (int)number,
        string text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static int? Find(object column, string[] header)
    {
        if (column is int position)
        {
            return position < header.Length ? position : null;
        }

        var index = Array.IndexOf(header, (string)column);
        return index >= 0 ? index : null;
    }

    private static string Describe(object column) => column is int position
        ? string.Create(CultureInfo.InvariantCulture, $"position {position}")
        : $"'{column}'";
}
