namespace Kedro.IO;

/// <summary>
/// How to create a dataset of a catalog again, elsewhere (see <see cref="DataCatalog.GetSpecification"/>): its
/// configuration with credentials resolved in place, and its versions. It holds the credentials: never log it.
/// </summary>
/// <param name="Name">The dataset name.</param>
/// <param name="Config">The resolved configuration, with <c>type</c> and the credentials in place.</param>
/// <param name="LoadVersion">The version to load, or <see langword="null"/> for the latest.</param>
/// <param name="SaveVersion">The version to save under, or <see langword="null"/> for a new one.</param>
public sealed record DatasetSpecification(string Name, IReadOnlyDictionary<string, object?> Config, string? LoadVersion, string? SaveVersion)
{
    /// <summary>Creates the dataset with a registry of dataset types (<see cref="DatasetTypeRegistry.Default"/> when none is given).</summary>
    /// <param name="registry">The registry that knows the configuration's <c>type</c>.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="DatasetException">The dataset cannot be created from the configuration.</exception>
    public IDataset Create(DatasetTypeRegistry? registry = null) =>
        (registry ?? DatasetTypeRegistry.Default).Create(Name, Config, LoadVersion, SaveVersion);

    /// <summary>The name only: the configuration holds credentials.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"DatasetSpecification {{ Name = {Name} }}";
}
