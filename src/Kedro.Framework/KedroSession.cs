using System.Reflection;
using Kedro.Config;
using Kedro.Framework.Internal;
using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;
using Microsoft.Extensions.Logging;

namespace Kedro.Framework;

/// <summary>
/// One session of work on a project (Kedro's <c>KedroSession</c>): it loads the project context from
/// configuration and runs pipelines from the registry, firing the context, catalog and pipeline hooks. A session
/// allows one successful run; its id (a timestamp) is the run id and the save version of every versioned dataset.
/// </summary>
public sealed class KedroSession : IDisposable
{
    /// <summary>The environment variable read when no environment is given (Kedro's <c>KEDRO_ENV</c>).</summary>
    public const string EnvironmentVariable = "KEDRO_ENV";

    private readonly Dictionary<string, object?> _store;
    private readonly IReadOnlyDictionary<string, object?> _runtimeParams;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private bool _runCompleted;
    private bool _running;
    private bool _disposed;

    private KedroSession(
        ProjectSettings settings,
        string sessionId,
        string projectPath,
        string confSource,
        string? env,
        IReadOnlyDictionary<string, object?> runtimeParams,
        HookManager hookManager)
    {
        Settings = settings;
        SessionId = sessionId;
        ProjectPath = projectPath;
        ConfSource = confSource;
        Env = env;
        _runtimeParams = runtimeParams;
        HookManager = hookManager;
        _logger = settings.LoggerFactory.CreateLogger("Kedro.Framework.KedroSession");
        _store = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["project_path"] = projectPath,
            ["session_id"] = sessionId,
        };
        if (env is not null)
        {
            _store["env"] = env;
        }

