using Apache.Arrow;
using Apache.Arrow.Types;
using Kedro.Datasets.Sql.Tests.Support;
using Kedro.IO;
using static Kedro.Datasets.Sql.Tests.Support.Config;

namespace Kedro.Datasets.Sql.Tests;

/// <summary>A failed save leaves the table and its rows as they were, on every engine.</summary>
public sealed class SqlTableAtomicityTests
{
    public static TheoryData<string> Engines => TestDatabase.Engines;

    // Rows whose last timestamp is finer than a microsecond, which every engine refuses mid-way through the insert.
    private static RecordBatch BadLastRow(int rows)
    {
        var ids = new Int64Array.Builder();
        var times = new TimestampArray.Builder(new TimestampType(TimeUnit.Nanosecond, (string?)null));
        for (var i = 0; i < rows; i++)
        {
            ids.Append(i);
            times.Append(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(i == rows - 1 ? 1 : 0));
        }

        return new RecordBatch.Builder().Append("id", false, ids.Build()).Append("at", false, times.Build()).Build();
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Replace_FailingMidway_LeavesTheOldTableAndRows(string engine)
    {
        using var db = new TestDatabase(engine);
        db.Table("shuttles").Save(Rows.Shuttles("a", "b"));
        var dataset = db.Table("shuttles", saveArgs: Map(("if_exists", "replace")));

        var error = Assert.Throws<DatasetException>(() => dataset.Save(BadLastRow(3000)));

        Assert.Contains("Column 'at' row 2999 holds a timestamp finer than a microsecond", error.Message, StringComparison.Ordinal);
        Assert.Equal(Rows.Shuttles("a", "b"), (List<Shuttle>)dataset.Load(typeof(List<Shuttle>))!);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Append_FailingMidway_AddsNoRow(string engine)
    {
        using var db = new TestDatabase(engine);
        var first = new RecordBatch.Builder()
            .Append("id", false, new Int64Array.Builder().Append(-1).Build())
            .Append("at", false, new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, (string?)null)).Append(DateTimeOffset.UnixEpoch).Build())
            .Build();
        db.Table("events").Save(first);
        var dataset = db.Table("events", saveArgs: Map(("if_exists", "append")));

        Assert.Throws<DatasetException>(() => dataset.Save(BadLastRow(10)));

        Assert.Equal(1, ((RecordBatch)dataset.Load(typeof(RecordBatch))!).Length);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Append_ColumnsTheTableLacks_AreRefusedNamingThem(string engine)
    {
        using var db = new TestDatabase(engine);
        db.Table("shuttles").Save(Rows.Shuttles("a"));
        var dataset = db.Table("shuttles", saveArgs: Map(("if_exists", "append")));

        var error = Assert.Throws<DatasetException>(() => dataset.Save(new[] { new { Id = "b", Engines = 2L, Crew = 3L } }.ToList()));

        Assert.Contains("it has no column 'engines', 'crew'", error.Message, StringComparison.Ordinal);
        Assert.Contains("(its columns: 'id', 'shuttle_type', 'capacity')", error.Message, StringComparison.Ordinal);
        Assert.Equal(Rows.Shuttles("a"), (List<Shuttle>)dataset.Load(typeof(List<Shuttle>))!);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Append_ASubsetOfTheColumns_LeavesTheOthersNull(string engine)
    {
        using var db = new TestDatabase(engine);
        db.Table("shuttles").Save(Rows.Shuttles("a"));
        var dataset = db.Table("shuttles", saveArgs: Map(("if_exists", "append")));

        dataset.Save(new[] { new { Capacity = 9.5, Id = "z" } }.ToList());

        var table = (System.Data.DataTable)dataset.Load()!;
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal("z", table.Rows[1]["id"]);
        Assert.Equal(DBNull.Value, table.Rows[1]["shuttle_type"]);
        Assert.Equal(9.5, table.Rows[1]["capacity"]);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task SaveAsync_Cancelled_LeavesTheOldTable(string engine)
    {
        using var db = new TestDatabase(engine);
        db.Table("shuttles").Save(Rows.Shuttles("a"));
        var dataset = db.Table("shuttles", saveArgs: Map(("if_exists", "replace")));
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await dataset.SaveAsync(Rows.Shuttles("x", "y"), cancel.Token));

        Assert.Equal(Rows.Shuttles("a"), (List<Shuttle>)dataset.Load(typeof(List<Shuttle>))!);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Append_NarrowerIntegersAndFloats_AreWidenedToTheTablesTypes(string engine)
    {
        using var db = new TestDatabase(engine);
        db.Table("m").Save(new[] { new { N = 1L, X = 0.5 } }.ToList());
        var dataset = db.Table("m", saveArgs: Map(("if_exists", "append")));

        dataset.Save(new[] { new { N = 2, X = 1.5f } }.ToList());

        var batch = (RecordBatch)dataset.Load(typeof(RecordBatch))!;
        Assert.Equal([1L, 2L], ((Int64Array)batch.Column("n")).Values.ToArray());
        Assert.Equal([0.5, 1.5], ((DoubleArray)batch.Column("x")).Values.ToArray());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Append_ValuesTheTableWouldNotKeepExactly_AreRefusedBeforeAnyInsert(string engine)
    {
        using var db = new TestDatabase(engine);
        db.Table("m").Save(new[] { new { N = 1, Label = "a" } }.ToList());
        var dataset = db.Table("m", saveArgs: Map(("if_exists", "append")));

        var text = Assert.Throws<DatasetException>(() => dataset.Save(new[] { new { N = "many", Label = "b" } }.ToList()));
        var wide = Assert.Throws<DatasetException>(() => dataset.Save(new[] { new { N = 5_000_000_000L, Label = "c" } }.ToList()));

        Assert.Contains("column 'n' holds String values, which its", text.Message, StringComparison.Ordinal);
        Assert.Contains("column 'n' holds Int64 values, which its", wide.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was appended", wide.Message, StringComparison.Ordinal);
        Assert.Equal(1, ((RecordBatch)dataset.Load(typeof(RecordBatch))!).Length);
    }
}
