using System.Globalization;
using Apache.Arrow;
using Kedro.Conversion;
using Kedro.Hooks;
using Kedro.IO;
using Kedro.Parallel.Tests.Runs;
using Kedro.Pipelines;

namespace Kedro.Parallel.Tests.Arrow;

/// <summary>
/// Arrow tables between worker processes: written once into a shared-memory segment as Arrow IPC and read by the
/// consumer in place (its buffers are the mapped segment's pages); other table types through a registered converter.
/// </summary>
public sealed class ParallelRunnerArrowTests : IClassFixture<WorkerPoolFixture>
{
    private readonly WorkerPoolFixture _pool;

    public ParallelRunnerArrowTests(WorkerPoolFixture pool)
    {
        _pool = pool;
        pool.Logger.Reset();
        ValueConverters.Register(new PointRowsConverter());
    }

    // Node functions: static, so that a worker process re-creates them.
    public static RecordBatch MakeEveryType() => ArrowTestTables.EveryType();

    public static Table MakeTable() => ArrowTestTables.TwoChunks();

    public static object MakeUntypedBatch() => ArrowTestTables.EveryType();

    public static object MakeUntypedTable() => ArrowTestTables.TwoChunks();

    public static PointRows MakePoints() => new([new Point(1, "a"), new Point(2, null), new Point(40, "ünï")]);

