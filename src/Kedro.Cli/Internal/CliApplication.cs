using System.CommandLine;
using System.CommandLine.Help;
using System.Reflection;
using Kedro.Datasets;
using Kedro.Framework;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Kedro.Cli.Internal;

/// <summary>The command tree and the edge where exceptions and cancellation become exit codes.</summary>
internal sealed partial class CliApplication
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;
    public const int Cancelled = 130;

    private readonly KedroProjectBuilder _builder;
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly bool _interactive;
    private readonly TextWriter? _terminal;
    private readonly Assembly? _entryAssembly;
    private readonly Option<bool> _verbose = CliOptions.Verbose();

    public CliApplication(KedroProjectBuilder builder, Assembly? entryAssembly)
    {
        _builder = builder;
        _entryAssembly = entryAssembly;
        _output = builder.Output ?? Console.Out;
        _error = builder.Error ?? Console.Error;
        _terminal = builder.Terminal;
        _interactive = _terminal is not null
            || (builder.Output is null
                && !Console.IsOutputRedirected
                && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")));
        Root = new RootCommand("Kedro.NET project command line: run the project's pipelines and inspect its catalog and pipeline registry.");
        Root.Options.Add(_verbose);
        Root.Subcommands.Add(CreateRunCommand());
        Root.Subcommands.Add(CreateCatalogCommand());
        Root.Subcommands.Add(CreateRegistryCommand());
        foreach (var (command, action) in builder.Commands)
        {
            Root.Subcommands.Add(command);
            command.SetAction((parseResult, cancellationToken) => ExecuteAsync(parseResult, () =>
            {
                var (settings, projectPath, _) = Prepare(parseResult, liveView: false);
                var context = new CommandContext(parseResult, settings, projectPath, _output, _error, parseResult.GetValue(_verbose));
                return action(context, cancellationToken);
            }, cancellationToken));
        }
    }

    public RootCommand Root { get; }

    // The name a ProjectSettings has until the project's settings set one.
    private static readonly string UnsetProjectName = new ProjectSettings().ProjectName;

    // Hosts that load a project's assembly to run its tests: their name is not the project's.
    private static readonly string[] TestHostPrefixes = ["testhost", "ReSharperTestRunner", "xunit.console", "vstest.console", "nCrunch.TaskRunner"];

    public async Task<int> InvokeAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length == 0)
        {
            args = ["--help"];
        }

        var parseResult = Root.Parse(args);
        if (parseResult.Errors.Count > 0 && parseResult.Action is not HelpAction)
        {
            await _error.WriteLineAsync("Error: " + UsageErrors.Describe(parseResult)).ConfigureAwait(false);

            var command = string.Join(' ', parseResult.CommandResult.Command.Parents.OfType<Command>().Reverse().Skip(1)
                .Append(parseResult.CommandResult.Command).Where(static c => c is not RootCommand).Select(static c => c.Name));
            await _error.WriteLineAsync($"Try '{(command.Length == 0 ? string.Empty : command + " ")}--help' for help.").ConfigureAwait(false);
            return UsageError;
        }

        var configuration = new InvocationConfiguration
        {
            Output = _output,
            Error = _error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a command body and maps its outcome to an exit code, writing a readable error.</summary>
    private async Task<int> ExecuteAsync(ParseResult parseResult, Func<Task<int>> body, CancellationToken cancellationToken)
    {
        var verbose = parseResult.GetValue(_verbose);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _error.WriteLineAsync(CliErrors.Aborted).ConfigureAwait(false);
            return Cancelled;
        }
        catch (CliUsageException e)
        {
            await _error.WriteLineAsync("Error: " + e.Message).ConfigureAwait(false);
            return UsageError;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await _error.WriteLineAsync("Error: " + (verbose ? e.ToString() : Describe(e))).ConfigureAwait(false);
            return Failure;
        }
    }

    private static string Describe(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        TargetInvocationException { InnerException: { } inner } => Describe(inner),
        _ => exception.Message,
    };

    private (ProjectSettings Settings, string ProjectPath, PlainLoggerProvider Logs) Prepare(ParseResult parseResult, bool liveView)
    {
        var verbose = parseResult.GetValue(_verbose);
        var settings = _builder.BuildSettings(projectName: null);
        settings.DatasetRegistry.AddKedroDatasets();
        var projectPath = ProjectLocator.Locate(_builder.ProjectPath, settings.ConfSource, _entryAssembly);
        if (settings.ProjectName == UnsetProjectName)
        {
            settings.ProjectName = DefaultProjectName(_entryAssembly?.GetName().Name, projectPath);
        }

        var logs = new PlainLoggerProvider(_output, verbose ? LogLevel.Debug : LogLevel.Information, settings.TimeProvider)
        {
            KedroMinimumLevel = liveView && !verbose ? LogLevel.Warning : null,
        };
        settings.LoggerFactory = new LoggerFactory([logs], new LoggerFilterOptions { MinLevel = LogLevel.Trace });
        KedroLogging.SetCurrent(settings.LoggerFactory);
        return (settings, projectPath, logs);
    }

    /// <summary>
    /// The project's name when its settings set none: the entry assembly's name (the project's program), unless the
    /// entry assembly is a test host, which runs the project's code without being the project; then the project
    /// folder's name.
    /// </summary>
    /// <param name="entryAssemblyName">The entry assembly's name, if any.</param>
    /// <param name="projectPath">The project folder.</param>
    /// <returns>The name logged as <c>Kedro project {name}</c>.</returns>
    internal static string DefaultProjectName(string? entryAssemblyName, string projectPath)
    {
        if (!string.IsNullOrEmpty(entryAssemblyName)
            && !TestHostPrefixes.Any(prefix => entryAssemblyName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            return entryAssemblyName;
        }

        var folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(projectPath)));
        return string.IsNullOrEmpty(folder) ? UnsetProjectName : folder;
    }

    private static string? ResolveConfSource(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Contains("://", StringComparison.Ordinal) && !value.StartsWith("file://", StringComparison.Ordinal))
        {
            return value;
        }

        var local = value.StartsWith("file://", StringComparison.Ordinal) ? value["file://".Length..] : value;
        var full = Path.GetFullPath(local);
        return Directory.Exists(full) || File.Exists(full) ? full : throw CliErrors.ConfSourceMissing(value);
    }

    private IAnsiConsole CreateAnsiConsole() => _terminal is null
        ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) })
        : AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_terminal),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.Yes,
        });
}
