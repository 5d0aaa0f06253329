using System.Data;
using System.Globalization;
using Kedro.IO;

namespace Kedro.Datasets.Internal;

/// <summary>
/// Creates the exceptions of Kedro.Datasets' file datasets with their messages, and the reasons they give, in one place so
/// the wording stays consistent.
/// </summary>
internal static class FileDatasetErrors
{
    public static ArgumentException BadValue(string typeName, string argName, string key, object? value, string expected, Exception? inner = null) =>
        FileErrors.BadValue(typeName, argName, key, value, expected, inner);

    public static ArgumentException BackendNotSupported(string backend) =>
        new($"PickleDataset supports the 'pickle' backend only, not '{backend}'. Remove 'backend' or set it to 'pickle'.");

    public static DatasetException LoadFailed(object dataset, Exception inner) => new(DatasetFailureText.LoadFailed(dataset, inner.Message), inner);

    public static DatasetException CannotLoadAs(object dataset, string path, Type requested, string reason) =>
        new(DatasetFailureText.LoadFailed(dataset, $"Cannot load '{path}' as '{TypeNames.Of(requested)}': {reason}"));

    public static InvalidDataException RowWidth(int row, int fields, int columns) =>
        new(string.Create(CultureInfo.InvariantCulture, $"row {row} has {fields} fields, but the header has {columns} columns."));

    public static InvalidDataException ColumnsNotFound(string path, string argument, IEnumerable<string> missing, IEnumerable<string> columns) =>
        new($"load_args '{argument}' names {string.Join(", ", missing)}, which '{path}' does not have (columns: "
            + $"{string.Join(", ", columns.Select(c => $"'{c}'"))}). Correct '{argument}' to name columns of the file.");

    public static InvalidDataException NotOfDType(string path, string column, int line, string? value, string dtype) =>
        new(string.Create(CultureInfo.InvariantCulture, $"'{path}', column '{column}', line {line}: '{value}' is not a valid '{dtype}', ")
            + $"the type load_args 'dtype' declares for the column. Correct the value, or declare another type for '{column}' (for example 'str').");

    public static InvalidDataException NotADate(string path, string column, int line, string? value, string? format) =>
        new(string.Create(CultureInfo.InvariantCulture, $"'{path}', column '{column}', line {line}: '{value}' is not a date")
            + (format is null
                ? " (expected ISO 8601 such as '2024-01-31' or '2024-01-31 12:30:00'). Set load_args 'date_format' to the file's format (for example '%d/%m/%Y')"
                : $" in the format '{format}' (load_args 'date_format'). Correct the value or the format")
            + $", or leave '{column}' out of 'parse_dates'.");

    public static InvalidDataException MissingForDType(string path, string column, int line, string dtype) =>
        new(string.Create(CultureInfo.InvariantCulture, $"'{path}', column '{column}', line {line}: the value is missing, which '{dtype}' ")
            + (dtype == "bool"
                ? "cannot hold. Declare the column as 'boolean' to accept missing values."
                : "cannot hold (pandas: 'Integer column has NA values'). Declare the column as 'Int64' or 'float64' to accept missing values."));

    public static InvalidDataException MetricsNotADictionary(object data) =>
        new($"a MetricsDataset saves a dictionary of metric names to numbers, not a '{TypeNames.OfValue(data)}'.");

    public static InvalidDataException MetricNotNumeric(string key, object? value, string? why) =>
        new($"The MetricsDataset expects only numeric values. {key} is not a numeric value "
            + $"(it is {(value is null ? "null" : $"the '{TypeNames.OfValue(value)}' '{Cells.Format(value) ?? value}'")}{(why is null ? string.Empty : "; " + why)}). "
            + "Save a dictionary of metric names to numbers; keep other values in another dataset.");

    public static string MetricsShape(Type requested) =>
        $"a MetricsDataset loads as 'Dictionary<string, double>' (or 'IReadOnlyDictionary<string, double>', 'IDictionary<string, double>', 'object'), not '{TypeNames.Of(requested)}'.";

    public static string MetricsFile(string? key, string found) =>
        key is null
            ? $"the file holds a JSON {found}, not an object of metric names to numbers."
            : $"the value of '{key}' is '{found}', not a number; a metrics file maps names to numbers.";

    public static InvalidDataException JsonTableShape(string path, string orient, System.Text.Json.JsonValueKind found) =>
        new($"'{path}' holds a JSON {found}, but orient '{orient}' expects "
            + (orient == "records" ? "an array of row objects" : "an object of columns")
            + ". Set load_args 'orient' to the file's layout ('records' or 'columns'), or 'lines: true' for JSON Lines.");

    public static InvalidDataException JsonInfinity(double value) =>
        new(string.Create(CultureInfo.InvariantCulture, $"a JSON table cannot hold {value}: JSON has no infinity. Replace it (for example with null or a large number) before saving."));