    public static string InspectBatch(RecordBatch table) =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}|{ArrowTestTables.AllBuffersInSharedSegment(table)}|{ArrowTestTables.Describe(table)}");

    public static string InspectTable(Table table) =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}|{table.Column(0).Data.ArrayCount}|{ArrowTestTables.Describe(table)}");

    public static string TypeOf(object table) => table.GetType().FullName!;

    public static RecordBatch PassOn(RecordBatch table) => table;

    public static int SumX(PointRows points) => points.Rows.Sum(p => p.X);

    public static string Labels(PointRows points) => string.Join(",", points.Rows.Select(p => p.Label ?? "null"));

    public static int FailAfterReading(RecordBatch table) =>
        ArrowTestTables.AllBuffersInSharedSegment(table) ? throw new InvalidOperationException("the consumer failed after reading the table") : 0;

    public static int TakeDoubles(double[] values) => values.Length;

    private static Node N(string name, Delegate func, DatasetNames? inputs, DatasetNames? outputs) => Node.Create(func, inputs, outputs, name: name);

    private static (string Pid, bool InSegment, string Description) Report(object? value)
    {
        var parts = ((string)value!).Split('|', 3);
        return (parts[0], bool.Parse(parts[1]), parts[2]);
    }

    [Fact]
    public void RecordBatch_OfEveryColumnType_CrossesIntact_AndTheConsumerReadsTheSegmentInPlace()
    {
        var pipeline = new Pipeline(
        [
            N("produce", MakeEveryType, null, "table"),
            N("inspect", InspectBatch, "table", "report"),
            N("pass_on", PassOn, "table", "copy"),
        ]);

        var result = _pool.Runner.Run(pipeline, new DataCatalog());

        var (pid, inSegment, description) = Report(result["report"].Load());
        Assert.NotEqual(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), pid);
        Assert.True(inSegment, "the consumer's buffers are not in the mapped shared-memory segment");
        Assert.Equal(ArrowTestTables.Describe(ArrowTestTables.EveryType()), description);
        Assert.Contains("'wörd 1'", description, StringComparison.Ordinal);
        Assert.Contains("null", description, StringComparison.Ordinal);

        // The table a node returns reaches the caller as a table of its own (copied out of the run's memory).
        var copy = Assert.IsType<RecordBatch>(result["copy"].Load());
        Assert.Equal(ArrowTestTables.Describe(ArrowTestTables.EveryType()), ArrowTestTables.Describe(copy));
        Assert.False(ArrowTestTables.AllBuffersInSharedSegment(copy));
    }

    [Fact]
    public void Table_CrossesWithItsChunks_AndAnUntypedConsumerGetsATable()
    {
        var pipeline = new Pipeline(
        [
            N("produce", MakeTable, null, "table"),
            N("inspect", InspectTable, "table", "report"),
            N("type", TypeOf, "table", "type"),
            N("produce_untyped", MakeUntypedTable, null, "untyped"),
            N("as_batch", InspectBatch, "untyped", "batch_report"),
        ]);

        var result = _pool.Runner.Run(pipeline, new DataCatalog());

        var (_, chunks, description) = ((string)result["report"].Load()!).Split('|', 3) switch { var p => (p[0], p[1], p[2]) };
        Assert.Equal("2", chunks);
        Assert.Equal(ArrowTestTables.Describe(ArrowTestTables.TwoChunks()), description);
        Assert.Equal("id:int32=[1,2,null][4,5]\nname:utf8=['a',null,'c']['d','e']", description);
        Assert.Equal(typeof(Table).FullName, result["type"].Load());

        // A consumer asking for one record batch gets the chunks joined.
        var (_, _, joined) = Report(result["batch_report"].Load());
        Assert.Equal("id:int32=[1,2,null,4,5]\nname:utf8=['a',null,'c','d','e']", joined);
    }

    [Fact]
    public void Records_CrossAsArrowThroughARegisteredConverter_AndEachConsumerGetsItsType()
    {
        var pipeline = new Pipeline(
        [
            N("produce", MakePoints, null, "points"),
            N("as_arrow", InspectBatch, "points", "report"),
            N("sum", SumX, "points", "sum"),
            N("labels", Labels, "points", "labels"),
            N("type", TypeOf, "points", "type"),
        ]);

        var result = _pool.Runner.Run(pipeline, new DataCatalog());

        var (pid, inSegment, description) = Report(result["report"].Load());
        Assert.NotEqual(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), pid);
        Assert.True(inSegment, "the records did not cross as an Arrow table read in place");
        Assert.Equal("x:int32=[1,2,40]\nlabel:utf8=['a',null,'ünï']", description);
        Assert.Equal(43, result["sum"].Load());
        Assert.Equal("a,null,ünï", result["labels"].Load());
        Assert.Equal(typeof(PointRows).FullName, result["type"].Load());
    }

    [Fact]
    public void Run_LeavesNoSharedMemoryBehind_NeitherFilesNorMappingsInTheWorkers()
    {
        var pipeline = new Pipeline(
        [
            N("produce", MakeEveryType, null, "table"),
            N("inspect", InspectBatch, "table", "report"),
        ]);

        var result = _pool.Runner.Run(pipeline, new DataCatalog());

        Assert.True(Report(result["report"].Load()).InSegment);
        AssertNothingLeft();
    }

    [Fact]
    public void FailingConsumer_LeavesNoSharedMemoryBehind()
    {
        var pipeline = new Pipeline(
        [
            N("produce", MakeEveryType, null, "table"),
            N("fail", FailAfterReading, "table", "never"),
        ]);

        var error = Assert.Throws<InvalidOperationException>(() => _pool.Runner.Run(pipeline, new DataCatalog()));

        Assert.Equal("the consumer failed after reading the table", error.Message);
        AssertNothingLeft();
    }

    [Fact]
    public void Consumer_AskingForATypeNoConverterGives_FailsNamingTheDatasetTheSchemaAndTheFix()
    {
        var pipeline = new Pipeline(
        [
            N("produce", MakeUntypedBatch, null, "table"),
            N("take_doubles", TakeDoubles, "table", "count"),
        ]);

        var error = Assert.ThrowsAny<Exception>(() => _pool.Runner.Run(pipeline, new DataCatalog()));

        Assert.Contains("'table'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Arrow table (columns 'int': int32, 'long': int64", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be given as 'double[]'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ValueConverters.Register", error.Message, StringComparison.Ordinal);
        AssertNothingLeft();
    }

    [Fact]
    public void Consumer_WhoseConverterRefusesTheSchema_FailsNamingTheDatasetAndWhatWasExpected()
    {
        var pipeline = new Pipeline(
        [
            N("produce", MakeEveryType, null, "table"),
            N("sum", SumX, "table", "sum"),
        ]);

        var error = Assert.ThrowsAny<Exception>(() => _pool.Runner.Run(pipeline, new DataCatalog()));

        Assert.Contains("'table'", error.Message, StringComparison.Ordinal);
        Assert.Contains("PointRows", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected the columns 'x' (int32) and 'label' (string)", error.Message, StringComparison.Ordinal);
        AssertNothingLeft();
    }

    [Fact]
    public void DatasetHooks_InTheParent_ReceiveTheTables()
    {
        var hooks = new HookManager();
        var seen = new TableHooks();
        hooks.Register(seen);
        var pipeline = new Pipeline(
        [
            N("produce", MakeEveryType, null, "table"),
            N("inspect", InspectBatch, "table", "report"),
        ]);

        _pool.Runner.Run(pipeline, new DataCatalog(), hooks);

        Assert.Equal(ArrowTestTables.Describe(ArrowTestTables.EveryType()), ArrowTestTables.Describe(Assert.IsType<RecordBatch>(seen.Saved["table"])));
        Assert.Equal(ArrowTestTables.Describe(ArrowTestTables.EveryType()), ArrowTestTables.Describe(Assert.IsType<RecordBatch>(seen.Loaded["table"])));
    }

    /// <summary>The run's directory is gone, and no worker still maps a file of it.</summary>
    private void AssertNothingLeft()
    {
        var directories = _pool.Logger.Messages
            .Where(m => m.StartsWith("Created shared-memory directory ", StringComparison.Ordinal))
            .Select(m => m["Created shared-memory directory ".Length..])
            .ToList();
        Assert.NotEmpty(directories);
        foreach (var directory in directories)
        {
            Assert.False(Directory.Exists(directory), $"the run left '{directory}' behind");
            foreach (var worker in _pool.Runner.WorkerProcessIds)
            {
                var mapped = ArrowTestTables.SharedSegmentRanges(worker).Where(r => r.Path.StartsWith(directory + "/", StringComparison.Ordinal)).ToList();
                Assert.True(mapped.Count == 0, $"worker {worker} still maps {string.Join(", ", mapped.Select(m => m.Path))}");
            }
        }
    }

    private sealed class TableHooks : IDatasetHooks
    {
        public Dictionary<string, object?> Saved { get; } = [];

        public Dictionary<string, object?> Loaded { get; } = [];

        public void AfterDatasetSaved(string datasetName, object? data, Node node)
        {
            lock (Saved)
            {
                Saved[datasetName] = data;
            }
        }

        public void AfterDatasetLoaded(string datasetName, object? data, Node node)
        {
            lock (Loaded)
            {
                Loaded[datasetName] = data;
            }
        }
    }
}
