using System.Reflection;
using Kedro.Cli.Internal;

namespace Kedro.Cli;

/// <summary>
/// The whole command line of a Kedro.NET project, supplied by one call from its <c>Program.cs</c>:
/// <c>return await KedroProject.RunAsync(args, project => project.AddPipelines(PipelineRegistry.Register));</c>
/// </summary>
public static class KedroProject
{
    /// <summary>
    /// Parses <paramref name="args"/> and runs the command (<c>run</c>, <c>catalog</c>, <c>registry</c>). Ctrl+C
    /// cancels a run promptly.
    /// </summary>
    /// <param name="args">The program's arguments, for example <c>run --pipelines data_science --runner ThreadRunner</c>.</param>
    /// <param name="configure">Adds the project's pipelines, hooks and dataset types.</param>
    /// <param name="cancellationToken">Cancels the command, as Ctrl+C does.</param>
    /// <returns>The exit code: 0 success, 1 a run or configuration error, 2 a usage error, 130 cancelled.</returns>
    public static async Task<int> RunAsync(
        string[] args,
        Func<KedroProjectBuilder, KedroProjectBuilder>? configure = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = new KedroProjectBuilder();
        builder = configure?.Invoke(builder) ?? builder;
        var application = new CliApplication(builder, Assembly.GetEntryAssembly());
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var interrupted = false;
        void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
        {
            if (!interrupted)
            {
                interrupted = true;
                e.Cancel = true;
                cancellation.Cancel();
            }
        }

        var listen = builder.Output is null;
        if (listen)
        {
            Console.CancelKeyPress += OnCancelKeyPress;
        }

        try
        {
            return await application.InvokeAsync(args, cancellation.Token).ConfigureAwait(false);
        }
        finally
        {
            if (listen)
            {
                Console.CancelKeyPress -= OnCancelKeyPress;
            }
        }
    }
}