        if (runtimeParams.Count > 0)
        {
            _store["runtime_params"] = runtimeParams;
        }
    }

    /// <summary>The session's id: a timestamp such as <c>2026-11-23T17.05.00.000Z</c>, also the run id and the save version.</summary>
    public string SessionId { get; }

    /// <summary>The project folder (absolute).</summary>
    public string ProjectPath { get; }

    /// <summary>The configuration folder (absolute), or a URL.</summary>
    public string ConfSource { get; }

    /// <summary>The environment given (or read from <c>KEDRO_ENV</c>), or <see langword="null"/> for the default run environment.</summary>
    public string? Env { get; }

    /// <summary>The project settings this session uses.</summary>
    public ProjectSettings Settings { get; }

    /// <summary>The hooks of this session: the settings' hooks, registered when the session was created.</summary>
    public HookManager HookManager { get; }

    /// <summary>What the session records about itself (Kedro's session store): <c>project_path</c>, <c>session_id</c>, and <c>env</c> and <c>runtime_params</c> when given.</summary>
    public IReadOnlyDictionary<string, object?> Store => _store;

    /// <summary>The version of Kedro.NET, as recorded in the run parameters.</summary>
    public static string KedroVersion { get; } =
        typeof(KedroSession).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(KedroSession).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    /// <summary>Creates a session (Kedro's <c>KedroSession.create</c>).</summary>
    /// <param name="settings">The project settings: pipelines, hooks, dataset types, logging, clock.</param>
    /// <param name="projectPath">The project folder; the current directory when <see langword="null"/>.</param>
    /// <param name="env">The configuration environment; <c>KEDRO_ENV</c>, then the settings' default run environment, when <see langword="null"/>.</param>
    /// <param name="runtimeParams">Parameters that override the configured ones (<c>--params</c>).</param>
    /// <param name="confSource">The configuration folder; <c>{projectPath}/{settings.ConfSource}</c> when <see langword="null"/>.</param>
    /// <returns>The session.</returns>
    /// <exception cref="ArgumentException">A hook is registered as a type instead of an instance.</exception>
    public static KedroSession Create(
        ProjectSettings settings,
        string? projectPath = null,
        string? env = null,
        IReadOnlyDictionary<string, object?>? runtimeParams = null,
        string? confSource = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var path = Path.GetFullPath(projectPath ?? Directory.GetCurrentDirectory());
        var source = string.IsNullOrEmpty(confSource)
            ? Path.GetFullPath(Path.Combine(path, settings.ConfSource))
            : confSource.Contains("://", StringComparison.Ordinal) ? confSource : Path.GetFullPath(confSource, path);
        env ??= Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromVariable ? fromVariable : null;
        var hookManager = new HookManager(settings.LoggerFactory.CreateLogger("Kedro.Hooks.HookManager"));
        foreach (var hooks in settings.Hooks)
        {
            hookManager.Register(hooks);
        }

        var sessionId = DatasetVersions.GenerateTimestamp(settings.TimeProvider);
        var parameters = runtimeParams is null
            ? new Dictionary<string, object?>(StringComparer.Ordinal)
            : ConfigTree.CopyMapping(runtimeParams);
        return new KedroSession(settings, sessionId, path, source, env, parameters, hookManager);
    }

    /// <summary>
    /// Builds the project context: a configuration loader over <see cref="ConfSource"/> for the session's environment
    /// and runtime parameters. Fires <see cref="IContextHooks.AfterContextCreated"/>.
    /// </summary>
    /// <returns>A new context.</returns>
    public KedroContext LoadContext()
    {
        ThrowIfDisposed();
        var configLoader = CreateConfigLoader(_runtimeParams);
        var context = new KedroContext(Settings, ProjectPath, configLoader, Env, _runtimeParams, HookManager);
        HookManager.AfterContextCreated(context);
        return context;
    }

    /// <summary>The parameters of the parameter files alone, without the runtime parameters; <see langword="null"/> when they cannot be read so.</summary>
    private Dictionary<string, object?>? ConfiguredParameters()
    {
        try
        {
            return CreateConfigLoader(runtimeParams: null)["parameters"];
        }
        catch (Exception e) when (e is MissingConfigException or BadConfigException)
        {
            return null;
        }
    }

    private OmegaConfigLoader CreateConfigLoader(IReadOnlyDictionary<string, object?>? runtimeParams) => new(
        ConfSource,
        Env,
        runtimeParams,
        Settings.BaseEnv,
        Settings.DefaultRunEnv,
        Settings.ConfigPatterns.Count == 0 ? null : new Dictionary<string, IReadOnlyList<string>>(Settings.ConfigPatterns, StringComparer.Ordinal),
        Settings.LoggerFactory.CreateLogger("Kedro.Config.OmegaConfigLoader"));

    /// <summary>
    /// Runs the selected pipelines (Kedro's <c>session.run</c>): combines the named pipelines, applies the filters,
    /// builds the catalog with the session id as save version, and runs with the pipeline hooks around the runner.
    /// A runner that implements <see cref="IProjectRunner"/> is given the <see cref="ProjectRun"/> after the catalog is
    /// built and before the <c>BeforePipelineRun</c> hook.
    /// </summary>
    /// <param name="options">What to run; the <c>__default__</c> pipeline with a <see cref="SequentialRunner"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The pipeline's free outputs by name, as datasets.</returns>
    /// <exception cref="KedroSessionException">A run already completed in this session.</exception>
    /// <exception cref="ArgumentException">A pipeline name is unknown, or the filters leave no node.</exception>
    public async Task<IReadOnlyDictionary<string, IDataset>> RunAsync(RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RunOptions();
        _logger.KedroProject(Settings.ProjectName);
        lock (_lock)
        {
            ThrowIfDisposed();
            if (_runCompleted || _running)
            {
                throw FrameworkErrors.RunAlreadyCompleted();
            }

            _running = true;
        }

        KedroLogging.SetCurrent(Settings.LoggerFactory);
        try
        {
            var context = LoadContext();
            var names = options.PipelineNames is { Count: > 0 } given ? given : [PipelineRegistry.DefaultPipelineName];
            Pipeline? combined = null;
            foreach (var name in names)
            {
                combined += Settings.Pipelines[name];
            }

            var filtered = combined!.Filter(
                options.Tags,
                options.FromNodes,
                options.ToNodes,
                options.NodeNames,
                options.FromInputs,
                options.ToOutputs,
                options.Namespaces);
            if (_runtimeParams.Count > 0)
            {
                RuntimeParamsCheck.Check(filtered, _runtimeParams, ConfiguredParameters(), context.Locations, _logger);
            }

            var runner = options.Runner ?? new SequentialRunner(logger: Settings.LoggerFactory.CreateLogger("Kedro.Runners.SequentialRunner"))
            {
                TimeProvider = Settings.TimeProvider,
            };
            var runParams = new RunParams
            {
                RunId = SessionId,
                ProjectPath = ProjectPath.Replace('\\', '/'),
                Env = context.Env,
                KedroVersion = KedroVersion,
                Tags = options.Tags,
                FromNodes = options.FromNodes,
                ToNodes = options.ToNodes,
                NodeNames = options.NodeNames,
                FromInputs = options.FromInputs,
                ToOutputs = options.ToOutputs,
                LoadVersions = options.LoadVersions,
                RuntimeParams = _runtimeParams,
                PipelineNames = options.PipelineNames,
                Namespaces = options.Namespaces,
                Runner = runner.GetType().Name,
                OnlyMissingOutputs = options.OnlyMissingOutputs,
            };
            var catalog = context.GetCatalog(SessionId, options.LoadVersions);
            if (runner is IProjectRunner projectRunner)
            {
                projectRunner.PrepareRun(new ProjectRun(
                    SessionId,
                    ProjectPath,
                    ConfSource,
                    Env,
                    _runtimeParams,
                    [.. names],
                    options.LoadVersions is { } loadVersions
                        ? new Dictionary<string, string>(loadVersions, StringComparer.Ordinal)
                        : new Dictionary<string, string>(StringComparer.Ordinal),
                    Settings,
                    context));
            }

            HookManager.BeforePipelineRun(runParams, filtered, catalog);
            IReadOnlyDictionary<string, IDataset> result;
            try
            {
                result = await runner.RunAsync(filtered, catalog, HookManager, SessionId, options.OnlyMissingOutputs, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception error)
            {
                HookManager.OnPipelineError(error, runParams, filtered, catalog);
                throw;
            }

            lock (_lock)
            {
                _runCompleted = true;
            }

            HookManager.AfterPipelineRun(runParams, result, filtered, catalog);
            return result;
        }
        finally
        {
            lock (_lock)
            {
                _running = false;
            }
        }
    }

    /// <summary>Runs the selected pipelines and blocks until done; see <see cref="RunAsync"/>.</summary>
    /// <param name="options">What to run.</param>
    /// <returns>The pipeline's free outputs by name, as datasets.</returns>
    public IReadOnlyDictionary<string, IDataset> Run(RunOptions? options = null) =>
        Task.Run(() => RunAsync(options)).GetAwaiter().GetResult();

    /// <summary>Closes the session; later calls to <see cref="LoadContext"/> and <see cref="RunAsync"/> fail.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
