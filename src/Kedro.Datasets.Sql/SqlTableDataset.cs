using Apache.Arrow;
using Kedro.Datasets.Sql.Internal;
using Kedro.IO;

namespace Kedro.Datasets.Sql;

/// <summary>
/// A database table (Kedro's <c>pandas.SQLTableDataset</c>) on SQLite, PostgreSQL or DuckDB. Loads the table as the
/// table kind the consuming node asks for (a <see cref="System.Data.DataTable"/> when untyped, as the other tabular
/// datasets; a <see cref="Microsoft.Data.Analysis.DataFrame"/>, an Arrow <see cref="RecordBatch"/> or
/// <see cref="Apache.Arrow.Table"/>, or a list or array of records); saves any of those kinds. A save runs in one
/// transaction: with <c>if_exists: replace</c> the old table is dropped, the new one created and filled, and all of it
/// committed together, so a failed save leaves the old table and its rows as they were. Not versioned.
/// </summary>
public sealed class SqlTableDataset : AbstractDataset<object>, ITypedLoadDataset
{
    private const string TypeName = nameof(SqlTableDataset);
    private static readonly string[] LoadKeys = ["columns", "schema"];
    private static readonly string[] SaveKeys = ["if_exists", "schema", "index", "chunksize"];

    private readonly SqlConnectionInfo _connection;
    private readonly IReadOnlyList<string>? _columns;
    private readonly string? _loadSchema;
    private readonly string? _saveSchema;
    private readonly string _ifExists;

