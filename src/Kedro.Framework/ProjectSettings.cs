using Kedro.IO;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kedro.Framework;

/// <summary>
/// A project's settings (Kedro's <c>settings.py</c>), configured in code: where the configuration lives, the
/// environments, the hooks, the pipeline registry, the dataset types the catalog may name, logging and the clock.
/// </summary>
/// <remarks>A session reads the settings when it is created and when it runs; change them before that.</remarks>
public sealed class ProjectSettings
{
    /// <summary>The project's name, logged as <c>Kedro project {name}</c> when a run starts (Kedro's package name).</summary>
    public string ProjectName { get; set; } = "kedro_project";

    /// <summary>The configuration folder, relative to the project folder or absolute (Kedro's <c>CONF_SOURCE</c>); <c>conf</c> by default.</summary>
    public string ConfSource { get; set; } = "conf";

    /// <summary>The environment every run reads first (Kedro's <c>base_env</c>); <c>base</c> by default.</summary>
    public string BaseEnv { get; set; } = "base";

    /// <summary>The environment read over the base when none is given (Kedro's <c>default_run_env</c>); <c>local</c> by default.</summary>
    public string DefaultRunEnv { get; set; } = "local";

    /// <summary>
    /// Configuration file patterns merged over the loader's defaults (Kedro's <c>config_patterns</c>), for example
    /// <c>["spark"] = ["spark*", "spark*/**"]</c>.
    /// </summary>
    public IDictionary<string, IReadOnlyList<string>> ConfigPatterns { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>The hook implementations (instances) registered with every session (Kedro's <c>HOOKS</c>).</summary>
    public IList<object> Hooks { get; } = [];

    /// <summary>The project's pipelines by name; <c>__default__</c> is run when no name is given.</summary>
    public PipelineRegistry Pipelines { get; set; } = PipelineRegistry.Empty;

    /// <summary>The dataset types catalog entries may name; <see cref="DatasetTypeRegistry.Default"/> by default.</summary>
    public DatasetTypeRegistry DatasetRegistry { get; set; } = DatasetTypeRegistry.Default;

    /// <summary>Where the session, the configuration loader, the catalog and the default runner log; nowhere by default.</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>The clock for session ids and save versions; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