    public static InvalidDataException SubMillisecondDate(string sheet, string column, int row, object value) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"sheet '{sheet}', column '{column}', row {row} holds {value:O}, finer than a millisecond, which an Excel date cannot hold (it would be rounded). ")
            + "Round the value to whole milliseconds before saving, or save it as text.");

    public static InvalidDataException SheetColumnsNotFound(string path, string sheet, string usecols, IEnumerable<string> missing, IEnumerable<string> columns) =>
        new($"load_args 'usecols' ({usecols}) names {string.Join(", ", missing)}, which sheet '{sheet}' of '{path}' does not have (columns: "
            + $"{string.Join(", ", columns.Select(c => $"'{c}'"))}). Correct 'usecols' to name columns of the sheet.");

    public static InvalidDataException NoColumns(string path) =>
        new($"No columns to parse from file '{path}': it is empty. Write the data with its header row, or point the dataset at another file.");

    public static InvalidDataException NoColumnsInSheet(string path, string sheet) =>
        new($"No columns to parse from sheet '{sheet}' of file '{path}': the sheet is empty. "
            + "Write the data with its header row, or choose another sheet with load_args 'sheet_name'.");

    public static InvalidDataException CannotSave(string format, object data) =>
        new($"a {format} saves a '{TypeNames.Of(typeof(DataTable))}', a 'DataFrame', an Arrow 'RecordBatch' or 'Table', or a list of records "
            + $"or dictionaries, not a '{TypeNames.OfValue(data)}'.");

    public static InvalidDataException Undecodable(string path, string encoding, ReadOnlySpan<byte> bytes, int line, long offset, Exception inner) =>
        new(string.Create(CultureInfo.InvariantCulture,
                $"'{path}' is not valid {encoding}: byte(s) {Convert.ToHexString(bytes)} at line {line}, byte offset {offset} cannot be decoded. ")
            + "Set load_args 'encoding' to the file's encoding (for example 'latin-1'), or set 'encoding_errors' to 'replace' or "
            + "'ignore' to load the file with those bytes replaced or dropped.", inner);

    public static InvalidDataException BadCell(int row, string column, object? value, Type target, string? why) =>
        new(string.Create(CultureInfo.InvariantCulture, $"row {row}, column '{column}': cannot read '{value}' as '{TypeNames.Of(target)}'")
            + (why is null ? "." : $" ({why.TrimEnd('.')})."));

    public static InvalidDataException EmptyCell(int row, string column, Type target) =>
        new(string.Create(CultureInfo.InvariantCulture, $"row {row}, column '{column}' is empty, which '{TypeNames.Of(target)}' cannot hold. ")
            + $"Declare the property as nullable ('{TypeNames.Of(target)}?') to accept missing values.");

    public static InvalidDataException MissingColumns(Type recordType, IEnumerable<string> missing, IEnumerable<string> columns) =>
        new($"'{TypeNames.Of(recordType)}' needs the column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}, which the file does not have "
            + $"(columns: {string.Join(", ", columns.Select(c => $"'{c}'"))}). Columns match properties ignoring case and underscores; "
            + "name another column with [Name(\"...\")], or make the property nullable or give it a default value (and not 'required').");

    public static InvalidDataException NotARecord(Type type) =>
        new($"'{TypeNames.Of(type)}' is not a record or class with public properties, so rows cannot be bound to it.");

    /// <summary>The reason a table file cannot load as the requested type: the shapes it can load as.</summary>
    public static string TabularShapes(string format) =>
        $"a {format} loads as a '{TypeNames.Of(typeof(DataTable))}' (for 'object' too), a 'DataFrame', an Arrow 'RecordBatch' or 'Table', "
        + "or a list of records: "
        + "List<T>, IReadOnlyList<T>, IList<T>, IEnumerable<T> or T[] of a class or record T, or of dictionaries.";

    public static string TextOnly(Type requested) =>
        $"a text file loads as '{TypeNames.Of(typeof(string))}', not '{TypeNames.Of(requested)}'.";

    public static string SheetNotFound(object sheet, IEnumerable<string> sheets) =>
        $"the workbook has no sheet {(sheet is string ? $"'{sheet}'" : sheet)} (sheets: {string.Join(", ", sheets.Select(s => $"'{s}'"))}).";

    public static string NotPickle(string path) =>
        $"'{path}' is not a Kedro.NET pickle file (it does not start with the 'KDNPKL' header). Save it with PickleDataset first.";

    public static string PickleVersion(int version) =>
        string.Create(CultureInfo.InvariantCulture, $"the pickle file has format version {version}, which this Kedro.NET cannot read.");

    public static string PickleBind(string savedType, Exception inner) =>
        $"the file holds a '{savedType}' saved as JSON, which does not fit the requested type: {inner.Message}";

    public static string Bind(Exception inner) => $"the data does not fit the requested type: {inner.Message}";
}
