using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Kedro.Cli;

/// <summary>
/// What a runner registered with <see cref="KedroProjectBuilder.AddRunner"/> is created with: the <c>run</c> options
/// the CLI handles itself, and the other <c>--runner-params</c> keys, which the runner reads.
/// </summary>
public sealed class RunnerContext
{
    private readonly IReadOnlyDictionary<string, object?> _parameters;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    internal RunnerContext(
        bool isAsync,
        int? maxWorkers,
        ILoggerFactory loggerFactory,
        TimeProvider timeProvider,
        string projectPath,
        string? env,
        IReadOnlyDictionary<string, object?> parameters)
    {
        IsAsync = isAsync;
        MaxWorkers = maxWorkers;
        LoggerFactory = loggerFactory;
        TimeProvider = timeProvider;
        ProjectPath = projectPath;
        Env = env;
        _parameters = parameters;
    }

    /// <summary>Whether datasets load and save asynchronously (<c>--async</c> or <c>--runner-params is_async=true</c>).</summary>
    public bool IsAsync { get; }

    /// <summary>The <c>max_workers</c> runner parameter, or <see langword="null"/> when not given.</summary>
    public int? MaxWorkers { get; }

    /// <summary>The project's logger factory.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The project's clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The project folder (absolute).</summary>
    public string ProjectPath { get; }

    /// <summary>The <c>--env</c> given, or <see langword="null"/>.</summary>
    public string? Env { get; }

    /// <summary>The <c>--runner-params</c> keys other than <c>max_workers</c> and <c>is_async</c>.</summary>
    public IReadOnlyCollection<string> ParameterNames => [.. _parameters.Keys];

    internal IReadOnlyCollection<string> UsedParameterNames => _used;

    /// <summary>
    /// Reads a <c>--runner-params</c> value as text and marks the key as used. A key no runner reads is refused as an
    /// unknown runner parameter after the runner is created.
    /// </summary>
    /// <param name="key">The parameter name.</param>
    /// <returns>The value as text, or <see langword="null"/> when the key was not given (or given empty).</returns>
    public string? GetParameter(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _used.Add(key);
        return _parameters.TryGetValue(key, out var value)
            ? value is bool flag ? (flag ? "true" : "false") : Convert.ToString(value, CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>Reads a <c>--runner-params</c> value as a whole number of at least 0 and marks the key as used.</summary>
    /// <param name="key">The parameter name.</param>
    /// <returns>The number, or <see langword="null"/> when the key was not given.</returns>
    /// <remarks>A value that is not a whole number of at least 0 ends the command with a usage error naming the key.</remarks>
    public int? GetInt32Parameter(string key)
    {
        var text = GetParameter(key);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Internal.CliErrors.BadRunnerParameter(key, text);
    }
}
