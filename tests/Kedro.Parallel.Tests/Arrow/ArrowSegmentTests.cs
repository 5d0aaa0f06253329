using Apache.Arrow;
using Kedro.IO;
using Kedro.Parallel.Tests.SharedMemory;

namespace Kedro.Parallel.Tests.Arrow;

/// <summary>Arrow tables in one process's shared memory: read in place, released with the dataset, refused when damaged.</summary>
public sealed class ArrowSegmentTests : IDisposable
{
    private readonly SharedMemoryTestRoot _root = new();
    private readonly SharedMemoryManager _manager;

    public ArrowSegmentTests() => _manager = _root.CreateManager();

    public void Dispose()
    {
        _manager.Dispose();
        _root.Dispose();
    }

    private SharedMemoryDataset Dataset(string name = "table")
    {
        var dataset = new SharedMemoryDataset { DatasetName = name };
        dataset.SetManager(_manager);
        return dataset;
    }

    [Fact]
    public void Load_OfALargeBatch_AllocatesFarLessThanItsSize_AndItsBuffersAreTheMappedSegment()
    {
        var dataset = Dataset();
        dataset.Save(ArrowTestTables.Doubles(1_000_000)); // 8 MB
        _ = dataset.Load(typeof(RecordBatch)); // the first load compiles the reader

        var before = GC.GetAllocatedBytesForCurrentThread();
        var batch = Assert.IsType<RecordBatch>(dataset.Load(typeof(RecordBatch)));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 64 * 1024, $"loading an 8 MB batch allocated {allocated} bytes");
        Assert.True(ArrowTestTables.AllBuffersInSharedSegment(batch));
        Assert.Equal(999_999 * 0.5, ((DoubleArray)batch.Column(0)).GetValue(999_999));
    }

    [Fact]
    public void Release_UnmapsTheSegment_AndATableUsedAfterwardsThrowsInsteadOfReadingFreedMemory()
    {
        var dataset = Dataset();
        dataset.Save(ArrowTestTables.EveryType());
        var batch = Assert.IsType<RecordBatch>(dataset.Load(typeof(RecordBatch)));
        Assert.Single(dataset.Mappings);
        Assert.Equal(1, ((Int32Array)batch.Column(0)).GetValue(3));

        dataset.Release();

        Assert.Empty(dataset.Mappings);
        Assert.Empty(_manager.Segments());
        Assert.Throws<ObjectDisposedException>(() => ((Int32Array)batch.Column(0)).GetValue(3));
        Assert.DoesNotContain(ArrowTestTables.SharedSegmentRanges(), r => r.Path.StartsWith(_manager.Directory + "/", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_OfADamagedSegment_FailsNamingTheDatasetTheSegmentAndWhatWasExpected()
    {
        var dataset = Dataset("model_input");
        dataset.Save(ArrowTestTables.EveryType());
        var path = _manager.PathOf(dataset.SegmentId!);
        using (var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite))
        {
            Span<byte> offset = stackalloc byte[8];
            RandomAccess.Read(file, offset, 24);
            var payload = BitConverter.ToInt64(offset);
            RandomAccess.Write(file, Enumerable.Repeat((byte)0x5A, 64).ToArray(), payload);
        }

        var error = Assert.Throws<DatasetException>(() => dataset.Load(typeof(RecordBatch)));

        Assert.Contains("'model_input'", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not hold a valid Arrow IPC stream", error.Message, StringComparison.Ordinal);
        Assert.Contains("Expected the Arrow table its producing node wrote there", error.Message, StringComparison.Ordinal);
        Assert.Empty(dataset.Mappings);
    }

    [Fact]
    public void Load_OfATruncatedSegment_FailsSayingSo()
    {
        var dataset = Dataset();
        dataset.Save(ArrowTestTables.EveryType());
        var path = _manager.PathOf(dataset.SegmentId!);
        using (var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite))
        {
            RandomAccess.SetLength(file, RandomAccess.GetLength(file) - 100);
        }

        var error = Assert.Throws<DatasetException>(() => dataset.Load(typeof(RecordBatch)));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("but its header says", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detach_CopiesTheTableOutOfSharedMemory()
    {
        var dataset = Dataset();
        dataset.Save(ArrowTestTables.TwoChunks());

        dataset.Detach();

        Assert.Empty(_manager.Segments());
        var table = Assert.IsType<Table>(dataset.Load());
        Assert.Equal(ArrowTestTables.Describe(ArrowTestTables.TwoChunks()), ArrowTestTables.Describe(table));
    }

    [Fact]
    public void Save_OfATableWhoseColumnsAreChunkedDifferently_LoadsTheSameRows()
    {
        var dataset = Dataset();
        var ids = new Column(
            new Field("id", Apache.Arrow.Types.Int32Type.Default, nullable: true),
            [new Int32Array.Builder().Append(1).Append(2).Append(3).Build(), new Int32Array.Builder().AppendNull().Append(5).Build()]);
        var names = new Column(
            new Field("name", Apache.Arrow.Types.StringType.Default, nullable: true),
            [new StringArray.Builder().Append("a").Build(), new StringArray.Builder().Append("b").AppendNull().Append("d").Append("e").Build()]);
        dataset.Save(new Table(new Schema([ids.Field, names.Field], null), [ids, names]));

        var table = Assert.IsType<Table>(dataset.Load(typeof(Table)));
        var batch = Assert.IsType<RecordBatch>(dataset.Load(typeof(RecordBatch)));

        // Cut where either column's chunks end: rows [0, 1), [1, 3), [3, 5).
        Assert.Equal("id:int32=[1][2,3][null,5]\nname:utf8=['a']['b',null]['d','e']", ArrowTestTables.Describe(table));
        Assert.Equal("id:int32=[1,2,3,null,5]\nname:utf8=['a','b',null,'d','e']", ArrowTestTables.Describe(batch));
    }

    [Fact]
    public void Save_OfAnEmptyTable_LoadsAsAnEmptyTableWithItsSchema()
    {
        var dataset = Dataset();
        var rows = ArrowTestTables.EveryType();
        dataset.Save(Table.TableFromRecordBatches(rows.Schema, [rows.Slice(0, 0)]));

        var table = Assert.IsType<Table>(dataset.Load(typeof(Table)));

        Assert.Equal(0, table.RowCount);
        Assert.Equal(rows.Schema.FieldsList.Select(f => f.Name), table.Schema.FieldsList.Select(f => f.Name));
        Assert.Equal(0, Assert.IsType<RecordBatch>(dataset.Load(typeof(RecordBatch))).Length);
    }
}
