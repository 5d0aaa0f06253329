using System.Globalization;

namespace Kedro.Datasets.Tables;

/// <summary>The messages of the Parquet and Feather datasets' files, in one place so the wording stays consistent.</summary>
internal static class ArrowFileErrors
{
    public static InvalidDataException NotParquet(string path, Exception inner) =>
        new($"'{path}' is not a Parquet file, or it is damaged ({inner.Message.TrimEnd('.')}). Save it again with ParquetDataset or pandas' to_parquet, "
            + "or point the dataset at a Parquet file.", inner);

    public static InvalidDataException NotFeather(string path, Exception inner) =>
        new($"'{path}' is not a Feather (Arrow IPC) file, or it is damaged ({inner.Message.TrimEnd('.')}). Save it again with FeatherDataset or "
            + "pandas' to_feather, or point the dataset at a Feather file.", inner);

    public static InvalidDataException MissingColumn(string path, string column, IEnumerable<string> found) =>
        new($"load_args 'columns' asks for column '{column}', which '{path}' does not have (columns: "
            + $"{string.Join(", ", found.Select(c => $"'{c}'"))}). Column names are matched exactly.");

    public static InvalidDataException Nested(string path, string column) =>
        new($"column '{column}' of '{path}' is a list, map or struct; Kedro.NET tables hold flat columns only. "
            + "Leave it out with load_args 'columns', or flatten it before saving.");

    public static InvalidDataException ParquetType(string path, string column, Type type) =>
        new($"column '{column}' of '{path}' holds Parquet values read as '{TypeNames.Of(type)}', which Kedro.NET tables do not hold. "
            + $"A column holds {ArrowColumns.ColumnTypes}; leave the column out with load_args 'columns'.");

    public static InvalidDataException EmptyFolder(string path) =>
        new($"the folder '{path}' holds no data files (files whose names start with '.' or '_' are skipped). Save the dataset first.");

    public static InvalidDataException SchemaMismatch(string file, string firstFile, string difference) =>
        new($"'{file}' does not have the columns of '{firstFile}' ({difference}); every file of a dataset folder must have the same column "
            + "names and types, in the same order. Move the odd file out of the folder, or save it with the others' columns.");

    public static InvalidDataException TextTooLarge(string path, string column, long bytes) =>
        new(string.Create(CultureInfo.InvariantCulture, $"column '{column}' of '{path}' holds {bytes:N0} bytes of text, more than one Arrow string column holds (2 GB); load fewer columns with load_args 'columns', or split the file into a folder of smaller files."));

    public static ArgumentException BadColumns(string typeName, object? value) =>
        new(string.Create(CultureInfo.InvariantCulture, $"load_args 'columns' of '{typeName}' must be a list of column names, not '{value}'."));
}
