using Kedro.Config;
using Kedro.Framework.Internal;
using Kedro.Hooks;
using Kedro.IO;
using Microsoft.Extensions.Logging;

namespace Kedro.Framework;

/// <summary>
/// The project context of a session (Kedro's <c>KedroContext</c>): the project folder, the environment, the
/// configuration loader, the parameters and a catalog built from configuration with the parameters in it.
/// </summary>
public sealed class KedroContext
{
    private readonly ProjectSettings _settings;
    private readonly HookManager _hookManager;
    private readonly IReadOnlyDictionary<string, object?> _runtimeParams;
    private readonly ILogger _logger;

    internal KedroContext(
        ProjectSettings settings,
        string projectPath,
        OmegaConfigLoader configLoader,
        string? env,
        IReadOnlyDictionary<string, object?> runtimeParams,
        HookManager hookManager)
    {
        _settings = settings;
        ProjectPath = projectPath;
        ConfigLoader = configLoader;
        Env = env;
        _runtimeParams = runtimeParams;
        _hookManager = hookManager;
        _logger = settings.LoggerFactory.CreateLogger("Kedro.Framework.KedroContext");
    }

    /// <summary>The project folder (absolute).</summary>
    public string ProjectPath { get; }

    /// <summary>The environment given to the session, or <see langword="null"/> when the default run environment is used.</summary>
    public string? Env { get; }

    /// <summary>The configuration loader reading the project's <c>conf</c> folder.</summary>
    public OmegaConfigLoader ConfigLoader { get; }

    /// <summary>
    /// The parameters: the <c>parameters</c> configuration with the runtime parameters merged over it; only the
    /// runtime parameters (with a warning) when the project has no parameter files. Read anew on every access.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Params
    {
        get
        {
            Dictionary<string, object?> parameters;
            try
            {
                parameters = ConfigLoader["parameters"];
            }
            catch (MissingConfigException e)
            {
                _logger.ParametersNotFound(e.Message);
                parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
            }

            return ConfigTree.Merge(parameters, _runtimeParams);
        }
    }

    /// <summary>
    /// A new catalog built from the <c>catalog</c> and <c>credentials</c> configuration, with the parameters as
    /// <c>parameters</c>, <c>params:k</c> and <c>params:k.sub</c>. Every access builds a new catalog and fires the
    /// <c>AfterCatalogCreated</c> hook.
    /// </summary>
    public DataCatalog Catalog => GetCatalog(saveVersion: null, loadVersions: null);

    /// <summary>Finds where keys are written in the configuration folders this context reads.</summary>
    internal ConfigLocations Locations => new(ProjectPath, ConfigLoader);

    /// <summary>
    /// A new catalog built like <see cref="Catalog"/>, with a save version and versions to load; fires the
    /// <c>AfterCatalogCreated</c> hook.
    /// </summary>
    /// <param name="saveVersion">The version every versioned dataset saves (the session id in a run); a new timestamp when <see langword="null"/>.</param>
    /// <param name="loadVersions">The versions to load by dataset name; the latest when <see langword="null"/> or missing.</param>
    /// <returns>The catalog.</returns>
    public DataCatalog GetCatalog(string? saveVersion, IReadOnlyDictionary<string, string>? loadVersions)
    {
        var confCatalog = ConfigLoader["catalog"];
        CatalogPaths.MakeAbsolute(confCatalog, ProjectPath);
        CatalogPaths.MakeDatabaseFilesAbsolute(confCatalog, ProjectPath);
        Dictionary<string, object?> confCreds;
        try
        {
            confCreds = ConfigLoader["credentials"];
        }
        catch (MissingConfigException e)
        {
            _logger.CredentialsNotFound(e.Message);
            confCreds = new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        CatalogPaths.MakeDatabaseFilesAbsolute(confCreds, ProjectPath);

        DataCatalog catalog;
        try
        {
            catalog = DataCatalog.FromConfig(
                ConfigTree.CopyMapping(confCatalog),
                ConfigTree.CopyMapping(confCreds),
                loadVersions,
                saveVersion,
                _settings.DatasetRegistry,
                _settings.LoggerFactory.CreateLogger("Kedro.IO.DataCatalog"),
                _settings.TimeProvider);
        }
        catch (DatasetException e) when (EntryLocation(e.Message, confCatalog.Keys) is { } location)
        {
            throw FrameworkErrors.WithCatalogLocation(e, location);
        }

        var parameters = Params;
        foreach (var (name, value) in ParameterFeed.Datasets(parameters))
        {
            catalog.Set(name, value);
        }

        _hookManager.AfterCatalogCreated(catalog, confCatalog, confCreds, parameters, saveVersion, loadVersions);
        return catalog;
    }

    /// <summary>The file and line of the catalog entry a message names in quotes, when one is found.</summary>
    private string? EntryLocation(string message, IEnumerable<string> entries)
    {
        var named = entries.Where(name => message.Contains("'" + name + "'", StringComparison.Ordinal)).ToList();
        return named.Count == 1 ? Locations.Locate("catalog", [named[0]]) : null;
    }
}
