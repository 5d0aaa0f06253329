using System.Data;
using System.Globalization;
using Apache.Arrow;
using Kedro.Conversion;
using Kedro.Datasets.Tables;
using Kedro.IO;
using Kedro.Parallel.Tests.Runs;
using Kedro.Pipelines;
using Microsoft.Data.Analysis;

namespace Kedro.Parallel.Tests.Arrow;

/// <summary>
/// Kedro.Datasets' <see cref="TableConverter"/> under ParallelRunner: a <c>DataFrame</c>, a <c>DataTable</c> and lists of
/// records cross between workers as Arrow, and each consumer gets its parameter's type.
/// </summary>
public sealed class ParallelRunnerTableConverterTests : IClassFixture<WorkerPoolFixture>
{
    private readonly WorkerPoolFixture _pool;

    public ParallelRunnerTableConverterTests(WorkerPoolFixture pool)
    {
        _pool = pool;
        pool.Logger.Reset();
        ValueConverters.Register(new TableConverter());
    }

    public sealed record ShuttleRow(long Id, double? PassengerCapacity, string? EngineType);

    public static DataFrame MakeFrame() => new(
        new Int64DataFrameColumn("id", [1, 2, 3]),
        new DoubleDataFrameColumn("passenger_capacity", [4.0, null, 8.0]),
        new StringDataFrameColumn("engine_type", ["Quantum", "Plasma", null]));

    public static List<ShuttleRow> MakeRows() => [new(1, 4.0, "Quantum"), new(2, null, "Plasma"), new(3, 8.0, null)];

    public static DataTable MakeDataTable()
    {
        var table = new DataTable();
        table.Columns.Add("id", typeof(long));
        table.Columns.Add("passenger_capacity", typeof(double));
        table.Columns.Add("engine_type", typeof(string));
        table.Rows.Add(1L, 4.0, "Quantum");
        table.Rows.Add(2L, DBNull.Value, "Plasma");
        table.Rows.Add(3L, 8.0, DBNull.Value);
        return table;
    }

    public static string InspectBatch(RecordBatch table) =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}|{ArrowTestTables.AllBuffersInSharedSegment(table)}|{ArrowTestTables.Describe(table)}");

    public static double Capacity(List<ShuttleRow> rows) => rows.Sum(r => r.PassengerCapacity ?? 0);

    public static string FrameSummary(DataFrame frame) =>
        string.Create(CultureInfo.InvariantCulture, $"{frame.Rows.Count}:{string.Join(",", frame.Columns.Select(c => c.Name))}:{frame["passenger_capacity"][1] is null}");

    public static string TypeOf(object table) => table.GetType().FullName!;

    private static Node N(string name, Delegate func, DatasetNames? inputs, DatasetNames? outputs) => Node.Create(func, inputs, outputs, name: name);

    private const string Expected = "id:int64=[1,2,3]\npassenger_capacity:double=[4,null,8]\nengine_type:utf8=['Quantum','Plasma',null]";

    [Fact]
    public void DataFrame_CrossesAsArrowReadInPlace_AndEachConsumerGetsItsType()
    {
        var pipeline = new Pipeline(
        [
            N("produce", MakeFrame, null, "shuttles"),
            N("as_arrow", InspectBatch, "shuttles", "report"),
            N("as_records", Capacity, "shuttles", "capacity"),
            N("as_frame", FrameSummary, "shuttles", "summary"),
            N("untyped", TypeOf, "shuttles", "type"),
        ]);

        var result = _pool.Runner.Run(pipeline, new DataCatalog());

        var report = ((string)result["report"].Load()!).Split('|', 3);
        Assert.NotEqual(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), report[0]);
        Assert.Equal("True", report[1]);
        Assert.Equal(Expected, report[2]);
        Assert.Equal(12.0, result["capacity"].Load());
        Assert.Equal("3:id,passenger_capacity,engine_type:True", result["summary"].Load());
        Assert.Equal(typeof(DataFrame).FullName, result["type"].Load());
    }

    [Fact]
    public void Records_KeepTheirJsonForm_AndStillReachArrowAndDataFrameConsumers()
    {
        // A list of records is a sequence, not a table: it crosses as JSON (which keeps every value exactly) and the
        // consumer's worker converts it to the parameter's type; the batch it gets is its own copy, not the segment.
        var pipeline = new Pipeline(
        [
            N("produce", MakeRows, null, "rows"),
            N("as_arrow", InspectBatch, "rows", "report"),
            N("as_frame", FrameSummary, "rows", "summary"),
            N("untyped", TypeOf, "rows", "type"),
        ]);

        var result = _pool.Runner.Run(pipeline, new DataCatalog());

        var report = ((string)result["report"].Load()!).Split('|', 3);
        Assert.Equal("False", report[1]);
        Assert.Equal(Expected, report[2]);
        Assert.Equal("3:id,passenger_capacity,engine_type:True", result["summary"].Load());
        Assert.Equal(typeof(List<ShuttleRow>).FullName, result["type"].Load());
    }

    [Fact]
    public void Records_WithOffsetsCrossUnchanged()
    {
        var pipeline = new Pipeline(
        [
            N("produce", MakeDepartures, null, "departures"),
            N("describe", DescribeDepartures, "departures", "described"),
        ]);

        var result = _pool.Runner.Run(pipeline, new DataCatalog());

        Assert.Equal("2026-12-06T10:00:00.0000000+02:00;2026-12-06T10:00:00.0000000-05:00", result["described"].Load());
    }

    [Fact]
    public void A_DataFrame_the_converter_refuses_fails_the_node_with_the_converters_reason()
    {
        var pipeline = new Pipeline(
        [
            N("produce", MakeLocalTimeFrame, null, "letters"),
            N("count", FrameSummary, "letters", "summary"),
        ]);

        var error = Assert.ThrowsAny<Exception>(() => _pool.Runner.Run(pipeline, new DataCatalog()));

        Assert.Contains("Dataset 'letters' was given a value that cannot cross as an Arrow table (", error.Message, StringComparison.Ordinal);
        Assert.Contains("'departed'", error.Message, StringComparison.Ordinal);
    }

    public sealed record Departure(DateTimeOffset At);

    public static List<Departure> MakeDepartures() =>
        [new(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.FromHours(2))), new(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.FromHours(-5)))];

    public static string DescribeDepartures(List<Departure> departures) => string.Join(';', departures.Select(d => d.At.ToString("o", System.Globalization.CultureInfo.InvariantCulture)));

    public static DataFrame MakeLocalTimeFrame() =>
        new(new PrimitiveDataFrameColumn<DateTime>("departed", [new DateTime(2026, 12, 6, 10, 0, 0, DateTimeKind.Local)]));

    [Fact]
    public void DataTable_CrossesAsArrow_AndReachesARecordsConsumer()
    {
        var pipeline = new Pipeline(
        [
            N("produce", MakeDataTable, null, "table"),
            N("as_arrow", InspectBatch, "table", "report"),
            N("as_records", Capacity, "table", "capacity"),
        ]);

        var result = _pool.Runner.Run(pipeline, new DataCatalog());

        var report = ((string)result["report"].Load()!).Split('|', 3);
        Assert.Equal("True", report[1]);
        Assert.Equal(Expected, report[2]);
        Assert.Equal(12.0, result["capacity"].Load());
    }
}
