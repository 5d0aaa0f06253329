using System.Data;
using Kedro.Datasets.Sql.Tests.Support;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;
using Microsoft.Data.Analysis;
using static Kedro.Datasets.Sql.Tests.Support.Config;

namespace Kedro.Datasets.Sql.Tests;

/// <summary>The SQL datasets configured as in a Kedro catalog (catalog.yml and credentials.yml), and run in pipelines.</summary>
public sealed class SqlCatalogTests
{
    public static TheoryData<string> Engines => TestDatabase.Engines;

    private static DataCatalog Catalog(TestDatabase db) => DataCatalog.FromConfig(
        new Dictionary<string, object?>
        {
            ["shuttles"] = Map(("type", "pandas.SQLTableDataset"), ("table_name", "shuttles"), ("credentials", "db_credentials"),
                ("save_args", Map(("if_exists", "replace")))),
            ["big_shuttles"] = Map(("type", "pandas.SQLQueryDataset"), ("credentials", "db_credentials"),
                ("sql", "SELECT id, capacity FROM shuttles WHERE capacity >= :minimum ORDER BY id"),
                ("load_args", Map(("params", Map(("minimum", 5.0)))))),
            ["report"] = Map(("type", "kedro_datasets.pandas.SQLTableDataset"), ("table_name", "report"), ("credentials", "db_credentials")),
        },
        credentials: new Dictionary<string, object?> { ["db_credentials"] = Map(("con", db.Con)) },
        registry: new DatasetTypeRegistry().AddKedroSqlDatasets());

    [Theory]
    [MemberData(nameof(Engines))]
    public void FromConfig_WithCredentials_SavesAndLoadsThroughTheCatalog(string engine)
    {
        using var db = new TestDatabase(engine);
        var catalog = Catalog(db);

        catalog.Save("shuttles", Rows.Shuttles("a", "b", "c"));

        var big = (DataTable)catalog.Load("big_shuttles")!;
        Assert.Equal(["b", "c"], big.Rows.Cast<DataRow>().Select(r => (string)r["id"]));
        Assert.True(catalog.Exists("shuttles"));
        Assert.False(catalog.Exists("report"));
        Assert.IsType<SqlTableDataset>(catalog["report"]);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void SequentialRun_NodesTakingAndReturningTables_ReadAndWriteTheDatabase(string engine)
    {
        using var db = new TestDatabase(engine);
        var catalog = Catalog(db);
        var pipeline = new Pipeline(
        [
            Node.Create(static () => Rows.Shuttles("a", "b", "c", "d"), [], "shuttles", name: "make_shuttles"),
            // Taking "shuttles" orders this node after the one that saves the table its query reads.
            Node.Create(static (DataFrame all, DataFrame big) => new DataFrame(new Int64DataFrameColumn("n", [big.Rows.Count])), ["shuttles", "big_shuttles"], "report", name: "count_big"),
        ]);

        new SequentialRunner().Run(pipeline, catalog);

        Assert.Equal(3L, ((DataTable)catalog.Load("report")!).Rows[0]["n"]);
    }

    [Fact]
    public void FromConfig_Versioned_IsRefusedClearly()
    {
        var catalog = DataCatalog.FromConfig(
            new Dictionary<string, object?> { ["t"] = Map(("type", "pandas.SQLTableDataset"), ("table_name", "t"), ("versioned", true), ("credentials", Map(("con", "sqlite:///a.db")))) },
            registry: new DatasetTypeRegistry().AddKedroSqlDatasets());

        var error = Assert.ThrowsAny<Exception>(() => catalog["t"]);

        Assert.Contains("'Kedro.Datasets.Sql.SqlTableDataset' does not support versioning: a database table holds one version. Remove 'versioned: true'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_UsesOwnFullAndKedroNames()
    {
        var registry = new DatasetTypeRegistry().AddKedroSqlDatasets().AddKedroSqlDatasets();

        foreach (var name in new[] { "SqlTableDataset", "Kedro.Datasets.Sql.SqlTableDataset", "pandas.SQLTableDataset", "SqlQueryDataset", "Kedro.Datasets.Sql.SqlQueryDataset", "pandas.SQLQueryDataset" })
        {
            Assert.Contains(name, registry.TypeNames);
        }
    }

    [Fact]
    public void ThreadRun_DuckDbNodesLoadingAndSavingOneFileConcurrently_Succeed()
    {
        using var db = new TestDatabase("duckdb");
        db.Table("base").Save(Rows.Shuttles("a", "b"));
        var tables = Enumerable.Range(0, 6).ToDictionary(i => "t" + i, i => (object?)Map(("type", "pandas.SQLTableDataset"), ("table_name", "t" + i), ("credentials", "db")));
        tables["base"] = Map(("type", "pandas.SQLTableDataset"), ("table_name", "base"), ("credentials", "db"));
        tables["joined"] = Map(("type", "pandas.SQLQueryDataset"), ("credentials", "db"),
            ("sql", string.Join(" UNION ALL ", Enumerable.Range(0, 6).Select(i => $"SELECT * FROM t{i}"))));
        var catalog = DataCatalog.FromConfig(tables, new Dictionary<string, object?> { ["db"] = Map(("con", db.Con)) },
            registry: new DatasetTypeRegistry().AddKedroSqlDatasets());
        var nodes = Enumerable.Range(0, 6).Select(i => Node.Create(static (List<Shuttle> rows) => rows, "base", "t" + i, name: "copy" + i));

        new ThreadRunner(maxWorkers: 6).Run(new Pipeline(nodes), catalog);

        Assert.Equal(12, ((DataTable)catalog.Load("joined")!).Rows.Count);
    }

    [Fact]
    public void ParallelRun_WorkerProcessesReadAndWriteSqlite()
    {
        using var db = new TestDatabase("sqlite");
        var catalog = Catalog(db);
        var pipeline = new Pipeline(
        [
            Node.Create(static () => Rows.Shuttles("a", "b", "c", "d"), [], "shuttles", name: "make_shuttles"),
            Node.Create(static (DataFrame all, List<Dictionary<string, object?>> big) => new[] { new { N = (long)big.Count } }.ToList(), ["shuttles", "big_shuttles"], "report", name: "count_big"),
        ]);
        using var runner = new ParallelRunner(maxWorkers: 2);

        runner.Run(pipeline, catalog);

        Assert.Equal(3L, ((DataTable)catalog.Load("report")!).Rows[0]["n"]);
    }
}
