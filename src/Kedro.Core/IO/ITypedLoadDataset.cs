namespace Kedro.IO;

/// <summary>
/// A dataset that can load its data as the type the consumer asks for: a CSV file as a list of records of a node
/// parameter's element type, a JSON file as the parameter's record type, and so on. The catalog and the runners call
/// <see cref="Load(Type)"/> with the consuming node parameter's type (<see cref="object"/> when it is unknown); a
/// dataset that does not implement this interface is loaded with <see cref="IDataset.Load"/> and the value converted
/// when that is safe.
/// </summary>
/// <remarks>
/// An implementation returns a value assignable to the requested type when it can, or its usual value otherwise (the
/// caller then converts it or reports the mismatch). It must never create a type that is named in the data itself:
/// only the requested type, or the plain types it loads untyped.
/// </remarks>
public interface ITypedLoadDataset : IDataset
{
    /// <summary>Loads the data as <paramref name="requestedType"/>.</summary>
    /// <param name="requestedType">The type the consumer wants; <see cref="object"/> for the dataset's untyped value.</param>
    /// <returns>The data, an instance of <paramref name="requestedType"/> when the dataset could produce one.</returns>
    /// <exception cref="DatasetException">The load failed, or the data cannot be read as <paramref name="requestedType"/>.</exception>
    object? Load(Type requestedType);

    /// <summary>Loads the data as <paramref name="requestedType"/> without blocking a thread while it waits for I/O.</summary>
    /// <param name="requestedType">The type the consumer wants; <see cref="object"/> for the dataset's untyped value.</param>
    /// <param name="cancellationToken">Stops the load.</param>
    /// <returns>The data, an instance of <paramref name="requestedType"/> when the dataset could produce one.</returns>
    /// <exception cref="DatasetException">The load failed, or the data cannot be read as <paramref name="requestedType"/>.</exception>
    ValueTask<object?> LoadAsync(Type requestedType, CancellationToken cancellationToken = default);
}
