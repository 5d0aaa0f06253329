using System.Globalization;
using Kedro.IO;

namespace Kedro.Datasets.Internal;

/// <summary>Kedro.Datasets' messages, built in one place so they stay consistent.</summary>
internal static class DatasetMessages
{
    public static string FilePathMissing(string typeName) =>
        $"'{typeName}' needs a 'filepath': the file it loads and saves.";

    public static string NotAMapping(string typeName, string argName, object value) =>
        $"Argument '{argName}' of '{typeName}' must be a mapping of option names to values, not '{value}'.";

    public static string UnsupportedKey(string typeName, string argName, string key, string[] allowed) =>
        $"'{typeName}' does not support {argName} '{key}'. Supported {argName}: "
        + (allowed.Length == 0 ? "none" : string.Join(", ", allowed.Select(a => $"'{a}'")))
        + $". Remove '{key}' from the dataset's {argName}.";

    public static string BadValue(string typeName, string argName, string key, object? value, string expected) =>
        string.Create(CultureInfo.InvariantCulture, $"{argName} '{key}' of '{typeName}' must be {expected}, not '{value}'.");

    public static string RemoteNotSupported(string typeName, string filepath) =>
        $"'{typeName}' reads and writes local files only, but 'filepath' is '{filepath}'. "
        + "Use a local path (relative paths resolve against the project folder).";

    public static string BackendNotSupported(string backend) =>
        $"PickleDataset supports the 'pickle' backend only, not '{backend}'. Remove 'backend' or set it to 'pickle'.";

    public static DatasetException LoadFailed(object dataset, Exception inner) =>
        new($"Failed while loading data from dataset {dataset}.\n{inner.Message}", inner);

    public static DatasetException CannotLoadAs(object dataset, string path, Type requested, string reason) =>
        new($"Failed while loading data from dataset {dataset}.\n"
            + $"Cannot load '{path}' as '{TypeName(requested)}': {reason}");

    public static string TabularShapes(string format) =>
        $"a {format} loads as a 'System.Data.DataTable' (for 'object' too) or as a list of records: "
        + "List<T>, IReadOnlyList<T>, IList<T>, IEnumerable<T> or T[] of a class or record T, or of dictionaries.";

    public static string CannotSave(string format, object data) =>
        $"a {format} saves a 'System.Data.DataTable', or a list of records or dictionaries, not a '{TypeName(data.GetType())}'.";

    public static string TextOnly(Type requested) =>
        $"a text file loads as 'System.String', not '{TypeName(requested)}'.";

    public static string RowWidth(int row, int fields, int columns) =>
        string.Create(CultureInfo.InvariantCulture, $"row {row} has {fields} fields, but the header has {columns} columns.");

    public static string MissingColumns(Type recordType, IEnumerable<string> missing, IEnumerable<string> columns) =>
        $"'{TypeName(recordType)}' needs the column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}, which the file does not have "
        + $"(columns: {string.Join(", ", columns.Select(c => $"'{c}'"))}). Columns match properties ignoring case and underscores; "
        + "name another column with [Name(\"...\")], or make the property nullable or give it a default value (and not 'required').";

    public static string NoColumns(string path) =>
        $"No columns to parse from file '{path}': it is empty. Write the data with its header row, or point the dataset at another file.";

    public static string NoColumnsInSheet(string path, string sheet) =>
        $"No columns to parse from sheet '{sheet}' of file '{path}': the sheet is empty. "
        + "Write the data with its header row, or choose another sheet with load_args 'sheet_name'.";

    public static string Undecodable(string path, string encoding, ReadOnlySpan<byte> bytes, int line, long offset) =>
        string.Create(CultureInfo.InvariantCulture,
            $"'{path}' is not valid {encoding}: byte(s) {Convert.ToHexString(bytes)} at line {line}, byte offset {offset} cannot be decoded. ")
        + "Set load_args 'encoding' to the file's encoding (for example 'latin-1'), or set 'encoding_errors' to 'replace' or "
        + "'ignore' to load the file with those bytes replaced or dropped.";

    public static string BadCell(int row, string column, object? value, Type target, string? why) =>
        string.Create(CultureInfo.InvariantCulture, $"row {row}, column '{column}': cannot read '{value}' as '{TypeName(target)}'")
        + (why is null ? "." : $" ({why.TrimEnd('.')}).");

    public static string EmptyCell(int row, string column, Type target) =>
        string.Create(CultureInfo.InvariantCulture, $"row {row}, column '{column}' is empty, which '{TypeName(target)}' cannot hold. ")
        + $"Declare the property as nullable ('{TypeName(target)}?') to accept missing values.";

    public static string NotARecord(Type type) =>
        $"'{TypeName(type)}' is not a record or class with public properties, so rows cannot be bound to it.";

    public static string SheetNotFound(object sheet, IEnumerable<string> sheets) =>
        $"the workbook has no sheet {(sheet is string ? $"'{sheet}'" : sheet)} (sheets: {string.Join(", ", sheets.Select(s => $"'{s}'"))}).";

    public static string NotPickle(string path) =>
        $"'{path}' is not a Kedro.NET pickle file (it does not start with the 'KDNPKL' header). Save it with PickleDataset first.";

    public static string PickleVersion(int version) =>
        string.Create(CultureInfo.InvariantCulture, $"the pickle file has format version {version}, which this Kedro.NET cannot read.");

    public static string PickleBind(string savedType, Exception inner) =>
        $"the file holds a '{savedType}' saved as JSON, which does not fit the requested type: {inner.Message}";

    public static string Bind(Exception inner) => $"the data does not fit the requested type: {inner.Message}";

    /// <summary>A type's readable name: full name with generic arguments, <c>List&lt;T&gt;</c> style.</summary>
    public static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying) + "?";
        }

        if (!type.IsGenericType)
        {
            return type.FullName ?? type.Name;
        }

        var name = type.GetGenericTypeDefinition().FullName ?? type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return (tick >= 0 ? name[..tick] : name) + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">";
    }
}
