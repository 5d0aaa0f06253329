using System.Collections.Immutable;
using Kedro.IO;

namespace Kedro.Core.Tests.IO;

public class MemoryDatasetTests
{
    [Fact]
    public void Load_AfterConstructionAndSave_ReturnsTheLatestData()
    {
        var dataset = new MemoryDataset(new List<int> { 1, 2, 3 });
        Assert.Equal([1, 2, 3], (List<int>)dataset.Load()!);

        dataset.Save(new List<int> { 4 });

        Assert.Equal([4], (List<int>)dataset.Load()!);
    }

    [Fact]
    public void Load_WhenConstructedWithNull_ReturnsNull()
    {
        var dataset = new MemoryDataset(null);

        Assert.Null(dataset.Load());
        Assert.True(dataset.Exists());
    }

    [Fact]
    public void Load_WhenEmpty_SaysNothingWasSaved()
    {
        var error = Assert.Throws<DatasetException>(() => new MemoryDataset().Load());

        Assert.Equal("Data for MemoryDataset has not been saved yet.", error.Message);
    }

    [Fact]
    public void Save_WhenDataIsNull_Refuses()
    {
        var error = Assert.Throws<DatasetException>(() => new MemoryDataset().Save(null));

        Assert.Equal("Saving 'null' to a 'Dataset' is not allowed", error.Message);
    }

    [Fact]
    public void Load_AfterTheOriginalIsMutated_ReturnsTheDataAsSaved()
    {
        var original = new List<int> { 1, 2, 3 };
        var array = new[] { 1.0, 2.0 };
        var fromConstructor = new MemoryDataset(original);
        var fromSave = new MemoryDataset();
        var arrays = new MemoryDataset(array);
        fromSave.Save(original);

        original.Add(4);
        array[0] = 99;

        Assert.Equal([1, 2, 3], (List<int>)fromConstructor.Load()!);
        Assert.Equal([1, 2, 3], (List<int>)fromSave.Load()!);
        Assert.Equal([1.0, 2.0], (double[])arrays.Load()!);
    }

    [Fact]
    public void Load_Twice_ReturnsEqualButDistinctObjects()
    {
        var table = new MemoryDataset(new Dictionary<string, List<int>> { ["a"] = [1, 2] });
        var array = new MemoryDataset(new[] { 1, 2, 3 });

        var first = (Dictionary<string, List<int>>)table.Load()!;
        var second = (Dictionary<string, List<int>>)table.Load()!;
        Assert.NotSame(first, second);
        Assert.NotSame(first["a"], second["a"]);
        Assert.Equal(first["a"], second["a"]);

        var a1 = (int[])array.Load()!;
        var a2 = (int[])array.Load()!;
        Assert.NotSame(a1, a2);
        Assert.Equal(a1, a2);
    }

    [Fact]
    public void Load_WhenANodeMutatesWhatItLoaded_LaterLoadsAreUnchanged()
    {
        var dataset = new MemoryDataset(new Order("o-1", [new Line("apple", 1)]));

        // what a node would do with its input
        var loaded = (Order)dataset.Load()!;
        loaded.Lines.Add(new Line("pear", 2));
        loaded.Lines[0].Quantity = 100;

        var again = (Order)dataset.Load()!;
        Assert.Single(again.Lines);
        Assert.Equal(1, again.Lines[0].Quantity);
    }

    [Fact]
    public void Exists_IsFalseWhenEmptyTrueAfterSaveAndFalseAfterRelease()
    {
        var dataset = new MemoryDataset();
        Assert.False(dataset.Exists());
        Assert.True(dataset.IsEphemeral);
        Assert.False(dataset.IsSingleProcess);

        dataset.Save(1);
        Assert.True(dataset.Exists());

        dataset.Release();
        Assert.False(dataset.Exists());
        Assert.Equal("Data for MemoryDataset has not been saved yet.", Assert.Throws<DatasetException>(() => dataset.Load()).Message);
    }

