using System.Globalization;
using System.Net.Sockets;

namespace Kedro.Datasets.Sql.Internal;

/// <summary>A failure of a SQL load or save whose message is already complete (the dataset's name is added by the dataset base class).</summary>
internal sealed class SqlDatasetFailure(string message, Exception? inner = null) : InvalidOperationException(message, inner);

/// <summary>The SQL datasets' exceptions with their messages, in one place.</summary>
internal static class SqlErrors
{
    public const string UrlForms = "Kedro.NET accepts a URL (sqlite:///path.db, postgresql://user:password@host:port/database, duckdb:///path.duckdb) "
        + "or an ADO.NET connection string (with 'engine' in the credentials when the engine is not evident).";

    public static ArgumentException TableNameMissing() => new("'table_name' argument cannot be empty.");

    public static ArgumentException ConMissing() =>
        new("'con' argument cannot be empty. Please provide a connection string in the credentials' 'con': " + UrlForms);

    public static ArgumentException SqlMissing() =>
        new("'sql' and 'filepath' arguments cannot both be empty. Please provide a sql query or path to a sql query file.");

    public static ArgumentException SqlAndFilePath() =>
        new("'sql' and 'filepath' arguments cannot both be provided. Please only provide one.");

    public static ArgumentException UnknownCredential(string typeName, string key) =>
        new($"'{typeName}' does not take the credential '{key}': its credentials hold 'con' (the connection) and optionally 'engine' "
            + "('sqlite', 'postgresql' or 'duckdb'). Remove '{key}', or put it in the connection string.");

    public static ArgumentException UnknownEngine(string typeName, string engine) =>
        new($"'{typeName}' has credentials with engine '{engine}', which is not one of 'sqlite', 'postgresql', 'duckdb'.");

    public static ArgumentException EngineConflict(string typeName, string engine, string scheme) =>
        new($"'{typeName}' has credentials with engine '{engine}' but a '{scheme}://' connection URL. Remove 'engine' or make them agree.");

    public static ArgumentException UnknownScheme(string typeName, string scheme) =>
        new($"'{typeName}' cannot connect to a '{scheme}://' database. " + UrlForms);

    public static ArgumentException EngineUnknown(string typeName) =>
        new($"'{typeName}' cannot tell the database engine from the connection string. Add 'engine' to the credentials: "
            + "'sqlite', 'postgresql' or 'duckdb'.");

    public static ArgumentException BadConnectionString(string typeName) =>
        new($"'{typeName}' has a 'con' that is neither a URL nor a valid ADO.NET connection string (key=value pairs separated by ';'). " + UrlForms);

    public static ArgumentException InMemory(string typeName, string con) =>
        new($"'{typeName}' cannot use the in-memory database '{con}': each load and save opens its own connection, which would see "
            + "an empty database. Give a database file instead, for example sqlite:///data/01_raw/shuttles.db.");

    public static ArgumentException FileUrlForm(string typeName, string url, string dialect) =>
        new($"'{typeName}' has the connection URL '{url}', which names no database file. Write {dialect}:///relative/path "
            + $"(relative to the project folder in a project, to the current folder for a dataset created in code) or {dialect}:////absolute/path.");

    public static ArgumentException FileUrlOptions(string typeName, string url) =>
        new($"'{typeName}' has the connection URL '{url}' with query options, which file databases do not take here. Remove the '?...' part.");

    public static ArgumentException UrlOption(string typeName, string option, string supported) =>
        new($"'{typeName}' has the connection option '{option}', which Kedro.NET does not map to PostgreSQL. Supported options: {supported}.");

    public static ArgumentException BadUrl(string typeName, string display, string problem) =>
        new($"'{typeName}' has the connection URL '{display}', which {problem}. Write postgresql://user:password@host:port/database.");

