using System.Data;
using Kedro.Datasets.Sql.Tests.Support;
using Apache.Arrow.Types;
using Kedro.IO;
using static Kedro.Datasets.Sql.Tests.Support.Config;

namespace Kedro.Datasets.Sql.Tests;

/// <summary>SqlQueryDataset's behaviour, the same on every engine.</summary>
public sealed class SqlQueryDatasetTests
{
    public static TheoryData<string> Engines => TestDatabase.Engines;

    private static TestDatabase WithShuttles(string engine)
    {
        var db = new TestDatabase(engine);
        db.Table("shuttles").Save(Rows.Shuttles("a", "b", "c"));
        return db;
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Load_WithColonParameters_BindsThem(string engine)
    {
        using var db = WithShuttles(engine);
        var dataset = db.Query("SELECT id, capacity FROM shuttles WHERE capacity > :low AND id <> :skip ORDER BY id", Map(("low", 3.0), ("skip", "c")));

        var rows = (DataTable)dataset.Load()!;

        Assert.Equal(["b"], rows.Rows.Cast<DataRow>().Select(r => (string)r["id"]));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Load_ColonsInLiteralsIdentifiersAndComments_AreNotParameters(string engine)
    {
        using var db = WithShuttles(engine);
        var dataset = db.Query(
            """
            -- :not_a_parameter in a comment
            SELECT id AS "a:b", ':literal' AS text, /* :neither */ capacity FROM shuttles WHERE id = :id
            """,
            Map(("id", "a")));

        var rows = (DataTable)dataset.Load()!;

        Assert.Equal(":literal", rows.Rows[0]["text"]);
        Assert.Equal("a", rows.Rows[0]["a:b"]);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Load_ParameterValue_IsBoundNotSpliced(string engine)
    {
        using var db = WithShuttles(engine);
        var dataset = db.Query("SELECT count(*) AS n FROM shuttles WHERE id = :id", Map(("id", "a' OR '1'='1")));

        Assert.Equal(0L, Convert.ToInt64(((DataTable)dataset.Load()!).Rows[0]["n"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Load_ParameterTheParamsLack_IsRefusedNamingIt(string engine)
    {
        using var db = WithShuttles(engine);
        var dataset = db.Query("SELECT * FROM shuttles WHERE id = :id", Map(("other", 1L)));

        var error = Assert.Throws<DatasetException>(() => dataset.Load());

        Assert.Contains("The query uses the parameter ':id', which load_args 'params' does not give.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Load_ParamNeverUsed_IsRefusedNamingIt(string engine)
    {
        using var db = WithShuttles(engine);
        var dataset = db.Query("SELECT * FROM shuttles WHERE id = :id", Map(("id", "a"), ("extra", 1L)));

        var error = Assert.Throws<DatasetException>(() => dataset.Load());

        Assert.Contains("load_args 'params' gives 'extra', which the query does not use", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Load_TypedAsRecords(string engine)
    {
        using var db = WithShuttles(engine);
        var dataset = db.Query("SELECT id, shuttle_type, capacity FROM shuttles ORDER BY id");

        Assert.Equal(Rows.Shuttles("a", "b", "c"), (List<Shuttle>)dataset.Load(typeof(List<Shuttle>))!);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Load_FromASqlFile_ReadsItAtLoadTime(string engine)
    {
        using var db = WithShuttles(engine);
        var file = db.Folder.Write("queries/one.sql", "SELECT id FROM shuttles WHERE id = :id");
        var dataset = new SqlQueryDataset(null, db.Credentials, Map(("params", Map(("id", "b")))), filepath: file);

        Assert.Equal("b", ((DataTable)dataset.Load()!).Rows[0]["id"]);
        File.WriteAllText(file, "SELECT shuttle_type FROM shuttles WHERE id = :id");
        Assert.Equal("Type V1", ((DataTable)dataset.Load()!).Rows[0]["shuttle_type"]);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Load_BadSql_NamesTheDatasetEngineAndStatement(string engine)
    {
        using var db = WithShuttles(engine);
        var dataset = db.Query("SELEC id\nFROM shuttles");

        var error = Assert.Throws<DatasetException>(() => dataset.Load());

        Assert.StartsWith("Failed while loading data from dataset Kedro.Datasets.Sql.SqlQueryDataset(sql='SELEC id", error.Message, StringComparison.Ordinal);
        var name = engine switch { "sqlite" => "SQLite", "duckdb" => "DuckDB", _ => "PostgreSQL" };
        Assert.Contains($"{name} failed on statement 'SELEC id ...'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Load_TimestampParameters_MatchTheSavedValues(string engine)
    {
        using var db = new TestDatabase(engine);
        var utc = new DateTimeOffset(2024, 3, 1, 3, 0, 0, TimeSpan.Zero);
        db.Table("events").Save(new List<Event> { new("midnight", new DateTime(2024, 3, 1), utc), new("later", new DateTime(2024, 3, 1, 0, 0, 1), utc.AddSeconds(1)) });
        const string Sql = "SELECT id FROM events WHERE \"at\" = :at AND at_utc = :at_utc";

        var byOffset = db.Query(Sql, Map(("at", new DateTime(2024, 3, 1)), ("at_utc", utc.ToOffset(TimeSpan.FromHours(2)))));
        var byUtcDateTime = db.Query(Sql, Map(("at", new DateTime(2024, 3, 1)), ("at_utc", utc.UtcDateTime)));

        Assert.Equal(["midnight"], ((DataTable)byOffset.Load()!).Rows.Cast<DataRow>().Select(r => (string)r["id"]));
        Assert.Equal(["midnight"], ((DataTable)byUtcDateTime.Load()!).Rows.Cast<DataRow>().Select(r => (string)r["id"]));
    }

    [Fact]
    public void Save_IsNotSupported()
    {
        using var db = new TestDatabase("sqlite");
        var error = Assert.Throws<DatasetException>(() => db.Query("SELECT 1").Save(Rows.Shuttles("a")));

        Assert.Equal("'save' is not supported on SqlQueryDataset", error.Message);
    }

    [Fact]
    public void Constructor_NeitherOrBothOfSqlAndFilepath_AreRefusedWithKedrosMessages()
    {
        using var db = new TestDatabase("sqlite");

        Assert.Equal("'sql' and 'filepath' arguments cannot both be empty. Please provide a sql query or path to a sql query file.",
            Assert.Throws<ArgumentException>(() => new SqlQueryDataset(null, db.Credentials)).Message);
        Assert.Equal("'sql' and 'filepath' arguments cannot both be provided. Please only provide one.",
            Assert.Throws<ArgumentException>(() => new SqlQueryDataset("SELECT 1", db.Credentials, filepath: "q.sql")).Message);
    }

    [Fact]
    public void Load_PostgresCastsAndNativeParameters_Work()
    {
        using var db = WithShuttles("postgresql");
        var dataset = db.Query("SELECT capacity::text AS c, :id::text AS given, @n::int AS n FROM shuttles WHERE id = :id", Map(("id", "a"), ("n", 5)));

        var row = ((DataTable)dataset.Load()!).Rows[0];

        Assert.Equal("2.5", row["c"]);
        Assert.Equal("a", row["given"]);
        Assert.Equal(5, row["n"]);
    }

    [Fact]
    public void Load_DuckDbNativeDollarParameters_Work()
    {
        using var db = WithShuttles("duckdb");
        var dataset = db.Query("SELECT id FROM shuttles WHERE id = $id OR id = :other ORDER BY id", Map(("id", "a"), ("other", "c")));

        Assert.Equal(["a", "c"], ((DataTable)dataset.Load()!).Rows.Cast<DataRow>().Select(r => (string)r["id"]));
    }

    [Fact]
    public void Load_SqliteExpressionsWithoutDeclaredTypes_TakeTheirTypeFromTheirValues()
    {
        using var db = WithShuttles("sqlite");
        var dataset = db.Query("SELECT count(*) AS n, sum(capacity) AS total, max(id) AS last, NULL AS empty FROM shuttles");

        var batch = (Apache.Arrow.RecordBatch)dataset.Load(typeof(Apache.Arrow.RecordBatch))!;

        Assert.Equal(
            [ArrowTypeId.Int64, ArrowTypeId.Double, ArrowTypeId.String, ArrowTypeId.String],
            batch.Schema.FieldsList.Select(f => f.DataType.TypeId));
        Assert.Equal(15.0, ((Apache.Arrow.DoubleArray)batch.Column("total")).GetValue(0));
    }

    [Fact]
    public void Load_DuckDbHugeIntSums_LoadAsInt64()
    {
        using var db = WithShuttles("duckdb");
        var dataset = db.Query("SELECT sum(x) AS total FROM (VALUES (1), (2), (40)) t(x)");

        var batch = (Apache.Arrow.RecordBatch)dataset.Load(typeof(Apache.Arrow.RecordBatch))!;

        Assert.Equal(43L, ((Apache.Arrow.Int64Array)batch.Column("total")).GetValue(0));
    }
}
