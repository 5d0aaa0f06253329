using Kedro.IO;

namespace Kedro.WorkerProcesses.Runner;

/// <summary>
/// What a runner's own catalog is made of when it takes the place of a project's catalog for a run (the shared-memory
/// catalog of ParallelRunner, the run-folder catalog of HangfireRunner): the project's configuration with its patterns
/// first, its credentials, the datasets created in code, the load versions and the save version. A memory dataset that
/// holds no value (one a program added to receive a value) is replaced by the runner's kind of intermediate dataset.
/// </summary>
internal sealed record CatalogParts(
    Dictionary<string, object?> Config,
    Dictionary<string, object?> Credentials,
    Dictionary<string, IDataset> Datasets,
    Dictionary<string, string> LoadVersions,
    string? SaveVersion)
{
    /// <summary>Takes <paramref name="catalog"/> apart; the catalog is not changed.</summary>
    /// <param name="catalog">The project's catalog.</param>
    /// <param name="intermediate">The runner's dataset for an empty memory dataset of the given name.</param>
    /// <returns>The parts.</returns>
    public static CatalogParts Of(DataCatalog catalog, Func<string, IDataset> intermediate)
    {
        var (config, credentials, loadVersions, saveVersion) = catalog.ToConfig();
        var merged = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (pattern, patternConfig) in catalog.ConfigResolver.PatternConfigs())
        {
            merged[pattern] = patternConfig; // already a copy
        }

        foreach (var (name, entry) in config)
        {
            merged[name] = entry;
        }

        var datasets = new Dictionary<string, IDataset>(StringComparer.Ordinal);
        foreach (var name in catalog.Keys)
        {
            if (config.ContainsKey(name) || catalog.Get(name) is not { } dataset)
            {
                continue;
            }

            datasets[name] = dataset is MemoryDataset memory && !memory.Exists() ? intermediate(name) : dataset;
        }

        var versions = loadVersions
            .Where(static p => p.Value is not null)
            .ToDictionary(static p => p.Key, static p => p.Value!, StringComparer.Ordinal);
        foreach (var (name, version) in catalog.LoadVersions)
        {
            versions.TryAdd(name, version);
        }

        return new CatalogParts(merged, credentials, datasets, versions, saveVersion ?? catalog.SaveVersion);
    }
}
