using Kedro.Cli;
using Kedro.Framework;
using Kedro.Hangfire.Internal;
using Kedro.Runners;

namespace Kedro.Hangfire;

public sealed partial class HangfireRunner : IProjectRunner
{
    /// <summary>
    /// Records how the session made the run, so each worker re-creates the project the same way; called by
    /// <c>KedroSession.RunAsync</c> once per run, before the run starts.
    /// </summary>
    /// <param name="run">The session's run: its id, project folder, configuration, runtime parameters and pipelines.</param>
    public void PrepareRun(ProjectRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Prepare(new RunOrigin(run.SessionId, run.ProjectPath, run.ConfSource, run.Env, run.RuntimeParams, run.PipelineNames, run.LoadVersions, run.Settings, run.Context));
    }

    /// <summary>
    /// The runner <c>run --runner HangfireRunner</c> uses: its options are read when the run is prepared, from
    /// <c>hangfire.yml</c> and the credentials of the run's own project and environment; <c>--runner-params</c>
    /// <c>shared_root</c>, <c>retries</c> and <c>max_workers</c> override them.
    /// </summary>
    /// <param name="context">The command line's runner options.</param>
    /// <returns>The runner.</returns>
    public static AbstractRunner Create(RunnerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sharedRoot = context.GetParameter("shared_root");
        var retries = context.GetInt32Parameter("retries");
        var maxWorkers = context.MaxWorkers;
        return new HangfireRunner(
            origin =>
            {
                var options = HangfireOptions.FromConfiguration(origin.Context);
                if (!string.IsNullOrWhiteSpace(sharedRoot))
                {
                    options.SharedRoot = sharedRoot;
                }

                if (retries is { } count)
                {
                    options.Retries = count;
                }

                if (maxWorkers is { } most)
                {
                    options.MaxWorkers = most;
                }

                return options;
            },
            context.IsAsync,
            context.LoggerFactory.CreateLogger("Kedro.Runners.HangfireRunner"))
        {
            TimeProvider = context.TimeProvider,
        };
    }
}
