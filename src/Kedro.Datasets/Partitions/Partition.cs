namespace Kedro.Datasets.Partitions;

/// <summary>One partition: its id, the full path its dataset reads, and the set that creates its dataset.</summary>
internal sealed class Partition(string id, string filePath, PartitionSet set)
{
    public string Id { get; } = id;

    public string FilePath { get; } = filePath;

    /// <summary>Loads the partition as <typeparamref name="T"/> (the target of the functions a load hands out).</summary>
    public T Load<T>() => (T)PartitionLoads.Load(set, this, typeof(T))!;

    /// <summary>Loads the partition as <typeparamref name="T"/> without blocking a thread on I/O.</summary>
    public async ValueTask<T> LoadAsync<T>(CancellationToken cancellationToken) =>
        (T)(await PartitionLoads.LoadAsync(set, this, typeof(T), cancellationToken).ConfigureAwait(false))!;
}
