using Kedro.Testing.Postgres;
using static Kedro.Datasets.Sql.Tests.Support.Config;

namespace Kedro.Datasets.Sql.Tests.Support;

/// <summary>A fresh, empty database of one engine for one test: a file in a temporary folder (SQLite, DuckDB) or a fresh PostgreSQL database.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly TempFolder _folder = new("kedro-sql-tests");

    public TestDatabase(string engine)
    {
        Engine = engine;
        Con = engine switch
        {
            "sqlite" => "sqlite:///" + _folder.PathOf("test.db"),
            "duckdb" => "duckdb:///" + _folder.PathOf("test.duckdb"),
            "postgresql" => PostgresServer.Shared.CreateDatabase(),
            _ => throw new ArgumentException("Unknown engine " + engine, nameof(engine)),
        };
    }

    /// <summary>The engines every shared behaviour runs on.</summary>
    public static TheoryData<string> Engines => ["sqlite", "duckdb", "postgresql"];

    public string Engine { get; }

    /// <summary>The connection URL (<c>con</c>).</summary>
    public string Con { get; }

    public TempFolder Folder => _folder;

    public Dictionary<string, object?> Credentials => Map(("con", Con));

    public SqlTableDataset Table(string name, IReadOnlyDictionary<string, object?>? loadArgs = null, IReadOnlyDictionary<string, object?>? saveArgs = null) =>
        new(name, Credentials, loadArgs, saveArgs);

    public SqlQueryDataset Query(string sql, IReadOnlyDictionary<string, object?>? parameters = null) =>
        new(sql, Credentials, parameters is null ? null : Map(("params", parameters)));

    public void Dispose() => _folder.Dispose();
}
