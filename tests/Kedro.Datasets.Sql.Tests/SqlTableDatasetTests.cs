using System.Data;
using Apache.Arrow;
using Kedro.Datasets.Sql.Tests.Support;
using Kedro.IO;
using Microsoft.Data.Analysis;
using static Kedro.Datasets.Sql.Tests.Support.Config;

namespace Kedro.Datasets.Sql.Tests;

/// <summary>SqlTableDataset's behaviour, the same on every engine.</summary>
public sealed class SqlTableDatasetTests
{
    public static TheoryData<string> Engines => TestDatabase.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public void SaveThenLoad_EveryColumnType_RoundTripsExactly(string engine)
    {
        using var db = new TestDatabase(engine);
        var dataset = db.Table("typed");
        var rows = Rows.Typed();

        dataset.Save(rows);

        Assert.Equal(rows, (List<TypedRow>)dataset.Load(typeof(List<TypedRow>))!);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Load_Untyped_GivesADataTable(string engine)
    {
        using var db = new TestDatabase(engine);
        var dataset = db.Table("shuttles");
        dataset.Save(Rows.Shuttles("a", "b"));

        var table = Assert.IsType<DataTable>(dataset.Load());

        Assert.Equal(["id", "shuttle_type", "capacity"], table.Columns.Cast<DataColumn>().Select(c => c.ColumnName));
        Assert.Equal("b", table.Rows[1]["id"]);
        Assert.Equal(5.0, table.Rows[1]["capacity"]);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Load_AsEachTableKind(string engine)
    {
        using var db = new TestDatabase(engine);
        var dataset = db.Table("shuttles");
        dataset.Save(Rows.Shuttles("a", "b", "c"));

        Assert.Equal(3, Assert.IsType<RecordBatch>(dataset.Load(typeof(RecordBatch))).Length);
        Assert.Equal(3, Assert.IsType<DataFrame>(dataset.Load(typeof(DataFrame))).Rows.Count);
        Assert.Equal(3, Assert.IsType<DataTable>(dataset.Load(typeof(DataTable))).Rows.Count);
        Assert.Equal(Rows.Shuttles("a", "b", "c"), Assert.IsType<Shuttle[]>(dataset.Load(typeof(Shuttle[]))));
        Assert.Equal(3, Assert.IsType<Apache.Arrow.Table>(dataset.Load(typeof(Apache.Arrow.Table))).RowCount);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Save_ExistingTable_FailsByDefaultAsPandas(string engine)
    {
        using var db = new TestDatabase(engine);
        var dataset = db.Table("shuttles");
        dataset.Save(Rows.Shuttles("a"));

        var error = Assert.Throws<DatasetException>(() => dataset.Save(Rows.Shuttles("b")));

        Assert.Contains("Table 'shuttles' already exists. SqlTableDataset saves to the ", error.Message, StringComparison.Ordinal);
        Assert.Contains(" table 'shuttles' with if_exists 'fail'", error.Message, StringComparison.Ordinal);
        Assert.Contains("save_args: {if_exists: replace}", error.Message, StringComparison.Ordinal);
        Assert.Contains("{if_exists: append}", error.Message, StringComparison.Ordinal);
        Assert.Equal(Rows.Shuttles("a"), (List<Shuttle>)dataset.Load(typeof(List<Shuttle>))!);
    }

    [Fact]
    public void TypedLoad_LogsTheRequestedTypeAndWrapsFailuresInKedrosWords()
    {
        using var db = new TestDatabase("sqlite");
        db.Table("shuttles").Save(Rows.Shuttles("a"));
        var logger = new Kedro.Testing.ListLogger();
        var dataset = new SqlTableDataset("shuttles", db.Credentials) { Logger = logger };
        var missing = new SqlTableDataset("nowhere", db.Credentials) { Logger = logger };

        dataset.Load(typeof(DataTable));
        var error = Assert.Throws<DatasetException>(() => missing.Load(typeof(DataTable)));

        Assert.Contains(logger.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Debug
            && e.Message.StartsWith("Loading ", StringComparison.Ordinal) && e.Message.EndsWith(" as 'DataTable'", StringComparison.Ordinal));
        Assert.StartsWith("Failed while loading data from dataset", error.Message, StringComparison.Ordinal);
        Assert.Contains("has no table 'nowhere'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Save_Replace_RewritesTheTableWithTheNewColumns(string engine)
    {
        using var db = new TestDatabase(engine);
        db.Table("t").Save(Rows.Shuttles("a", "b"));
        var dataset = db.Table("t", saveArgs: Map(("if_exists", "replace")));

        dataset.Save(new[] { new { Other = 1L } }.ToList());

        var table = (DataTable)dataset.Load()!;
        Assert.Equal(["other"], table.Columns.Cast<DataColumn>().Select(c => c.ColumnName));
        Assert.Single(table.Rows.Cast<DataRow>());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Save_Append_AddsRows(string engine)
    {
        using var db = new TestDatabase(engine);
        db.Table("shuttles").Save(Rows.Shuttles("a"));
        var dataset = db.Table("shuttles", saveArgs: Map(("if_exists", "append")));

        dataset.Save(Rows.Shuttles("b", "c"));

        Assert.Equal(["a", "b", "c"], ((List<Shuttle>)dataset.Load(typeof(List<Shuttle>))!).Select(s => s.Id));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Exists_SaysWhetherTheTableExists(string engine)
    {
        using var db = new TestDatabase(engine);
        var dataset = db.Table("shuttles");

        Assert.False(dataset.Exists());
        dataset.Save(Rows.Shuttles("a"));
        Assert.True(dataset.Exists());
        Assert.False(db.Table("other").Exists());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Load_Columns_LoadsThoseInThatOrder_AndNamesAMissingOne(string engine)
    {
        using var db = new TestDatabase(engine);
        db.Table("shuttles").Save(Rows.Shuttles("a"));

        var table = (DataTable)db.Table("shuttles", Map(("columns", new List<object?> { "capacity", "id" }))).Load()!;
        var error = Assert.Throws<DatasetException>(() => db.Table("shuttles", Map(("columns", new List<object?> { "id", "crew" }))).Load());

        Assert.Equal(["capacity", "id"], table.Columns.Cast<DataColumn>().Select(c => c.ColumnName));
        Assert.Contains("table 'shuttles' has no column 'crew', which load_args 'columns' names.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_SavesAndLoadsInThatSchema()
    {
        using var db = new TestDatabase("postgresql");
        using (var connection = new Npgsql.NpgsqlConnection(Kedro.Datasets.Sql.Internal.SqlConnectionInfo.From(db.Credentials, "test").ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE SCHEMA staging";
            command.ExecuteNonQuery();
        }

        var dataset = db.Table("shuttles", Map(("schema", "staging")), Map(("schema", "staging")));
        dataset.Save(Rows.Shuttles("a"));

        Assert.True(dataset.Exists());
        Assert.False(db.Table("shuttles").Exists());
        Assert.Equal(Rows.Shuttles("a"), (List<Shuttle>)dataset.Load(typeof(List<Shuttle>))!);
    }
}
