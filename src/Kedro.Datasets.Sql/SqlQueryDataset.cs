using Apache.Arrow;
using Kedro.Datasets.Sql.Internal;
using Kedro.IO;

namespace Kedro.Datasets.Sql;

/// <summary>
/// The result of a SQL query (Kedro's <c>pandas.SQLQueryDataset</c>) on SQLite, PostgreSQL or DuckDB, loaded as the table
/// kind the consuming node asks for (a <see cref="System.Data.DataTable"/> when untyped). The query is given as
/// <c>sql</c> or as a <c>.sql</c> file (<c>filepath</c>, read at each load). Parameters are written <c>:name</c>, as with
/// SQLAlchemy (or the provider's own <c>@name</c>, <c>$name</c> on DuckDB), and always bound, never spliced into the text.
/// Load only.
/// </summary>
public sealed class SqlQueryDataset : AbstractDataset<object>, ITypedLoadDataset
{
    private const string TypeName = nameof(SqlQueryDataset);
    private static readonly string[] LoadKeys = ["params"];

    private readonly SqlConnectionInfo _connection;
    private readonly Dictionary<string, object?> _parameters;

    /// <summary>Creates the dataset.</summary>
    /// <param name="sql">The query; give this or <paramref name="filepath"/>.</param>
    /// <param name="credentials">Kedro's <c>credentials</c>: <c>con</c> and optionally <c>engine</c>, as for <see cref="SqlTableDataset"/>.</param>
    /// <param name="loadArgs">Kedro's <c>load_args</c>: <c>params</c>, a mapping of the query's parameters to their values.</param>
    /// <param name="filepath">A local <c>.sql</c> file holding the query, read at each load; give this or <paramref name="sql"/>.</param>
    /// <param name="metadata">Free-form information about the dataset; not used to load.</param>
    /// <exception cref="ArgumentException">Neither or both of <paramref name="sql"/> and <paramref name="filepath"/> are given, the connection is missing, or an argument is unknown or invalid.</exception>
    public SqlQueryDataset(string? sql, IReadOnlyDictionary<string, object?> credentials, IReadOnlyDictionary<string, object?>? loadArgs = null,
        string? filepath = null, IReadOnlyDictionary<string, object?>? metadata = null)
    {
        var hasSql = !string.IsNullOrWhiteSpace(sql);
        var hasFile = !string.IsNullOrWhiteSpace(filepath);
        if (!hasSql && !hasFile)
        {
            throw SqlErrors.SqlMissing();
        }

        if (hasSql && hasFile)
        {
            throw SqlErrors.SqlAndFilePath();
        }

        DatasetArguments.EnsureKeys(loadArgs, TypeName, "load_args", LoadKeys);
        _connection = SqlConnectionInfo.From(credentials, TypeName);
        Sql = hasSql ? sql : null;
        FilePath = hasFile ? DatasetArguments.LocalPath(filepath!, TypeName) : null;
        LoadArgs = new Dictionary<string, object?>(loadArgs ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        _parameters = DatasetArguments.Mapping(LoadArgs.GetValueOrDefault("params"), TypeName, "load_args 'params'")
            ?? new Dictionary<string, object?>(StringComparer.Ordinal);
        Metadata = metadata;
    }

    /// <summary>The query, or <see langword="null"/> when it is read from <see cref="FilePath"/>.</summary>
    public string? Sql { get; }

    /// <summary>The <c>.sql</c> file holding the query, or <see langword="null"/>.</summary>
    public string? FilePath { get; }

    /// <summary>The load arguments as given.</summary>
    public IReadOnlyDictionary<string, object?> LoadArgs { get; }

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

    internal static SqlQueryDataset Create(DatasetFactoryContext context)
    {
        context.EnsureOnlyArguments("sql", "filepath", "credentials", "load_args", "metadata");
        if (context.Version is not null)
        {
            throw SqlErrors.Versioned(context.TypeName);
        }

        return new SqlQueryDataset(context.Get<string>("sql"), DatasetArguments.Mapping(context, "credentials") ?? new Dictionary<string, object?>(),
            DatasetArguments.Mapping(context, "load_args"), context.Get<string>("filepath"), DatasetArguments.Mapping(context, "metadata"));
    }

    /// <inheritdoc/>
    /// <remarks>A <see cref="System.Data.DataTable"/>, as for the other tabular datasets.</remarks>
    protected override object LoadCore() => SqlTableIO.As(Read(CancellationToken.None), typeof(object));

    /// <inheritdoc/>
    /// <exception cref="DatasetException">Always: the dataset only loads.</exception>
    protected override void SaveCore(object data) => throw new DatasetException($"'save' is not supported on {TypeName}");

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?>
    {
        ["sql"] = Sql,
        ["filepath"] = FilePath,
        ["con"] = _connection.Display,
        ["load_args"] = LoadArgs,
    };

    private RecordBatch Read(CancellationToken cancellationToken)
    {
        var text = Sql;
        if (text is null)
        {
            text = File.Exists(FilePath) ? File.ReadAllText(FilePath!) : throw SqlErrors.SqlFileMissing(Path.GetFullPath(FilePath!));
        }

        var engine = _connection.Engine;
        var (sql, names) = SqlQueryText.Rewrite(text, engine);
        foreach (var name in names)
        {
            if (!_parameters.ContainsKey(name))
            {
                throw SqlErrors.QueryParameterMissing(name);
            }
        }

        foreach (var name in _parameters.Keys)
        {
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                throw SqlErrors.QueryParameterUnused(name);
            }
        }

        SqlTableIO.EnsureFile(_connection);
        using var session = SqlSession.Open(_connection, cancellationToken);
        using var command = session.Command(sql, [.. names.Select(n => (n, _parameters[n]))]);
        return session.Run(sql, () =>
        {
            using var reader = command.ExecuteReader();
            return SqlColumnReader.Read(reader, engine.Columns(session, reader), "the query", cancellationToken);
        });
    }
}
