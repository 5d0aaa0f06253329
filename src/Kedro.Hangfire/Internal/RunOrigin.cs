using Kedro.Framework;

namespace Kedro.Hangfire.Internal;

/// <summary>
/// How the driver's session made the run, which each worker repeats to re-create the project: the run id (the session
/// id), the project folder, the configuration source and environment, the runtime parameters, the registered pipelines
/// and the load versions.
/// </summary>
/// <param name="RunId">The session id.</param>
/// <param name="ProjectPath">The project folder, absolute.</param>
/// <param name="ConfSource">The configuration source, absolute; the project's own <c>conf</c> folder included.</param>
/// <param name="Env">The environment as given to the session, or <see langword="null"/> for the default.</param>
/// <param name="RuntimeParams">The runtime parameters.</param>
/// <param name="PipelineNames">The registered pipelines the run combines.</param>
/// <param name="LoadVersions">Dataset names mapped to the version to load.</param>
/// <param name="Settings">The project's settings.</param>
/// <param name="Context">The session's context of the run: hangfire.yml and the credentials are read through its configuration loader.</param>
internal sealed record RunOrigin(
    string RunId,
    string ProjectPath,
    string ConfSource,
    string? Env,
    IReadOnlyDictionary<string, object?> RuntimeParams,
    IReadOnlyList<string> PipelineNames,
    IReadOnlyDictionary<string, string> LoadVersions,
    ProjectSettings Settings,
    KedroContext Context)
{
    /// <summary>The job's pipeline argument: the registered name, or the names joined with <c>+</c>.</summary>
    public string PipelineArgument => string.Join('+', PipelineNames);

    /// <summary>
    /// The configuration source for the manifest: <see langword="null"/> when it is the project's own <c>conf</c> folder,
    /// so that each worker reads its own copy of the project wherever the project is installed.
    /// </summary>
    public string? ManifestConfSource =>
        string.Equals(
            Path.TrimEndingDirectorySeparator(ConfSource),
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(Settings.ConfSource, ProjectPath)),
            StringComparison.Ordinal)
            ? null
            : ConfSource;
}
