using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Kedro.Cli.Internal;

/// <summary>
/// Writes log lines as <c>[HH:mm:ss] LEVEL    message</c> to a writer (Kedro's plain console format). While
/// <see cref="Hold"/> is on, lines are kept and written when it is turned off, so a live view is not torn.
/// </summary>
/// <remarks>
/// <see cref="MinimumLevel"/> applies to every category; <see cref="KedroMinimumLevel"/>, when set, raises it for
/// Kedro.NET's own categories (<c>Kedro.*</c>), so a live view can replace Kedro's per-node lines while the project's
/// own lines (a node's <c>Model has a coefficient R^2 ...</c>, also when a ParallelRunner relays it from a worker) are
/// still shown.
/// </remarks>
internal sealed class PlainLoggerProvider(TextWriter output, LogLevel minimumLevel, TimeProvider timeProvider) : ILoggerProvider
{
    private readonly Lock _lock = new();
    private readonly List<string> _held = [];
    private bool _hold;

    public LogLevel MinimumLevel { get; set; } = minimumLevel;

    public LogLevel? KedroMinimumLevel { get; set; }

    public bool Hold
    {
        get
        {
            lock (_lock)
            {
                return _hold;
            }
        }

        set
        {
            lock (_lock)
            {
                _hold = value;
                if (!value)
                {
                    foreach (var line in _held)
                    {
                        output.WriteLine(line);
                    }

                    _held.Clear();
                    output.Flush();
                }
            }
        }
    }

    public ILogger CreateLogger(string categoryName) =>
        new PlainLogger(
            this,
            isKedro: categoryName.StartsWith("Kedro.", StringComparison.Ordinal),
            mayRelay: categoryName.StartsWith("Kedro.Runners.ParallelRunner", StringComparison.Ordinal));

    public void Dispose() => Hold = false;

    private void Write(LogLevel level, string message, Exception? exception, bool verbose)
    {
        var time = timeProvider.GetLocalNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var text = $"[{time}] {LevelName(level),-8} {message}";
        if (exception is not null && verbose)
        {
            text += Environment.NewLine + exception;
        }

        lock (_lock)
        {
            if (_hold)
            {
                _held.Add(text);
            }
            else
            {
                output.WriteLine(text);
                output.Flush();
            }
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRITICAL",
        _ => level.ToString().ToUpperInvariant(),
    };

    // A ParallelRunner logs a node's own entries (and a worker's other output) under its own category; they are the
    // project's lines, not Kedro.NET's, so the live view keeps them.
    private static bool IsRelayedFromWorker(EventId eventId) => eventId.Name is "NodeLog" or "WorkerOutput";

    /// <param name="provider">The provider that writes the lines.</param>
    /// <param name="isKedro">The category is Kedro.NET's own, so <see cref="KedroMinimumLevel"/> applies.</param>
    /// <param name="mayRelay">The category may relay a worker's lines, which pass below <see cref="KedroMinimumLevel"/>.</param>
    private sealed class PlainLogger(PlainLoggerProvider provider, bool isKedro, bool mayRelay) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        // Below KedroMinimumLevel a Kedro category is disabled outright (so its entries are not even formatted), except
        // one that may relay a worker's lines: its entries are then told apart by their event.
        public bool IsEnabled(LogLevel logLevel) =>
            logLevel != LogLevel.None && logLevel >= provider.MinimumLevel
            && (!isKedro || mayRelay || provider.KedroMinimumLevel is not { } kedroLevel || logLevel >= kedroLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)
                && (!isKedro || provider.KedroMinimumLevel is not { } kedroLevel || logLevel >= kedroLevel || IsRelayedFromWorker(eventId)))
            {
                provider.Write(logLevel, formatter(state, exception), exception, provider.MinimumLevel <= LogLevel.Debug);
            }
        }
    }
}
