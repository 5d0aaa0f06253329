using System.Collections.Concurrent;
using Kedro.IO;

namespace Kedro.WorkerProcesses.SharedMemory;

/// <summary>
/// The bridge to <see cref="SharedMemoryDataset"/> across processes: a worker is told the run's directory and each
/// input's segment; it reports the segment each output was written to, which the parent's dataset adopts.
/// </summary>
internal static class SharedState
{
    private static readonly ConcurrentDictionary<string, SharedMemoryManager> Attached = new(StringComparer.Ordinal);

    /// <summary>Whether the dataset keeps its value in shared memory.</summary>
    public static bool IsShared(IDataset dataset) => dataset is SharedMemoryDataset;

    /// <summary>The dataset's segment, or <see langword="null"/> when it holds nothing.</summary>
    public static string? Describe(DataCatalog catalog, string name) => (catalog.Get(name) as SharedMemoryDataset)?.SegmentId;

    /// <summary>In a worker: the dataset reading (or about to write) a segment of the run's directory.</summary>
    public static IDataset Create(string directory, string name, string? segment)
    {
        var manager = Attached.GetOrAdd(directory, static d => SharedMemoryManager.Attach(d));
        return SharedMemoryDataset.ForSegment(manager, segment, name);
    }

    /// <summary>In the parent: the dataset adopts the segment a worker wrote (freeing the one it held before).</summary>
    public static void Apply(DataCatalog catalog, string name, string segment)
    {
        if (catalog.Get(name) is SharedMemoryDataset dataset)
        {
            dataset.SegmentId = segment;
        }
    }
}