    public static ArgumentException BadIfExists(object? value) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"'{value}' is not valid for if_exists: SqlTableDataset's save_args 'if_exists' is one of 'fail' (the default), 'replace', 'append'."));

    public static ArgumentException Versioned(string typeName) =>
        new($"'{typeName}' does not support versioning: a database table holds one version. Remove 'versioned: true' from the dataset's "
            + "configuration.");

    public static SqlDatasetFailure TableExists(string typeName, string engine, string table, string? schema) =>
        new($"Table '{table}' already exists. {typeName} saves to the {engine} table '{(schema is null ? table : schema + "." + table)}' "
            + "with if_exists 'fail' (the default), which refuses an existing table. Set save_args: {if_exists: replace} to rewrite it "
            + "or {if_exists: append} to add the rows.");

    public static SqlDatasetFailure NoTable(string engine, string table) =>
        new($"{engine} has no table '{table}'. Save the dataset first, or check 'table_name' and 'schema'.");

    public static SqlDatasetFailure MissingColumns(string engine, string table, IEnumerable<string> missing, IEnumerable<string> existing) =>
        new($"Cannot append to {engine} table '{table}': it has no column {string.Join(", ", missing.Select(m => $"'{m}'"))} "
            + $"(its columns: {string.Join(", ", existing.Select(m => $"'{m}'"))}). Nothing was appended; use if_exists 'replace' to "
            + "rewrite the table with the new columns.");

    public static SqlDatasetFailure NoSuchLoadColumns(string engine, string table, IEnumerable<string> missing) =>
        new($"{engine} table '{table}' has no column {string.Join(", ", missing.Select(m => $"'{m}'"))}, which load_args 'columns' names.");

    public static SqlDatasetFailure UnsupportedColumn(string column, string type, string? engine) =>
        new($"Column '{column}' holds Arrow type '{type}', which the SQL datasets cannot save"
            + (engine is null ? string.Empty : " to " + engine)
            + ". Supported: integers, floats, booleans, strings, decimals, dates, timestamps and binary.");

    public static SqlDatasetFailure DecimalTooLarge(string column, int row, Exception inner) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Column '{column}' row {row} holds a decimal that .NET's decimal cannot hold exactly."), inner);

    public static SqlDatasetFailure InexactSqliteDecimal(string column, int row, decimal value, int digits) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Column '{column}' row {row} holds the decimal {value}, which has {digits} significant digits: ")
            + string.Create(CultureInfo.InvariantCulture, $"SQLite keeps a DECIMAL column's values as 8-byte floating-point numbers, exact to {SqliteDecimalDigits} ")
            + "significant digits, and would round it. Nothing was saved. "
            + "Use PostgreSQL or DuckDB for exact decimals, or store the column as text (convert its values to strings).");

    /// <summary>The significant digits a SQLite DECIMAL column (NUMERIC affinity, a REAL value) keeps exactly.</summary>
    public const int SqliteDecimalDigits = 15;

    public static SqlDatasetFailure FinerThanMicroseconds(string column, int row) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"Column '{column}' row {row} holds a timestamp finer than a microsecond, which the database would round. Round it to microseconds first."));

    public static SqlDatasetFailure TimestampOutOfRange(string column, int row, Exception inner) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Column '{column}' row {row} holds a timestamp outside .NET's range (years 1 to 9999)."), inner);

    public static SqlDatasetFailure OutOfRange(string engine, string column, int row, object value, string sqlType) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"Column '{column}' row {row} holds {value}, which {engine}'s {sqlType} cannot hold. Nothing was saved."));

    public static SqlDatasetFailure ValueDoesNotFit(string source, string column, int row, object value, SqlColumnKind kind, string typeName) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"Cannot load column '{column}' of {source}: row {row} holds {Show(value)}, which does not fit the column's type {typeName} "
            + $"({kind}). Fix the value in the database or cast the column in a query."));

    public static SqlDatasetFailure DuplicateColumn(string source, string column) =>
        new($"The result of {source} has two columns named '{column}'. Give them distinct names (SELECT ... AS ...).");

    public static SqlDatasetFailure UnsupportedResultType(string engine, string column, string type) =>
        new($"Column '{column}' has {engine} type '{type}', which the SQL datasets do not load. Cast it in a query "
            + "(to text, a number, a date or a timestamp).");

    public static SqlDatasetFailure OpenFailed(SqlConnectionInfo info, Exception e) =>
        Failure(info, $"{info.Engine.Name} connection '{info.Display}' could not be opened", info.Engine.DescribeOpenFailure(info, e), e);

    public static SqlDatasetFailure StatementFailed(SqlConnectionInfo info, string statement, Exception e) =>
        Failure(info, $"{info.Engine.Name} failed on statement '{FirstLine(statement)}'", Message(e), e);

    public static SqlDatasetFailure DuckDbLocked(SqlConnectionInfo info, string path, TimeSpan waited, Exception e) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"DuckDB file '{path}' is held by another process (DuckDB lets one process open a file for writing); waited {waited.TotalSeconds:0.#} s. "
            + $"Close the other process, or give it its own database file. {info.Scrub(Message(e))}"), Reveals(info, e) ? null : e);

    public static SqlDatasetFailure QueryParameterMissing(string name) =>
        new($"The query uses the parameter ':{name}', which load_args 'params' does not give. Add '{name}' to 'params'.");

    public static SqlDatasetFailure QueryParameterUnused(string name) =>
        new($"load_args 'params' gives '{name}', which the query does not use (write ':{name}' where it goes). Remove it or use it.");

    public static SqlDatasetFailure SqlFileMissing(string path) =>
        new($"The SQL file '{path}' does not exist.");

    /// <summary>The first line of a statement, for messages.</summary>
    public static string FirstLine(string statement)
    {
        var trimmed = statement.TrimStart();
        var end = trimmed.IndexOfAny(['\r', '\n']);
        return end < 0 ? trimmed : trimmed[..end] + " ...";
    }

    /// <summary>A provider's message with its inner causes (a socket error, say).</summary>
    public static string Message(Exception e)
    {
        var text = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException or IOException or TimeoutException && !text.Contains(inner.Message, StringComparison.Ordinal))
            {
                text += " (" + inner.Message + ")";
            }
        }

        return text;
    }

    // A password too short to replace within a text (one letter would mangle every word) keeps the provider's message out.
    private static SqlDatasetFailure Failure(SqlConnectionInfo info, string what, string detail, Exception e) =>
        info.HasShortPassword
            ? new(what + ". The database's message is not shown because the connection's password is too short to hide within it "
                + "(under 4 characters); use a longer password to see it.")
            : new(info.Scrub(what + ": " + detail), Reveals(info, e) ? null : e);

    private static bool Reveals(SqlConnectionInfo info, Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (info.Reveals(x.Message))
            {
                return true;
            }
        }

        return false;
    }

    private static string Show(object value) => value switch
    {
        string text => $"'{text}' (text)",
        byte[] bytes => $"{bytes.Length} bytes",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture) + $" ({value.GetType().Name})",
        _ => value.ToString() ?? string.Empty,
    };
}
