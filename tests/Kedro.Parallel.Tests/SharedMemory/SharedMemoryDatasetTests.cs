using System.Buffers;
using System.Text;
using Kedro.IO;
using Kedro.IO.Serialization;

namespace Kedro.Parallel.Tests.SharedMemory;

public sealed class SharedMemoryDatasetTests : IDisposable
{
    private readonly SharedMemoryTestRoot _root = new();
    private readonly SharedMemoryManager _manager;

    public SharedMemoryDatasetTests() => _manager = _root.CreateManager();

    public void Dispose()
    {
        _manager.Dispose();
        _root.Dispose();
    }

    public sealed record Car(string Name, int Seats, IReadOnlyList<double> Prices);

    public sealed record Summary(string Name, int Count);

    public sealed class Shape(string kind)
    {
        public string Kind => kind;
    }

    public sealed class ShapeSerializer : IValueSerializer<Shape>
    {
        public void Serialize(Shape value, IBufferWriter<byte> output) => output.Write(Encoding.UTF8.GetBytes("shape:" + value.Kind));

        public Shape Deserialize(ReadOnlySpan<byte> data) => new(Encoding.UTF8.GetString(data)["shape:".Length..]);
    }

    public sealed class Counter
    {
        private int _count;

        public void Increment() => _count++;

        public override string ToString() => _count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public sealed class Temperature
    {
        public Temperature()
        {
        }

        public Temperature(double degrees) => Celsius = degrees;

        public double Celsius { get; }
    }

