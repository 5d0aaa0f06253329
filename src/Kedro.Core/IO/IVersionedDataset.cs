namespace Kedro.IO;

/// <summary>
/// A dataset that saves each version to its own folder (Kedro's versioned datasets): every
/// <see cref="AbstractVersionedDataset{T}"/> is one. Code that handles any dataset (a file writer, a runner) asks for
/// the version through this interface without knowing the data type.
/// </summary>
public interface IVersionedDataset : IDataset
{
    /// <summary>The versions to load and save, or <see langword="null"/> when versioning is off.</summary>
    DatasetVersion? Version { get; }
}
