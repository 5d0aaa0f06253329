namespace Kedro.Datasets.Partitions;

/// <summary>
/// Decides which partitions an <see cref="IncrementalDataset"/> loads: a partition is loaded when
/// <see cref="Compare"/> returns <see langword="true"/> for its id and the checkpoint (Kedro's <c>comparison_func</c>).
/// Name an implementation in the checkpoint's <c>comparison_func</c> by its full type name; it must be a public class with
/// a public parameterless constructor.
/// </summary>
public interface IPartitionComparison
{
    /// <summary>Whether the partition is new compared with the checkpoint.</summary>
    /// <param name="partitionId">The partition id: its path relative to the dataset's folder, with <c>/</c>, without the filename suffix.</param>
    /// <param name="checkpoint">The checkpoint value: the last confirmed partition id, or <c>force_checkpoint</c>.</param>
    /// <returns><see langword="true"/> to load the partition.</returns>
    bool Compare(string partitionId, string checkpoint);
}
