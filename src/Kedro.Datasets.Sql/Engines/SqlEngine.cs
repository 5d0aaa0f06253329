using System.Data.Common;
using Apache.Arrow;
using Kedro.Datasets.Sql.Internal;

namespace Kedro.Datasets.Sql.Engines;

/// <summary>
/// What the SQL datasets need of a database engine: open a connection, quote names, look tables up, create a table for
/// Arrow columns, insert a record batch in bulk, describe a result's columns, and say what a provider's error means.
/// </summary>
internal abstract class SqlEngine
{
    /// <summary>The engine's key in configuration (<c>engine: sqlite</c>).</summary>
    public abstract string Key { get; }

    /// <summary>The engine's name in messages.</summary>
    public abstract string Name { get; }

    /// <summary>The engine named <paramref name="key"/> in configuration, or <see langword="null"/>.</summary>
    public static SqlEngine? Named(string key) => key.ToLowerInvariant() switch
    {
        "sqlite" => SqliteEngine.Instance,
        "postgresql" or "postgres" => PostgresEngine.Instance,
        "duckdb" => DuckDbEngine.Instance,
        _ => null,
    };

    /// <summary>The provider's connection string for a database file given in a URL.</summary>
    public abstract string FileConnectionString(string path);

    /// <summary>The provider's connection string for an ADO.NET connection string given as it is.</summary>
    public virtual string AdoConnectionString(string connectionString) => connectionString;

    /// <summary>Opens a connection.</summary>
    public abstract DbConnection Open(SqlConnectionInfo info, CancellationToken cancellationToken);

    /// <summary>Says what a failure to open a connection means (an unreachable server, a wrong password, a locked file).</summary>
    public abstract string DescribeOpenFailure(SqlConnectionInfo info, Exception exception);

    /// <summary>The schema a table lives in when none is given.</summary>
    public abstract string DefaultSchema { get; }

    /// <summary>A quoted identifier.</summary>
    public virtual string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A table's quoted name, with its schema when given.</summary>
    public string Qualified(string? schema, string table) => schema is null ? Quote(table) : Quote(schema) + "." + Quote(table);

    /// <summary>The columns of a table in their order, or <see langword="null"/> when there is no such table.</summary>
    public abstract IReadOnlyList<string>? TableColumns(SqlSession session, string? schema, string table);

    /// <summary>Opens <paramref name="connection"/>, disposing it when the open fails.</summary>
    protected static DbConnection OpenOrDispose(DbConnection connection)
    {
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs a catalog query whose first column is a column name; <see langword="null"/> when it returns no row.</summary>
    protected static IReadOnlyList<string>? ColumnNames(SqlSession session, string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        using var command = session.Command(sql, parameters);
        return session.Run(sql, () =>
        {
            var names = new List<string>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }

            return names.Count == 0 ? null : names;
        });
    }

    /// <summary>The columns of an existing table as a load would read them.</summary>
    public IReadOnlyList<SqlResultColumn> TableKinds(SqlSession session, string? schema, string table)
    {
        var sql = $"SELECT * FROM {Qualified(schema, table)} WHERE 1 = 0";
        using var command = session.Command(sql);
        return session.Run(sql, () =>
        {
            using var reader = command.ExecuteReader();
            return Columns(session, reader);
        });
    }

    /// <summary>The engine's column type for a column kind.</summary>
    public abstract string ColumnType(SqlColumnKind kind, Apache.Arrow.Types.IArrowType type);

    /// <summary>Inserts every row of <paramref name="batch"/> into an existing table, inside the session's transaction.</summary>
    /// <param name="session">The open session, in a transaction.</param>
    /// <param name="schema">The table's schema, or <see langword="null"/>.</param>
    /// <param name="table">The table.</param>
    /// <param name="batch">The rows.</param>
    /// <param name="tableColumns">The table's columns in order (the batch's columns are among them).</param>
    /// <param name="cancellationToken">Stops the insert.</param>
    public abstract void Insert(SqlSession session, string? schema, string table, RecordBatch batch, IReadOnlyList<string> tableColumns, CancellationToken cancellationToken);

    /// <summary>
    /// Refuses, before anything is written, a value of <paramref name="batch"/> the engine would not keep exactly (a
    /// failure names the column and the row).
    /// </summary>
    public virtual void CheckValues(RecordBatch batch, SqlColumnKind[] kinds)
    {
    }

    /// <summary>Describes the columns of a result read in <paramref name="session"/>.</summary>
    public abstract IReadOnlyList<SqlResultColumn> Columns(SqlSession session, DbDataReader reader);

    /// <summary>The placeholder of the query parameter <paramref name="name"/> in this engine's SQL.</summary>
    public abstract string Placeholder(string name);

    /// <summary>The provider's parameter name for <paramref name="name"/>.</summary>
    public virtual string ParameterName(string name) => name;

    /// <summary>
    /// A query parameter's value as the provider binds it. An instant (a <see cref="DateTimeOffset"/> in any offset, a
    /// local or UTC <see cref="DateTime"/>) is bound as a UTC <see cref="DateTime"/>, as TIMESTAMPTZ values are saved; a
    /// <see cref="DateTime"/> of unspecified kind stays a timestamp without a zone.
    /// </summary>
    public virtual object ParameterValue(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset time => time.UtcDateTime,
        DateTime { Kind: DateTimeKind.Local } time => time.ToUniversalTime(),
        _ => value,
    };

    /// <summary>The CREATE TABLE statement for <paramref name="batch"/>'s columns.</summary>
    public string CreateTable(string? schema, string table, RecordBatch batch, SqlColumnKind[] kinds)
    {
        var columns = new List<string>(batch.ColumnCount);
        for (var c = 0; c < batch.ColumnCount; c++)
        {
            var field = batch.Schema.GetFieldByIndex(c);
            columns.Add(Quote(field.Name) + " " + ColumnType(kinds[c], field.DataType));
        }

        return $"CREATE TABLE {Qualified(schema, table)} ({string.Join(", ", columns)})";
    }
}
