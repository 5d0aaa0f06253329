using System.Data;
using Apache.Arrow;
using Kedro.Datasets.Tables;
using Kedro.IO;
using Microsoft.Extensions.Logging;

namespace Kedro.Datasets.Sql.Internal;

/// <summary>What the SQL datasets share: reading a database file's existence, typed loads through the table converter, failures named after the dataset.</summary>
internal static class SqlTableIO
{
    private static readonly TableConverter Converter = new();

    /// <summary>Turns any table kind into one Arrow record batch.</summary>
    public static RecordBatch ToBatch(object data) =>
        data as RecordBatch ?? (RecordBatch)Converter.Convert(data, typeof(RecordBatch));

    /// <summary>The table kind the consumer asks for; a <see cref="DataTable"/> for <see cref="object"/> or a type that is no table.</summary>
    public static object As(RecordBatch batch, Type requestedType)
    {
        if (requestedType == typeof(RecordBatch))
        {
            return batch;
        }

        if (requestedType == typeof(object) || !Converter.CanConvert(typeof(RecordBatch), requestedType))
        {
            return Converter.Convert(batch, typeof(DataTable));
        }

        return Converter.Convert(batch, requestedType);
    }

    /// <summary>Runs a typed load with the dataset base class's logging and failure wording.</summary>
    public static object? Load(IDataset dataset, ILogger logger, Func<RecordBatch> read, Type requestedType) =>
        TypedLoads.Run(dataset, logger, requestedType, type => As(read(), type));

    /// <summary>
    /// For a database file (SQLite, DuckDB), whether it exists; a load of a missing file is refused here rather than
    /// letting the engine create an empty one.
    /// </summary>
    public static bool FileMissing(SqlConnectionInfo info) =>
        info.FilePath is { } path && !File.Exists(Path.GetFullPath(path));

    public static void EnsureFile(SqlConnectionInfo info)
    {
        if (FileMissing(info))
        {
            throw new SqlDatasetFailure($"{info.Engine.Name} database file '{Path.GetFullPath(info.FilePath!)}' does not exist. "
                + "Save a table to it first, or check the path in 'con' (a relative path resolves against the project folder in a project, against the current folder for a dataset created in code).");
        }
    }

    /// <summary>Creates the folder of a database file about to be written.</summary>
    public static void EnsureFolder(SqlConnectionInfo info)
    {
        if (info.FilePath is { } path && Path.GetDirectoryName(Path.GetFullPath(path)) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
    }
}
