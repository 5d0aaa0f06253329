using Kedro.IO;
using Kedro.WorkerProcesses.Runner;
using Microsoft.Extensions.Logging;

namespace Kedro.Hangfire.Internal;

/// <summary>
/// The catalog of a distributed run, in the driver and in each worker: the project's catalog, with every name it does not
/// declare (the run's intermediate data) mapped by the runtime pattern to a <see cref="RunFolderDataset"/> in the run
/// folder, so all processes of the run read and write the same files. Datasets declared in configuration are created
/// from it, in each process, as in any run.
/// </summary>
internal sealed class RunCatalog : DataCatalog
{
    /// <summary>The type name of the runtime pattern; not a type a catalog entry can name.</summary>
    private const string RunFolderType = "Kedro.Hangfire.RunFolderDataset (intermediate data of a distributed run)";

    private readonly string _runFolder;

    private RunCatalog(
        IDictionary<string, IDataset> datasets,
        CatalogConfigResolver resolver,
        IReadOnlyDictionary<string, string> loadVersions,
        string? saveVersion,
        DatasetTypeRegistry registry,
        ILogger? logger,
        string runFolder)
        : base(datasets, resolver, loadVersions, saveVersion, registry, logger, RuntimePatterns())
    {
        _runFolder = runFolder;
    }

    /// <summary>The run folder holding the intermediate data.</summary>
    public string RunFolder => _runFolder;

    /// <summary>
    /// The run's catalog made from the project's: the same configuration, patterns, credentials, versions and datasets,
    /// with intermediate data in <paramref name="runFolder"/>. A <see cref="MemoryDataset"/> that holds no value (one a
    /// program added to receive a value) becomes a file there too.
    /// </summary>
    /// <param name="catalog">The project's catalog.</param>
    /// <param name="runFolder">The run folder (absolute).</param>
    /// <param name="logger">Where catalog messages go.</param>
    /// <returns>The run's catalog.</returns>
    public static RunCatalog Create(DataCatalog catalog, string runFolder, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrEmpty(runFolder);
        var parts = CatalogParts.Of(catalog, name => new RunFolderDataset(Internal.RunFolder.DataFile(runFolder, name), name));
        var resolver = new CatalogConfigResolver(parts.Config, parts.Credentials, RuntimePatterns(), logger);
        return new RunCatalog(parts.Datasets, resolver, parts.LoadVersions, parts.SaveVersion, catalog.Registry, logger, runFolder);
    }

    protected override IDataset CreateDataset(
        string name, IReadOnlyDictionary<string, object?> config, string? loadVersion, string? saveVersion) =>
        config.GetValueOrDefault("type") is RunFolderType
            ? new RunFolderDataset(Internal.RunFolder.DataFile(_runFolder, name), name)
            : base.CreateDataset(name, config, loadVersion, saveVersion);

    private static Dictionary<string, object?> RuntimePatterns() => new(StringComparer.Ordinal)
    {
        ["{default}"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["type"] = RunFolderType },
    };
}
