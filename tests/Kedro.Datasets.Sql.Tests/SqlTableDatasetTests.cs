using System.Data;
using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
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

    // Instants travel as UTC microseconds (Npgsql's binary timestamptz, DuckDB's appender and vectors, SQLite text ending
    // "+00:00") and no step converts through TimeZoneInfo.Local, so neither an offset other than zero nor the process's
    // time zone changes what is stored; the suite also passes with TZ=America/New_York.
    [Theory]
    [MemberData(nameof(Engines))]
    public void Save_OffsetsOtherThanUtc_StoreTheInstantAndLoadItInUtc(string engine)
    {
        using var db = new TestDatabase(engine);
        var dataset = db.Table("events");
        var india = new DateTimeOffset(2024, 3, 1, 5, 30, 0, TimeSpan.FromHours(5.5));
        var newYork = new DateTimeOffset(2024, 7, 4, 20, 0, 0, TimeSpan.FromHours(-4));
        var naive = new DateTime(2024, 3, 10, 2, 30, 0, DateTimeKind.Unspecified);

        dataset.Save(new List<Event> { new("india", naive, india), new("new_york", naive, newYork) });

        var rows = (List<Event>)dataset.Load(typeof(List<Event>))!;
        Assert.Equal([new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 7, 5, 0, 0, 0, TimeSpan.Zero)], rows.Select(r => r.AtUtc));
        Assert.All(rows, r => Assert.Equal(TimeSpan.Zero, r.AtUtc.Offset));
        Assert.All(rows, r => Assert.Equal(naive, r.At));
        var table = (DataTable)dataset.Load()!;
        Assert.Equal(TimeSpan.Zero, Assert.IsType<DateTimeOffset>(table.Rows[1]["at_utc"]).Offset);
        var query = db.Query("SELECT id FROM events WHERE at_utc = :at", Map(("at", newYork.ToOffset(TimeSpan.FromHours(9)))));
        Assert.Equal("new_york", ((DataTable)query.Load()!).Rows[0]["id"]);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Save_NullsAndTimestampUnits_RoundTripInEveryColumnKind(string engine)
    {
        using var db = new TestDatabase(engine);
        var dataset = db.Table("nulls");
        var at = new DateTimeOffset(2024, 2, 29, 13, 14, 15, TimeSpan.Zero);
        var batch = new RecordBatch.Builder()
            .Append("i16", true, new Int16Array.Builder().Append(-7).AppendNull().Build())
            .Append("i32", true, new Int32Array.Builder().Append(-70000).AppendNull().Build())
            .Append("i64", true, new Int64Array.Builder().Append(long.MinValue).AppendNull().Build())
            .Append("f32", true, new FloatArray.Builder().Append(1.5f).AppendNull().Build())
            .Append("f64", true, new DoubleArray.Builder().Append(-0.25).AppendNull().Build())
            .Append("flag", true, new BooleanArray.Builder().Append(false).AppendNull().Build())
            .Append("text", true, new StringArray.Builder().Append("x").AppendNull().Build())
            .Append("at_s", true, new TimestampArray.Builder(new TimestampType(TimeUnit.Second, (string?)null)).Append(at).AppendNull().Build())
            .Append("at_ms", true, new TimestampArray.Builder(new TimestampType(TimeUnit.Millisecond, (string?)null)).Append(at.AddMilliseconds(5)).AppendNull().Build())
            .Append("at_utc", true, new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, "UTC")).Append(at.AddTicks(10)).AppendNull().Build())
            .Build();

        dataset.Save(batch);

        var table = (DataTable)dataset.Load()!;
        var first = table.Rows[0];
        Assert.Equal(-7L, Convert.ToInt64(first["i16"], CultureInfo.InvariantCulture));
        Assert.Equal(-70000L, Convert.ToInt64(first["i32"], CultureInfo.InvariantCulture));
        Assert.Equal(long.MinValue, Convert.ToInt64(first["i64"], CultureInfo.InvariantCulture));
        Assert.Equal(1.5, Convert.ToDouble(first["f32"], CultureInfo.InvariantCulture));
        Assert.Equal(-0.25, Convert.ToDouble(first["f64"], CultureInfo.InvariantCulture));
        Assert.False(Convert.ToBoolean(first["flag"], CultureInfo.InvariantCulture));
        Assert.Equal("x", first["text"]);
        Assert.Equal(at.DateTime, Time(first["at_s"]));
        Assert.Equal(at.AddMilliseconds(5).DateTime, Time(first["at_ms"]));
        Assert.Equal(at.AddTicks(10).DateTime, Time(first["at_utc"]));
        Assert.All(table.Columns.Cast<DataColumn>(), c => Assert.Equal(DBNull.Value, table.Rows[1][c]));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Save_TimestampOutsideDotNetsRange_IsRefusedNamingColumnAndRow(string engine)
    {
        using var db = new TestDatabase(engine);
        var dataset = db.Table("events");
        var batch = new RecordBatch.Builder()
            .Append("at", true, new TimestampArray(new TimestampType(TimeUnit.Second, (string?)null), new ArrowBuffer.Builder<long>().Append(0).Append(long.MaxValue / 2).Build(), ArrowBuffer.Empty, 2, 0, 0))
            .Build();

        var error = Assert.Throws<DatasetException>(() => dataset.Save(batch));

        Assert.Contains("Column 'at' row 1 holds a timestamp outside .NET's range (years 1 to 9999).", error.Message, StringComparison.Ordinal);
        Assert.False(dataset.Exists());
    }

    private static DateTime Time(object value) => value switch
    {
        DateTimeOffset time => time.UtcDateTime,
        DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Unspecified),
        _ => throw new InvalidCastException(value.GetType().Name),
    };

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
