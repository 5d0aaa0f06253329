using Kedro.IO;

namespace Kedro.Core.Tests.IO;

public class CachedDatasetTests
{
    [Fact]
    public void TypedLoad_AsksTheWrappedDatasetForTheTypeAndServesItFromTheCacheAfterwards()
    {
        var inner = new TypedProbeDataset(type => type == typeof(int[]) ? new[] { 1, 2 } : "untyped");
        var cached = new CachedDataset(inner);

        var first = cached.Load(typeof(int[]));
        var second = cached.Load(typeof(int[]));

        Assert.Equal([1, 2], Assert.IsType<int[]>(first));
        Assert.Equal([1, 2], Assert.IsType<int[]>(second));
        Assert.Equal([typeof(int[])], inner.Requested);
    }

    [Fact]
    public async Task TypedLoadAsync_WhenTheCachedValueIsOfAnotherType_LoadsTheRequestedTypeFromTheWrappedDataset()
    {
        var inner = new TypedProbeDataset(type => type == typeof(string) ? "text" : 7);
        var cached = new CachedDataset(inner);
        cached.Save(3);

        var data = await cached.LoadAsync(typeof(string));

        Assert.Equal("text", data);
        Assert.Equal([typeof(string)], inner.Requested);
    }

    [Fact]
    public void Load_WhenNothingSaved_SaysNothingWasSaved()
    {
        var dataset = new CachedDataset(new MemoryDataset());

        var error = Assert.Throws<DatasetException>(() => dataset.Load());

        Assert.Contains("has not been saved yet", error.Message, StringComparison.Ordinal);
        Assert.True(dataset.IsEphemeral);
        Assert.True(dataset.IsSingleProcess);
    }

    [Fact]
    public void SaveThenLoad_SavesToTheWrappedDatasetOnceAndLoadsFromTheCache()
    {
        var inner = new CountingDataset(new MemoryDataset());
        var dataset = new CachedDataset(inner);

        dataset.Save(42);

        Assert.Equal(42, dataset.Load());
        Assert.Equal(42, dataset.Load());
        Assert.Equal(1, inner.Saves);
        Assert.Equal(0, inner.Loads);
    }

    [Fact]
    public void Load_WhenCacheIsCold_LoadsTheWrappedDatasetOnce()
    {
        var inner = new CountingDataset(new MemoryDataset(-42));
        var dataset = new CachedDataset(inner);

        Assert.Equal(-42, dataset.Load());
        Assert.Equal(-42, dataset.Load());
        Assert.Equal(1, inner.Loads);
        Assert.Equal(0, inner.Saves);
    }

    [Fact]
    public void Exists_IsFalseUntilSaved()
    {
        var dataset = new CachedDataset(new MemoryDataset());
        Assert.False(dataset.Exists());

        dataset.Save(1);

        Assert.True(dataset.Exists());
    }

    [Fact]
    public void Exists_WhenOnlyTheWrappedDatasetHasData_IsTrue()
    {
        Assert.True(new CachedDataset(new MemoryDataset(1)).Exists());
    }

    [Fact]
    public void Release_ReleasesCacheAndWrappedDataset()
    {
        var inner = new CountingDataset(new MemoryDataset());
        var dataset = new CachedDataset(inner);
        dataset.Save(42);

        dataset.Release();

        Assert.Equal(1, inner.Releases);
        var error = Assert.Throws<DatasetException>(() => dataset.Load());
        Assert.Equal("Data for MemoryDataset has not been saved yet.", error.Message);
    }

    [Fact]
    public void ToString_DescribesTheWrappedDatasetAndTheCache()
    {
        var dataset = new CachedDataset(new MemoryDataset(42));

        Assert.Equal(
            "Kedro.IO.CachedDataset(dataset=\"Kedro.IO.MemoryDataset(data='<int>')\", cache='Kedro.IO.MemoryDataset()')",
            dataset.ToString());
        Assert.Equal(["dataset", "cache"], dataset.Describe().Keys);
    }

    [Fact]
    public void Dataset_IsTheWrappedDataset()
    {
        var inner = new MemoryDataset();

        Assert.Same(inner, new CachedDataset(inner).Dataset);
    }

    [Fact]
    public void Constructor_WithNull_Refuses()
    {
        Assert.Throws<ArgumentNullException>(() => new CachedDataset(null!));
    }

    [Fact]
    public void CopyMode_AppliesToTheCache()
    {
        var data = new List<int> { 1 };
        var dataset = new CachedDataset(new MemoryDataset(), CopyMode.Assign);

        dataset.Save(data);

        Assert.Same(data, dataset.Load());
    }

    [Fact]
    public async Task LoadAsyncAndSaveAsync_UseTheWrappedDatasetAndTheCache()
    {
        var inner = new CountingDataset(new MemoryDataset(7));
        var dataset = new CachedDataset(inner);

        Assert.Equal(7, await dataset.LoadAsync());
        Assert.Equal(7, await dataset.LoadAsync());
        await dataset.SaveAsync(8);

        Assert.Equal(8, await dataset.LoadAsync());
        Assert.Equal(1, inner.Loads);
        Assert.Equal(1, inner.Saves);
    }

    private sealed class CountingDataset(IDataset inner) : IDataset
    {
        public int Loads { get; private set; }

        public int Saves { get; private set; }

        public int Releases { get; private set; }

        public bool IsEphemeral => inner.IsEphemeral;

        public bool IsSingleProcess => inner.IsSingleProcess;

        public object? Load()
        {
            Loads++;
            return inner.Load();
        }

        public void Save(object? data)
        {
            Saves++;
            inner.Save(data);
        }

        public bool Exists() => inner.Exists();

        public void Release()
        {
            Releases++;
            inner.Release();
        }

        public IReadOnlyDictionary<string, object?> Describe() => inner.Describe();

        public ValueTask<object?> LoadAsync(CancellationToken cancellationToken = default) => new(Load());

        public ValueTask SaveAsync(object? data, CancellationToken cancellationToken = default)
        {
            Save(data);
            return ValueTask.CompletedTask;
        }

        public override string ToString() => inner.ToString()!;
    }
}