    [Fact]
    public void ToString_ShowsTheHeldType()
    {
        Assert.Equal("Kedro.IO.MemoryDataset(data='<int>')", new MemoryDataset(42).ToString());
        Assert.Equal("Kedro.IO.MemoryDataset(data='<double[]>')", new MemoryDataset(new[] { 1.0 }).ToString());
        Assert.Equal("Kedro.IO.MemoryDataset(data='<List<int>>')", new MemoryDataset(new List<int>()).ToString());
        Assert.Equal(
            "Kedro.IO.MemoryDataset(data='<Dictionary<string, object>>')",
            new MemoryDataset(new Dictionary<string, object>()).ToString());
        Assert.Equal("Kedro.IO.MemoryDataset(data='<null>')", new MemoryDataset(null).ToString());
        Assert.Equal("Kedro.IO.MemoryDataset()", new MemoryDataset().ToString());
    }

    [Fact]
    public void Describe_HoldsTheDataTypeOnlyWhenFilled()
    {
        Assert.Equal("<int>", new MemoryDataset(1).Describe()["data"]);
        Assert.Empty(new MemoryDataset().Describe());
    }

    [Fact]
    public void CopyMode_Assign_ReturnsTheSameObject()
    {
        var data = new List<object> { new List<int> { 1 } };
        var dataset = new MemoryDataset(data, CopyMode.Assign);

        Assert.Same(data, dataset.Load());
        Assert.Equal(CopyMode.Assign, dataset.CopyMode);
    }

    [Fact]
    public void CopyMode_Copy_ReturnsANewContainerHoldingTheSameElements()
    {
        var inner = new List<int> { 1 };
        var data = new List<List<int>> { inner };
        var dataset = new MemoryDataset(data, CopyMode.Copy);

        var loaded = (List<List<int>>)dataset.Load()!;

        Assert.NotSame(data, loaded);
        Assert.Same(inner, loaded[0]);
    }

    [Fact]
    public void CopyMode_DeepCopy_ReturnsNewOuterAndInnerObjects()
    {
        var inner = new List<int> { 1 };
        var data = new List<List<int>> { inner };
        var dataset = new MemoryDataset(data, CopyMode.DeepCopy);

        var loaded = (List<List<int>>)dataset.Load()!;

        Assert.NotSame(data, loaded);
        Assert.NotSame(inner, loaded[0]);
        Assert.Equal(inner, loaded[0]);
    }

    [Fact]
    public void Constructor_WithAnUndefinedCopyMode_Refuses()
    {
        var error = Assert.Throws<DatasetException>(() => new MemoryDataset(1, (CopyMode)42));

        Assert.Equal("Invalid copy mode: 42. Possible values are: deepcopy, copy, assign.", error.Message);
    }

    [Fact]
    public void ParseCopyMode_AcceptsKedroNamesAndRefusesOthers()
    {
        Assert.Equal(CopyMode.DeepCopy, MemoryDataset.ParseCopyMode("deepcopy"));
        Assert.Equal(CopyMode.Copy, MemoryDataset.ParseCopyMode("copy"));
        Assert.Equal(CopyMode.Assign, MemoryDataset.ParseCopyMode("Assign"));

        var error = Assert.Throws<DatasetException>(() => MemoryDataset.ParseCopyMode("alice"));
        Assert.Equal("Invalid copy mode: alice. Possible values are: deepcopy, copy, assign.", error.Message);
    }

    [Fact]
    public void DefaultCopyMode_LeavesImmutableValuesUncopied()
    {
        var text = new string('x', 3);
        var immutable = ImmutableList.Create(1, 2);
        Func<int, int> function = x => x;

        Assert.Same(text, new MemoryDataset(text).Load());
        Assert.Same(immutable, new MemoryDataset(immutable).Load());
        Assert.Same(function, new MemoryDataset(function).Load());
        Assert.Equal(new DateTime(2024, 1, 1), new MemoryDataset(new DateTime(2024, 1, 1)).Load());
    }