    [Fact]
    public void LoadAndSave_AfterTheManagerIsDisposed_ThrowDatasetExceptionSayingWhy()
    {
        var manager = _root.CreateManager();
        var dataset = new SharedMemoryDataset();
        dataset.SetManager(manager);
        dataset.Save(new[] { 1.0, 2.0 });
        manager.Dispose();

        var load = Assert.Throws<DatasetException>(() => dataset.Load());
        Assert.Contains("SharedMemoryManager that has been disposed", load.Message, StringComparison.Ordinal);
        var save = Assert.Throws<DatasetException>(() => dataset.Save(new[] { 3.0 }));
        Assert.Contains("SharedMemoryManager that has been disposed", save.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OfALargeDoubleArray_ReturnsAnEqualCopy()
    {
        var data = Enumerable.Range(0, 3_000_000).Select(i => i * 0.25).ToArray();
        var dataset = new SharedMemoryDataset();
        dataset.SetManager(_manager);
        dataset.Save(data);
        Assert.Equal(data, (double[])dataset.Load()!);
    }

    [Fact]
    public void Load_OfADoubleArray_ReturnsAnEqualCopy()
    {
        var data = Enumerable.Range(0, 100_000).Select(i => i * 0.5).ToArray();
        var dataset = Shared();

        dataset.Save(data);
        var loaded = Assert.IsType<double[]>(dataset.Load());

        Assert.Equal(data, loaded);
        Assert.NotSame(data, loaded);
    }

    [Fact]
    public void Load_OfAByteArray_ReturnsTheSameBytes()
    {
        var data = new byte[1 << 20];
        new Random(7).NextBytes(data);
        var dataset = Shared();

        dataset.Save(data);

        Assert.Equal(data, Assert.IsType<byte[]>(dataset.Load()));
    }

    [Fact]
    public void Load_OfAnEmptyIntArray_ReturnsAnEmptyIntArray()
    {
        var dataset = Shared();

        dataset.Save(Array.Empty<int>());

        Assert.Empty(Assert.IsType<int[]>(dataset.Load()));
    }

    [Fact]
    public void Load_OfAListOfNumbers_ReturnsAnEqualListCopiedAsRawBytes()
    {
        var data = Enumerable.Range(0, 1000).Select(i => (double)i).ToList();
        var dataset = Shared();

        dataset.Save(data);
        var loaded = Assert.IsType<List<double>>(dataset.Load());

        Assert.Equal(data, loaded);
        Assert.Equal(64 + (1000 * sizeof(double)), new FileInfo(Path.Combine(_manager.Directory, dataset.SegmentId!)).Length);
        dataset.Save(new List<int>());
        Assert.Empty(Assert.IsType<List<int>>(dataset.Load()));
    }

    public static TheoryData<Array> PrimitiveArrays => new()
    {
        new sbyte[] { -1, 2 }, new short[] { -3, 4 }, new ushort[] { 5 }, new uint[] { 6 }, new long[] { long.MinValue },
        new ulong[] { ulong.MaxValue }, new float[] { 1.5f, float.NaN }, new bool[] { true, false, true }, "héllo".ToCharArray(),
        new decimal[] { 1.23m, -4.5m }, new Half[] { (Half)1.5 },
    };

    [Theory]
    [MemberData(nameof(PrimitiveArrays))]
    public void Load_OfAnyPrimitiveArray_ReturnsTheSameElementsAndType(Array data)
    {
        var dataset = Shared();

        dataset.Save(data);
        var loaded = Assert.IsType<Array>(dataset.Load(), exactMatch: false);

        Assert.Equal(data.GetType(), loaded.GetType());
        Assert.Equal(data.Cast<object>(), loaded.Cast<object>());
    }

    [Fact]
    public void Load_OfJsonValues_ReturnsEqualValuesOfTheSameTypes()
    {
        var values = new object[]
        {
            "text", 42, 3.5, true, new List<int> { 1, 2 }, new[] { "a", "b" },
            new Dictionary<string, int> { ["x"] = 1 }, (42, 42, 42), DateTime.UnixEpoch, Guid.Empty,
        };

        foreach (var value in values)
        {
            var dataset = Shared();
            dataset.Save(value);
            var loaded = dataset.Load();

            Assert.Equal(value.GetType(), loaded!.GetType());
            Assert.Equal(value, loaded);
        }
    }

    [Fact]
    public void Load_OfARecord_ReturnsAnEqualRecord()
    {
        var car = new Car("Mini", 4, [1.5, 2.5]);
        var dataset = Shared();

        dataset.Save(car);
        var loaded = Assert.IsType<Car>(dataset.Load());

        Assert.Equal(car.Name, loaded.Name);
        Assert.Equal(car.Seats, loaded.Seats);
        Assert.Equal(car.Prices, loaded.Prices);
    }

    [Fact]
    public void Load_OfAConfigurationTree_KeepsPlainValues()
    {
        var tree = new Dictionary<string, object?>
        {
            ["name"] = "model",
            ["layers"] = 3,
            ["big"] = 10_000_000_000L,
            ["rate"] = 1.0,
            ["enabled"] = true,
            ["none"] = null,
            ["sizes"] = new List<object?> { 1, 2.5, "x" },
            ["nested"] = new Dictionary<string, object?> { ["depth"] = 2 },
        };
        var dataset = Shared();

        dataset.Save(tree);
        var loaded = Assert.IsType<Dictionary<string, object?>>(dataset.Load());

        Assert.Equal("model", loaded["name"]);
        Assert.Equal(3, loaded["layers"]);
        Assert.Equal(10_000_000_000L, loaded["big"]);
        Assert.Equal(1.0, Assert.IsType<double>(loaded["rate"]));
        Assert.Equal(true, loaded["enabled"]);
        Assert.Null(loaded["none"]);
        Assert.Equal(new List<object?> { 1, 2.5, "x" }, Assert.IsType<List<object?>>(loaded["sizes"]));
        Assert.Equal(2, Assert.IsType<Dictionary<string, object?>>(loaded["nested"])["depth"]);
    }

    [Fact]
    public void LoadWithType_OfADictionary_ReturnsTheRequestedRecord()
    {
        var dataset = Shared();
        dataset.Save(new Dictionary<string, object?> { ["Name"] = "a", ["Count"] = 2 });

        var summary = Assert.IsType<Summary>(dataset.Load(typeof(Summary)));

        Assert.Equal(new Summary("a", 2), summary);
    }

    [Fact]
    public void LoadWithType_WhenTheStoredValueAlreadyFits_KeepsItsType()
    {
        var dataset = Shared();
        dataset.Save(new List<int> { 1, 2 });

        var loaded = dataset.Load(typeof(IReadOnlyList<int>));

        Assert.Equal(new List<int> { 1, 2 }, Assert.IsType<List<int>>(loaded));
    }

    [Fact]
    public void LoadWithType_WhenTheValueDoesNotFit_ReturnsTheStoredValueForTheCallerToConvert()
    {
        var dataset = Shared();
        dataset.Save("not a number");

        Assert.Equal("not a number", dataset.Load(typeof(int)));
        dataset.Save(42);
        Assert.Equal(42L, dataset.Load(typeof(long)));
    }

    [Fact]
    public async Task LoadAsyncWithType_ReturnsTheValue()
    {
        var dataset = Shared();
        dataset.Save(new[] { 1.0 });

        var loaded = await dataset.LoadAsync(typeof(double[]));

        Assert.Equal([1.0], Assert.IsType<double[]>(loaded));
    }

    [Fact]
    public void Load_OfAValueWithARegisteredSerializer_UsesIt()
    {
        var serializers = new ValueSerializerRegistry().Register(new ShapeSerializer());
        using var manager = _root.CreateManager(serializers);
        var dataset = new SharedMemoryDataset();
        dataset.SetManager(manager);

        dataset.Save(new Shape("circle"));

        Assert.Equal("circle", Assert.IsType<Shape>(dataset.Load()).Kind);
        var file = File.ReadAllBytes(Path.Combine(manager.Directory, dataset.SegmentId!));
        Assert.True(file.AsSpan().IndexOf("shape:circle"u8) > 0);
    }

    [Fact]
    public void Save_OfALambda_FailsNamingTheTypeAndKedrosReason()
    {
        var dataset = Shared("model_fn");
        Func<int> lambda = () => 1;

        var error = Assert.Throws<DatasetException>(() => dataset.Save(lambda));

        Assert.StartsWith(
            "'Func<int>' cannot be serialised. ParallelRunner implicit memory datasets can only be used with serialisable data.",
            error.Message,
            StringComparison.Ordinal);
        Assert.Contains("Dataset 'model_fn' was given a value that is a delegate", error.Message, StringComparison.Ordinal);
        Assert.Contains("ValueSerializerRegistry.Default.Register<Func<Int32>>(...)", error.Message, StringComparison.Ordinal);
        Assert.False(dataset.Exists());
    }

    [Fact]
    public void Save_ThroughTheCatalog_NamesTheDataset()
    {
        var catalog = new SharedMemoryDataCatalog();
        catalog.SetManagerDatasets(_manager, catalog.Keys);
        catalog.Get("handle", fallbackToRuntimePattern: true);

        var error = Assert.Throws<DatasetException>(() => catalog.Save("handle", new MemoryStream()));

        Assert.StartsWith("handle: 'MemoryStream' cannot be serialised.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_OfValuesThatWouldNotReadBack_Fails()
    {
        var counter = new Counter();
        counter.Increment();

        Assert.Contains(
            "has no public properties or fields",
            Assert.Throws<DatasetException>(() => Shared().Save(counter)).Message,
            StringComparison.Ordinal);
        Assert.Contains(
            "does not read back as it was written",
            Assert.Throws<DatasetException>(() => Shared().Save(new Temperature(21.5))).Message,
            StringComparison.Ordinal);
        Assert.Contains(
            "bare 'object'",
            Assert.Throws<DatasetException>(() => Shared().Save(new object())).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Save_ReplacesTheValueAndFreesThePreviousSegment()
    {
        var dataset = Shared();
        dataset.Save(new[] { 1 });
        var first = dataset.SegmentId;

        dataset.Save(new[] { 2 });

        Assert.NotEqual(first, dataset.SegmentId);
        Assert.Equal([dataset.SegmentId!], _manager.Segments());
        Assert.Equal([2], Assert.IsType<int[]>(dataset.Load()));
    }

    [Fact]
    public void Release_FreesTheSegment()
    {
        var dataset = Shared();
        dataset.Save("value");
        Assert.True(dataset.Exists());

        dataset.Release();

        Assert.False(dataset.Exists());
        Assert.Empty(_manager.Segments());
        Assert.Equal("Data for MemoryDataset has not been saved yet.", Assert.Throws<DatasetException>(() => dataset.Load()).Message);
    }

    [Fact]
    public void Load_WhenNothingWasSaved_SaysSoAsKedroDoes()
    {
        var error = Assert.Throws<DatasetException>(() => Shared().Load());

        Assert.Equal("Data for MemoryDataset has not been saved yet.", error.Message);
    }

    [Fact]
    public void WithoutAManager_HoldsTheValueInThisProcess()
    {
        var dataset = new SharedMemoryDataset();
        var data = new List<int> { 1 };
        Assert.False(dataset.Exists());

        dataset.Save(data);

        Assert.True(dataset.Exists());
        Assert.Same(data, dataset.Load());
        Assert.Null(dataset.Manager);
        dataset.Release();
        Assert.False(dataset.Exists());
    }

    [Fact]
    public void SetManager_MovesAValueHeldInThisProcessIntoSharedMemory()
    {
        var dataset = new SharedMemoryDataset();
        dataset.Save(new[] { 1.5 });

        dataset.SetManager(_manager);

        Assert.Same(_manager, dataset.Manager);
        Assert.Equal([dataset.SegmentId!], _manager.Segments());
        Assert.Equal([1.5], Assert.IsType<double[]>(dataset.Load()));
    }

    [Fact]
    public void ForSegment_ReadsAValueAnotherDatasetWrote_AndAdoptingReplacesTheOldSegment()
    {
        var producer = SharedMemoryDataset.ForSegment(SharedMemoryManager.Attach(_manager.Directory), null, "result");
        producer.Save(new[] { 7L });
        var consumer = SharedMemoryDataset.ForSegment(_manager, producer.SegmentId, "result");
        var parent = Shared("result");
        parent.Save(new[] { 0L });
        var old = parent.SegmentId;

        parent.SegmentId = producer.SegmentId;

        Assert.Equal([7L], Assert.IsType<long[]>(consumer.Load()));
        Assert.Equal([7L], Assert.IsType<long[]>(parent.Load()));
        Assert.DoesNotContain(old!, _manager.Segments());
        Assert.StartsWith("result-", producer.SegmentId, StringComparison.Ordinal);
    }

    [Fact]
    public void SegmentId_WithoutAManager_CannotBeSet()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SharedMemoryDataset().SegmentId = "a-1");

        Assert.Contains("SetManager", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detach_KeepsTheValueLoadableAfterTheManagerIsDisposed()
    {
        using var manager = _root.CreateManager();
        var dataset = new SharedMemoryDataset();
        dataset.SetManager(manager);
        dataset.Save(new[] { 3 });

        dataset.Detach();
        manager.Dispose();

        Assert.Null(dataset.Manager);
        Assert.Equal([3], Assert.IsType<int[]>(dataset.Load()));
    }

    [Fact]
    public void DescribeAndToString_AreEmptyAsInKedro()
    {
        var dataset = Shared();
        dataset.Save(1);

        Assert.Empty(dataset.Describe());
        Assert.Equal("Kedro.IO.SharedMemoryDataset()", dataset.ToString());
        Assert.True(dataset.IsEphemeral);
        Assert.False(dataset.IsSingleProcess);
    }

    [Fact]
    public void Save_FromManyThreads_LeavesExactlyOneSegment()
    {
        var dataset = Shared();

        System.Threading.Tasks.Parallel.For(0, 32, i => dataset.Save(new[] { i }));

        Assert.Single(_manager.Segments());
        Assert.Single(Assert.IsType<int[]>(dataset.Load()));
    }

    private SharedMemoryDataset Shared(string name = "data")
    {
        var dataset = SharedMemoryDataset.ForSegment(_manager, null, name);
        return dataset;
    }
}
