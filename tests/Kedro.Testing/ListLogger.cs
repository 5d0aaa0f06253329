using Microsoft.Extensions.Logging;

namespace Kedro.Testing;

/// <summary>
/// A logger that records every message with its level, thread-safely. For code that takes an
/// <see cref="ILoggerFactory"/>, <see cref="Factory"/> gives loggers of every category that record into the same list.
/// </summary>
public sealed class ListLogger : ILogger
{
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    /// <summary>Creates the logger and its <see cref="Factory"/>.</summary>
    public ListLogger() => Factory = new ListLoggerFactory(this);

    /// <summary>A logger factory whose loggers, whatever their category, are this logger.</summary>
    public ILoggerFactory Factory { get; }

    /// <summary>A snapshot of every (level, message) logged so far, in order.</summary>
    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>A snapshot of every message logged so far, in order.</summary>
    public IReadOnlyList<string> Messages => Entries.Select(static e => e.Message).ToList();

    /// <inheritdoc/>
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc/>
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc/>
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var message = formatter(state, exception);
        lock (_entries)
        {
            _entries.Add((logLevel, message));
        }
    }

    private sealed class ListLoggerFactory(ListLogger logger) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => logger;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }
}
