using System.CommandLine;
using Kedro.Cli.Internal;
using Kedro.Framework;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;

namespace Kedro.Cli;

/// <summary>
/// Configures the project that <see cref="KedroProject.RunAsync"/> runs: its pipelines, hooks, dataset types and
/// settings, and, for tests and tools, its folder and console.
/// </summary>
public sealed class KedroProjectBuilder
{
    private readonly List<Func<IReadOnlyDictionary<string, Pipeline>>> _registrations = [];
    private readonly List<object> _hooks = [];
    private readonly List<Action<DatasetTypeRegistry>> _datasetConfigurations = [];
    private readonly List<Action<ProjectSettings>> _settingsConfigurations = [];
    private readonly List<(Command Command, Func<CommandContext, CancellationToken, Task<int>> Action)> _commands = [];

    internal KedroProjectBuilder()
    {
        RunnerFactory.AddBuiltIns(this);
    }

    internal RunnerFactory Runners { get; } = new();

    internal IReadOnlyList<(Command Command, Func<CommandContext, CancellationToken, Task<int>> Action)> Commands => _commands;

    internal string? ProjectPath { get; private set; }

    internal TextWriter? Output { get; private set; }

    internal TextWriter? Error { get; private set; }

    /// <summary>A terminal writer that gets the live view as if it were an interactive console (for tests).</summary>
    internal TextWriter? Terminal { get; private set; }

    internal IReadOnlyList<object> Hooks => _hooks;

    /// <summary>
    /// Adds the project's pipelines (Kedro's <c>register_pipelines</c>): names mapped to pipelines, with
    /// <c>__default__</c> run when no <c>--pipelines</c> is given. The function is called once, when first needed; a
    /// later registration replaces pipelines of the same name.
    /// </summary>
    /// <param name="register">Returns the pipelines by name.</param>
    /// <returns>This builder.</returns>
    public KedroProjectBuilder AddPipelines(Func<IReadOnlyDictionary<string, Pipeline>> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        _registrations.Add(register);
        return this;
    }

    /// <summary>Registers hook implementations (instances of the <c>Kedro.Hooks</c> interfaces) with every session (Kedro's <c>HOOKS</c>).</summary>
    /// <param name="hooks">The hook instances.</param>
    /// <returns>This builder.</returns>
    public KedroProjectBuilder AddHooks(params object[] hooks)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        _hooks.AddRange(hooks);
        return this;
    }

    /// <summary>Registers dataset types catalog entries may name, beyond those of <c>Kedro.Datasets</c>, which are always registered.</summary>
    /// <param name="configure">Registers types on the registry.</param>
    /// <returns>This builder.</returns>
    public KedroProjectBuilder ConfigureDatasets(Action<DatasetTypeRegistry> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _datasetConfigurations.Add(configure);
        return this;
    }

    /// <summary>
    /// Adds a runner <c>run --runner NAME</c> may name (also with a <c>kedro.runner.</c> or <c>Kedro.Runners.</c>
    /// prefix). SequentialRunner, ThreadRunner and ParallelRunner are added the same way; adding a name again replaces
    /// its runner. The factory reads its <c>--runner-params</c> from the <see cref="RunnerContext"/>; a key no one
    /// reads is refused as an unknown runner parameter.
    /// </summary>
    /// <param name="name">The runner's name, for example <c>MyRunner</c>.</param>
    /// <param name="create">Creates the runner of one run.</param>
    /// <returns>This builder.</returns>
    public KedroProjectBuilder AddRunner(string name, Func<RunnerContext, AbstractRunner> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(create);
        Runners.Add(name.Trim(), create);
        return this;
    }

    /// <summary>
    /// Adds a top-level command (for example <c>worker</c>). The CLI runs <paramref name="action"/> with the project
    /// settings built as for <c>run</c>, and maps its outcome as for <c>run</c>: the code it returns, 2 for a usage
    /// error, 1 for a failure (the message on the error writer), 130 when cancelled by Ctrl+C and 143 by SIGTERM. An
    /// action that returns normally after cancellation keeps its own code.
    /// </summary>
    /// <param name="command">The command with its options; <c>-v</c> / <c>--verbose</c> is added by the CLI.</param>
    /// <param name="action">Runs the command; returns the exit code.</param>
    /// <returns>This builder.</returns>
    public KedroProjectBuilder AddCommand(Command command, Func<CommandContext, CancellationToken, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(action);
        _commands.Add((command, action));
        return this;
    }

    /// <summary>Changes the project settings (configuration folder, environments, config patterns, project name, clock).</summary>
    /// <param name="configure">Changes the settings.</param>
    /// <returns>This builder.</returns>
    public KedroProjectBuilder ConfigureSettings(Action<ProjectSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _settingsConfigurations.Add(configure);
        return this;
    }

    /// <summary>
    /// Uses this project folder. Without it, the current directory is used when it has a <c>conf</c> folder, else the
    /// entry assembly's <c>[AssemblyMetadata("KedroProjectPath", ...)]</c>.
    /// </summary>
    /// <param name="path">The project folder.</param>
    /// <returns>This builder.</returns>
    public KedroProjectBuilder WithProjectPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ProjectPath = Path.GetFullPath(path);
        return this;
    }

    /// <summary>Writes output and errors to these writers instead of the console (for tests and tools); progress is then plain log lines.</summary>
    /// <param name="output">Where output, help and log lines go.</param>
    /// <param name="error">Where error messages go.</param>
    /// <returns>This builder.</returns>
    public KedroProjectBuilder WithConsole(TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        Output = output;
        Error = error;
        return this;
    }

    /// <summary>
    /// Writes output to <paramref name="terminal"/> as to an interactive ANSI terminal, so <c>run</c> shows its live
    /// view there; errors go to <paramref name="error"/>.
    /// </summary>
    internal KedroProjectBuilder WithTerminal(TextWriter terminal, TextWriter error)
    {
        WithConsole(terminal, error);
        Terminal = terminal;
        return this;
    }

    internal ProjectSettings BuildSettings(string? projectName)
    {
        var settings = new ProjectSettings();
        if (projectName is not null)
        {
            settings.ProjectName = projectName;
        }

        var registrations = _registrations.ToList();
        settings.Pipelines = registrations.Count switch
        {
            0 => PipelineRegistry.Empty,
            1 => new PipelineRegistry(registrations[0]),
            _ => registrations.Select(static r => new PipelineRegistry(r)).Aggregate(static (a, b) => a.Merge(b)),
        };
        foreach (var hook in _hooks)
        {
            settings.Hooks.Add(hook);
        }

        foreach (var configure in _settingsConfigurations)
        {
            configure(settings);
        }

        foreach (var configure in _datasetConfigurations)
        {
            configure(settings.DatasetRegistry);
        }

        return settings;
    }
}
