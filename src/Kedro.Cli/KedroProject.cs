using System.Reflection;
using System.Runtime.InteropServices;
using Kedro.Cli.Internal;

namespace Kedro.Cli;

/// <summary>
/// The whole command line of a Kedro.NET project, supplied by one call from its <c>Program.cs</c>:
/// <c>return await KedroProject.RunAsync(args, project => project.AddPipelines(PipelineRegistry.Register));</c>
/// </summary>
public static class KedroProject
{
    /// <summary>The exit code after SIGTERM cancelled the command: 128 + 15, as a shell reports a process it terminated.</summary>
    private const int Terminated = 143;

    /// <summary>
    /// Parses <paramref name="args"/> and runs the command (<c>run</c>, <c>catalog</c>, <c>registry</c>). Ctrl+C
    /// (SIGINT) and SIGTERM (what <c>docker stop</c>, systemd and Kubernetes send) cancel a run promptly; a second
    /// signal ends the process at once.
    /// </summary>
    /// <param name="args">The program's arguments, for example <c>run --pipelines data_science --runner ThreadRunner</c>.</param>
    /// <param name="configure">Adds the project's pipelines, hooks and dataset types.</param>
    /// <param name="cancellationToken">Cancels the command, as Ctrl+C does.</param>
    /// <returns>The exit code: 0 success, 1 a run or configuration error, 2 a usage error, 130 cancelled by Ctrl+C
    /// or <paramref name="cancellationToken"/>, 143 cancelled by SIGTERM.</returns>
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
        var received = 0;
        void OnSignal(PosixSignalContext context)
        {
            // The first interrupt or termination cancels the run; a second one is left to the default action.
            if (Interlocked.CompareExchange(ref received, (int)context.Signal, 0) == 0)
            {
                context.Cancel = true;
                cancellation.Cancel();
            }
        }

        var listen = builder.Output is null;
        using var interrupt = listen ? PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal) : null;
        using var terminate = listen ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal) : null;
        var code = await application.InvokeAsync(args, cancellation.Token).ConfigureAwait(false);
        return code == CliApplication.Cancelled && Volatile.Read(ref received) == (int)PosixSignal.SIGTERM ? Terminated : code;
    }
}
