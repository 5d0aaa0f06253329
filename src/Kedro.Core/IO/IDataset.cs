namespace Kedro.IO;

/// <summary>
/// A named place where data lives: the catalog loads a node's inputs from datasets and saves its
/// outputs to them. Implement it through <c>AbstractDataset&lt;T&gt;</c>, which adds Kedro's error
/// wrapping and messages.
/// </summary>
public interface IDataset
{
    /// <summary>Whether the data lives only in this process's memory (Kedro's <c>_EPHEMERAL</c>): such a dataset is not persisted.</summary>
    bool IsEphemeral { get; }

    /// <summary>Whether the dataset cannot be shared with worker processes (Kedro's <c>_SINGLE_PROCESS</c>).</summary>
    bool IsSingleProcess { get; }

    /// <summary>Loads the data.</summary>
    /// <returns>The data.</returns>
    object? Load();

    /// <summary>Saves the data.</summary>
    /// <param name="data">The data; <see langword="null"/> is refused.</param>
    void Save(object? data);

    /// <summary>Whether there is data to load.</summary>
    /// <returns><see langword="true"/> when <see cref="Load"/> would find data.</returns>
    bool Exists();

    /// <summary>Drops any data held in memory; persisted data stays.</summary>
    void Release();

    /// <summary>Describes the dataset's configuration, as printed by <c>ToString</c>. Never holds credentials.</summary>
    /// <returns>Key and value pairs.</returns>
    IReadOnlyDictionary<string, object?> Describe();

    /// <summary>Loads the data without blocking a thread while it waits for I/O.</summary>
    /// <param name="cancellationToken">Stops the load.</param>
    /// <returns>The data.</returns>
    ValueTask<object?> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Saves the data without blocking a thread while it waits for I/O.</summary>
    /// <param name="data">The data; <see langword="null"/> is refused.</param>
    /// <param name="cancellationToken">Stops the save; a cancelled save leaves the earlier data intact.</param>
    /// <returns>A task that completes when the data is saved.</returns>
    ValueTask SaveAsync(object? data, CancellationToken cancellationToken = default);
}
