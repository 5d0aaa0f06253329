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
