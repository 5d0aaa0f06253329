namespace Kedro.Framework;

/// <summary>How a session was made and what it runs: what an <see cref="IProjectRunner"/> needs to re-create the project elsewhere.</summary>
public sealed class ProjectRun
{
    internal ProjectRun(
        string sessionId,
        string projectPath,
        string confSource,
        string? env,
        IReadOnlyDictionary<string, object?> runtimeParams,
        IReadOnlyList<string> pipelineNames,
        IReadOnlyDictionary<string, string> loadVersions,
        ProjectSettings settings,
        KedroContext context)
    {
        SessionId = sessionId;
        ProjectPath = projectPath;
        ConfSource = confSource;
        Env = env;
        RuntimeParams = runtimeParams;
        PipelineNames = pipelineNames;
        LoadVersions = loadVersions;
        Settings = settings;
        Context = context;
    }

    /// <summary>The session id, also the run id and the save version of every versioned dataset.</summary>
    public string SessionId { get; }

    /// <summary>The project folder (absolute).</summary>
    public string ProjectPath { get; }

    /// <summary>The configuration folder (absolute), or a URL.</summary>
    public string ConfSource { get; }

    /// <summary>The environment as given to the session, or <see langword="null"/> for the default run environment.</summary>
    public string? Env { get; }

    /// <summary>The parameters that override the configured ones (<c>--params</c>); empty when none.</summary>
    public IReadOnlyDictionary<string, object?> RuntimeParams { get; }

    /// <summary>The pipelines run, in order: <c>__default__</c> when none was named.</summary>
    public IReadOnlyList<string> PipelineNames { get; }

    /// <summary>The versions to load by dataset name (<c>--load-versions</c>); empty when none.</summary>
    public IReadOnlyDictionary<string, string> LoadVersions { get; }

    /// <summary>The project settings of the session.</summary>
    public ProjectSettings Settings { get; }

    /// <summary>
    /// The context the session made for this run: its configuration loader reads any other configuration a runner needs
    /// (for example its own settings file) for the run's environment, source and runtime parameters.
    /// </summary>
    public KedroContext Context { get; }
}
