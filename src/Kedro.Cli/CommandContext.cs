using System.CommandLine;
using Kedro.Framework;
using Microsoft.Extensions.Logging;

namespace Kedro.Cli;

/// <summary>What a command added with <see cref="KedroProjectBuilder.AddCommand"/> runs with.</summary>
public sealed class CommandContext
{
    internal CommandContext(ParseResult parseResult, ProjectSettings settings, string projectPath, TextWriter output, TextWriter error, bool verbose)
    {
        ParseResult = parseResult;
        Settings = settings;
        ProjectPath = projectPath;
        Output = output;
        Error = error;
        Verbose = verbose;
    }

    /// <summary>The parsed command line; read the command's options from it.</summary>
    public ParseResult ParseResult { get; }

    /// <summary>The project settings, built as <c>run</c> builds them: pipelines, hooks, dataset types (with <c>Kedro.Datasets</c>) and logging.</summary>
    public ProjectSettings Settings { get; }

    /// <summary>The project folder (absolute).</summary>
    public string ProjectPath { get; }

    /// <summary>The project's logger factory (<see cref="ProjectSettings.LoggerFactory"/>); debug lines with <c>-v</c>.</summary>
    public ILoggerFactory LoggerFactory => Settings.LoggerFactory;

    /// <summary>Where output goes.</summary>
    public TextWriter Output { get; }

    /// <summary>Where error messages go.</summary>
    public TextWriter Error { get; }

    /// <summary>Whether <c>-v</c> / <c>--verbose</c> was given.</summary>
    public bool Verbose { get; }
}
