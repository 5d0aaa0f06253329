using Kedro.Pipelines;
using Microsoft.Extensions.Logging;

namespace Kedro.Framework;

/// <summary>
/// Loggers for node functions and hooks (Python's <c>logging.getLogger(__name__)</c>): while a session runs, they
/// write where the session's <see cref="ProjectSettings.LoggerFactory"/> writes (under the command line: its output);
/// in a ParallelRunner worker process they are forwarded to the parent's log; elsewhere they write nowhere unless
/// <see cref="DefaultLoggerFactory"/> is set.
/// </summary>
public static class KedroLogging
{
    private static readonly AsyncLocal<ILoggerFactory?> Current = new();

    /// <summary>The factory used outside a session run; Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory by default.</summary>
    public static ILoggerFactory DefaultLoggerFactory
    {
        get => NodeLogging.DefaultLoggerFactory;
        set => NodeLogging.DefaultLoggerFactory = value;
    }

    /// <summary>The factory of the session running on this flow of execution, else <see cref="DefaultLoggerFactory"/>.</summary>
    public static ILoggerFactory LoggerFactory => Current.Value ?? DefaultLoggerFactory;

    /// <summary>Creates a logger with a category name, for example <c>Spaceflights.DataScience.Nodes</c>.</summary>
    /// <param name="categoryName">The category.</param>
    /// <returns>A logger that resolves the current factory on each call.</returns>
    public static ILogger CreateLogger(string categoryName)
    {
        ArgumentNullException.ThrowIfNull(categoryName);
        return new DeferredLogger(categoryName);
    }

    /// <summary>Creates a logger named after a type.</summary>
    /// <typeparam name="T">The type whose full name is the category.</typeparam>
    /// <returns>A logger that resolves the current factory on each call.</returns>
    public static ILogger CreateLogger<T>() => CreateLogger(typeof(T).FullName ?? typeof(T).Name);

    /// <summary>
    /// Makes <paramref name="factory"/> current for the rest of the calling async flow (what a session does when it runs,
    /// and a host such as the command line before it creates the session); <see langword="null"/> goes back to
    /// <see cref="DefaultLoggerFactory"/>.
    /// </summary>
    /// <param name="factory">The factory node loggers write to.</param>
    public static void SetCurrent(ILoggerFactory? factory) => Current.Value = factory;

    /// <summary>Looks the factory up at each call, so a logger kept in a static field follows the running session.</summary>
    private sealed class DeferredLogger(string categoryName) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => Resolve().BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => Resolve().IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Resolve().Log(logLevel, eventId, state, exception, formatter);

        private ILogger Resolve() => LoggerFactory.CreateLogger(categoryName);
    }
}