    [Fact]
    public void DefaultCopyMode_CopiesArraysOfValuesAndDeepCopiesCollections()
    {
        var strings = new[] { "a", "b" };
        var loadedStrings = (string[])new MemoryDataset(strings).Load()!;
        Assert.NotSame(strings, loadedStrings);
        Assert.Same(strings[0], loadedStrings[0]);

        var nested = new List<Dictionary<string, List<int>>> { new() { ["k"] = [1] } };
        var loaded = (List<Dictionary<string, List<int>>>)new MemoryDataset(nested).Load()!;
        Assert.NotSame(nested[0], loaded[0]);
        Assert.NotSame(nested[0]["k"], loaded[0]["k"]);
        Assert.Equal([1], loaded[0]["k"]);
    }

    [Fact]
    public void DefaultCopyMode_DeepCopiesRecordsBecauseTheyCanHoldMutableMembers()
    {
        var record = new Tagged("t", ["x"]);

        var loaded = (Tagged)new MemoryDataset(record).Load()!;

        Assert.NotSame(record, loaded);
        Assert.NotSame(record.Items, loaded.Items);
        Assert.Equal(record.Items, loaded.Items);
    }

    [Fact]
    public void DeepCopy_KeepsCyclesAndSharedReferences()
    {
        var shared = new Line("shared", 1);
        var a = new GraphNode { Name = "a", Payload = shared };
        var b = new GraphNode { Name = "b", Payload = shared, Next = a };
        a.Next = b;

        var copy = (GraphNode)new MemoryDataset(a).Load()!;

        Assert.NotSame(a, copy);
        Assert.Same(copy, copy.Next!.Next);
        Assert.NotSame(shared, copy.Payload);
        Assert.Same(copy.Payload, copy.Next.Payload);
    }

    [Fact]
    public void DeepCopy_RebuildsDictionariesKeyedByObjectIdentity()
    {
        var key = new Line("k", 1);
        var data = new Dictionary<Line, int>(ReferenceEqualityComparer.Instance) { [key] = 5 };

        var copy = (Dictionary<Line, int>)new MemoryDataset(data).Load()!;

        var copiedKey = Assert.Single(copy.Keys);
        Assert.NotSame(key, copiedKey);
        Assert.Equal(5, copy[copiedKey]);
    }

    [Fact]
    public void DeepCopy_CopiesPrivateFieldsStructsAndMultiDimensionalArrays()
    {
        var counter = new Counter();
        counter.Increment();
        var tuple = (new List<int> { 1 }, 2);
        var grid = new List<int>[2, 2];
        grid[1, 1] = [7];

        var counterCopy = (Counter)new MemoryDataset(counter).Load()!;
        counter.Increment();
        var tupleCopy = ((List<int>, int))new MemoryDataset(tuple).Load()!;
        tuple.Item1.Add(9);
        var gridCopy = (List<int>[,])new MemoryDataset(grid).Load()!;
        grid[1, 1].Add(8);

        Assert.Equal(1, counterCopy.Count);
        Assert.Equal([1], tupleCopy.Item1);
        Assert.Equal([7], gridCopy[1, 1]);
        Assert.Null(gridCopy[0, 0]);
    }

    [Fact]
    public async Task LoadAsyncAndSaveAsync_CopyLikeTheSyncPath()
    {
        var dataset = new MemoryDataset();
        var data = new List<int> { 1 };

        await dataset.SaveAsync(data);
        data.Add(2);

        Assert.Equal([1], (List<int>)(await dataset.LoadAsync())!);
    }

    private sealed record Tagged(string Name, List<string> Items);

    private sealed class Order(string id, List<Line> lines)
    {
        public string Id { get; } = id;

        public List<Line> Lines { get; } = lines;
    }

    private sealed class Line(string name, int quantity)
    {
        public string Name { get; } = name;

        public int Quantity { get; set; } = quantity;
    }

    private sealed class GraphNode
    {
        public string Name { get; set; } = "";

        public GraphNode? Next { get; set; }

        public Line? Payload { get; set; }
    }

    private sealed class Counter
    {
        private readonly int[] _count = new int[1];

        public int Count => _count[0];

        public void Increment() => _count[0]++;
    }
}