    /// <summary>Creates the dataset.</summary>
    /// <param name="tableName">The table's name (Kedro's <c>table_name</c>), used as it is (quoted, so case matters).</param>
    /// <param name="credentials">
    /// Kedro's <c>credentials</c>: <c>con</c>, the connection: <c>sqlite:///relative/path.db</c>, <c>sqlite:////absolute/path.db</c>,
    /// <c>postgresql://user:password@host:port/database</c> (also <c>postgresql+psycopg2://</c> and <c>postgres://</c>, with
    /// URL-encoded user and password and options such as <c>?sslmode=require</c>), <c>duckdb:///path.duckdb</c>, or an
    /// ADO.NET connection string; and optionally <c>engine</c> (<c>sqlite</c>, <c>postgresql</c> or <c>duckdb</c>) when the
    /// connection string does not make it evident.
    /// </param>
    /// <param name="loadArgs">
    /// Kedro's <c>load_args</c> (pandas' <c>read_sql_table</c> names): <c>columns</c>, the columns to load in that order;
    /// <c>schema</c>, the table's schema. Other pandas options are refused.
    /// </param>
    /// <param name="saveArgs">
    /// Kedro's <c>save_args</c> (pandas' <c>to_sql</c> names): <c>if_exists</c>, <c>fail</c> (the default, as pandas),
    /// <c>replace</c> or <c>append</c>; <c>schema</c>; <c>index</c> and <c>chunksize</c> are accepted and ignored (.NET
    /// tables have no index; rows go in one bulk insert). Other pandas options are refused.
    /// </param>
    /// <param name="metadata">Free-form information about the dataset; not used to load or save.</param>
    /// <exception cref="ArgumentException">The table name or the connection is missing, or an argument is unknown or invalid.</exception>
    public SqlTableDataset(string tableName, IReadOnlyDictionary<string, object?> credentials, IReadOnlyDictionary<string, object?>? loadArgs = null,
        IReadOnlyDictionary<string, object?>? saveArgs = null, IReadOnlyDictionary<string, object?>? metadata = null)
    {
        if (string.IsNullOrWhiteSpace(tableName))
        {
            throw SqlErrors.TableNameMissing();
        }

        DatasetArguments.EnsureKeys(loadArgs, TypeName, "load_args", LoadKeys);
        DatasetArguments.EnsureKeys(saveArgs, TypeName, "save_args", SaveKeys);
        _connection = SqlConnectionInfo.From(credentials, TypeName);
        TableName = tableName;
        LoadArgs = new Dictionary<string, object?>(loadArgs ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        var save = new Dictionary<string, object?>(StringComparer.Ordinal) { ["index"] = false };
        foreach (var (key, value) in saveArgs ?? new Dictionary<string, object?>())
        {
            save[key] = value;
        }

        SaveArgs = save;
        Metadata = metadata;
        _columns = Columns(LoadArgs);
        _loadSchema = DatasetArguments.String(LoadArgs, "schema");
        _saveSchema = DatasetArguments.String(SaveArgs, "schema");
        _ifExists = DatasetArguments.String(SaveArgs, "if_exists") ?? "fail";
        if (_ifExists is not ("fail" or "replace" or "append"))
        {
            throw SqlErrors.BadIfExists(_ifExists);
        }

        _ = DatasetArguments.Int(SaveArgs, "chunksize", TypeName, "save_args");
    }

    /// <summary>The table's name.</summary>
    public string TableName { get; }

    /// <summary>The load arguments in effect.</summary>
    public IReadOnlyDictionary<string, object?> LoadArgs { get; }

    /// <summary>The save arguments in effect (defaults merged with the given ones).</summary>
    public IReadOnlyDictionary<string, object?> SaveArgs { get; }

    /// <summary>Free-form information about the dataset (Kedro's <c>metadata</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Metadata { get; }

    /// <inheritdoc/>
    public object? Load(Type requestedType) => SqlTableIO.Load(this, Logger, () => Read(CancellationToken.None), requestedType);

    /// <inheritdoc/>
    public ValueTask<object?> LoadAsync(Type requestedType, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(SqlTableIO.Load(this, Logger, () => Read(cancellationToken), requestedType));
    }

    internal static SqlTableDataset Create(DatasetFactoryContext context)
    {
        context.EnsureOnlyArguments("table_name", "credentials", "load_args", "save_args", "metadata");
        if (context.Version is not null)
        {
            throw SqlErrors.Versioned(context.TypeName);
        }

        return new SqlTableDataset(context.Get<string>("table_name") ?? string.Empty,
            DatasetArguments.Mapping(context, "credentials") ?? new Dictionary<string, object?>(),
            DatasetArguments.Mapping(context, "load_args"), DatasetArguments.Mapping(context, "save_args"),
            DatasetArguments.Mapping(context, "metadata"));
    }

    /// <inheritdoc/>
    /// <remarks>A <see cref="System.Data.DataTable"/>, as for the other tabular datasets.</remarks>
    protected override object LoadCore() => SqlTableIO.As(Read(CancellationToken.None), typeof(object));

    /// <inheritdoc/>
    protected override void SaveCore(object data) => Write(SqlTableIO.ToBatch(data), CancellationToken.None);

    /// <inheritdoc/>
    protected override ValueTask SaveCoreAsync(object data, CancellationToken cancellationToken)
    {
        Write(SqlTableIO.ToBatch(data), cancellationToken);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    protected override bool ExistsCore()
    {
        if (SqlTableIO.FileMissing(_connection))
        {
            return false;
        }

        using var session = SqlSession.Open(_connection, CancellationToken.None);
        return _connection.Engine.TableColumns(session, _loadSchema, TableName) is not null;
    }

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?>
    {
        ["table_name"] = TableName,
        ["con"] = _connection.Display,
        ["load_args"] = LoadArgs,
        ["save_args"] = SaveArgs,
    };

    private RecordBatch Read(CancellationToken cancellationToken)
    {
        SqlTableIO.EnsureFile(_connection);
        var engine = _connection.Engine;
        using var session = SqlSession.Open(_connection, cancellationToken);
        var existing = engine.TableColumns(session, _loadSchema, TableName) ?? throw SqlErrors.NoTable(engine.Name, Shown(_loadSchema));
        if (_columns is not null && _columns.Where(c => !existing.Contains(c, StringComparer.Ordinal)).ToList() is { Count: > 0 } missing)
        {
            throw SqlErrors.NoSuchLoadColumns(engine.Name, Shown(_loadSchema), missing);
        }

        var select = _columns is null ? "*" : string.Join(", ", _columns.Select(engine.Quote));
        var sql = $"SELECT {select} FROM {engine.Qualified(_loadSchema, TableName)}";
        using var command = session.Command(sql);
        return session.Run(sql, () =>
        {
            using var reader = command.ExecuteReader();
            return SqlColumnReader.Read(reader, engine.Columns(session, reader), $"{engine.Name} table '{Shown(_loadSchema)}'", cancellationToken);
        });
    }

    private void Write(RecordBatch batch, CancellationToken cancellationToken)
    {
        var engine = _connection.Engine;
        var kinds = SqlColumns.KindsOf(batch, engine.Name);
        engine.CheckValues(batch, kinds);
        SqlTableIO.EnsureFolder(_connection);
        using var session = SqlSession.Open(_connection, cancellationToken);
        session.Begin();
        var existing = engine.TableColumns(session, _saveSchema, TableName);
        var qualified = engine.Qualified(_saveSchema, TableName);
        if (existing is not null)
        {
            switch (_ifExists)
            {
                case "fail":
                    throw SqlErrors.TableExists(TypeName, engine.Name, TableName, _saveSchema);
                case "replace":
                    session.Execute("DROP TABLE " + qualified);
                    existing = null;
                    break;
                default:
                    var missing = batch.Schema.FieldsList.Select(f => f.Name).Where(n => !existing.Contains(n, StringComparer.Ordinal)).ToList();
                    if (missing.Count > 0)
                    {
                        throw SqlErrors.MissingColumns(engine.Name, Shown(_saveSchema), missing, existing);
                    }

                    batch = SqlAppend.Fit(batch, kinds, engine.TableKinds(session, _saveSchema, TableName), engine.Name, Shown(_saveSchema));
                    break;
            }
        }

        if (existing is null)
        {
            session.Execute(engine.CreateTable(_saveSchema, TableName, batch, kinds));
            existing = batch.Schema.FieldsList.Select(f => f.Name).ToList();
        }

        engine.Insert(session, _saveSchema, TableName, batch, existing, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        session.Commit();
    }

    private string Shown(string? schema) => schema is null ? TableName : schema + "." + TableName;

    private static List<string>? Columns(IReadOnlyDictionary<string, object?> loadArgs)
    {
        if (!loadArgs.TryGetValue("columns", out var value) || value is null)
        {
            return null;
        }

        if (value is string || value is not System.Collections.IEnumerable items)
        {
            throw FileErrors.BadValue(TypeName, "load_args", "columns", value, "a list of column names");
        }

        var names = new List<string>();
        foreach (var item in items)
        {
            names.Add(item as string ?? throw FileErrors.BadValue(TypeName, "load_args", "columns", value, "a list of column names"));
        }

        return names;
    }
}
