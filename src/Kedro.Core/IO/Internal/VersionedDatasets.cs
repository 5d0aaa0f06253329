namespace Kedro.IO.Internal;

/// <summary>Reads the version of any versioned dataset without knowing its data type.</summary>
internal static class VersionedDatasets
{
    /// <summary>Whether a dataset is versioned by type (an <see cref="IVersionedDataset"/>, whether or not versioning is on).</summary>
    public static bool IsVersioned(IDataset dataset) => dataset is IVersionedDataset;

    /// <summary>The version of a versioned dataset, or <see langword="null"/>.</summary>
    public static DatasetVersion? GetVersion(IDataset dataset) => (dataset as IVersionedDataset)?.Version;
}
