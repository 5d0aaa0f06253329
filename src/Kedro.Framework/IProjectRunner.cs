namespace Kedro.Framework;

/// <summary>
/// A runner that re-creates the project in other processes (a distributed runner). <see cref="KedroSession.RunAsync"/>
/// tells it how the session was made, so the other processes can build the same context and catalog.
/// </summary>
public interface IProjectRunner
{
    /// <summary>
    /// Called by <see cref="KedroSession.RunAsync"/> once per run, after the catalog is built and before the
    /// <c>BeforePipelineRun</c> hook and the runner's <c>RunAsync</c>.
    /// </summary>
    /// <param name="run">How the session was made and what it runs.</param>
    void PrepareRun(ProjectRun run);
}
