using System.CommandLine;
using Kedro.Cli;
using Kedro.Framework;

namespace Kedro.Hangfire;

/// <summary>Adds Kedro.NET's distributed runner to a project: <c>project.AddPipelines(...).AddHangfire()</c>.</summary>
public static class HangfireProjectBuilderExtensions
{
    /// <summary>
    /// Adds the <c>worker</c> command (runs nodes of distributed runs), the runner name <c>HangfireRunner</c> and the
    /// configuration file patterns of <c>hangfire.yml</c>.
    /// </summary>
    /// <param name="project">The project builder.</param>
    /// <returns>The project builder.</returns>
    public static KedroProjectBuilder AddHangfire(this KedroProjectBuilder project)
    {
        ArgumentNullException.ThrowIfNull(project);
        project.ConfigureSettings(static settings => settings.ConfigPatterns[HangfireOptions.ConfigKey] = HangfireOptions.ConfigPatterns);
        var workers = new Option<int?>("--workers", "-w")
        {
            Description = "How many nodes the worker runs at once. Defaults to the processor count.",
            HelpName = "count",
        };
        var queue = new Option<string?>("--queue", "-q")
        {
            Description = "The Hangfire queue to take nodes from. Defaults to 'queue' in hangfire.yml, then 'kedro'.",
            HelpName = "name",
        };
        var env = KedroOptions.Env();
        var confSource = KedroOptions.ConfSource();
        var command = new Command("worker", "Run nodes of distributed runs (HangfireRunner) until stopped with Ctrl+C or SIGTERM.")
        {
            workers, queue, env, confSource,
        };
        project.AddCommand(command, async (context, cancellationToken) =>
        {
            var parse = context.ParseResult;
            HangfireOptions options;
            using (var session = KedroSession.Create(context.Settings, context.ProjectPath, parse.GetValue(env), confSource: parse.GetValue(confSource)))
            {
                options = HangfireOptions.FromConfiguration(session.LoadContext());
            }

            if (parse.GetValue(workers) is { } count)
            {
                if (count < 1)
                {
                    await context.Error.WriteLineAsync($"--workers must be 1 or more, not {count}.").ConfigureAwait(false);
                    return 2;
                }

                options.WorkerCount = count;
            }

            if (parse.GetValue(queue) is { Length: > 0 } name)
            {
                options.Queue = name;
            }

            try
            {
                options.RequireConnectionString();
                options.Validate();
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                await context.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 1;
            }

            return await HangfireWorker.RunAsync(options, context.Settings, context.ProjectPath, context.LoggerFactory, cancellationToken).ConfigureAwait(false);
        });

        project.AddRunner("HangfireRunner", HangfireRunner.Create);
        return project;
    }
}
