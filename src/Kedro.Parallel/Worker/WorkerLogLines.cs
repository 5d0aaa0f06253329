using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Kedro.WorkerProcesses.Worker;

/// <summary>
/// Log entries written in a worker process (a node's own logging) travel to the parent as marked lines on the worker's
/// standard error, and the parent logs them with their level. What a node writes to standard output travels the same
/// way under <see cref="ConsoleCategory"/>; other standard-error lines stay plain (the parent logs them as warnings).
/// </summary>
internal static class WorkerLogLines
{
    /// <summary>The category of a line a node wrote to standard output (no logger category can be this).</summary>
    public const string ConsoleCategory = "\u001Estdout";

    private const char Separator = '\u001F';
    private const string Marker = "\u001Ekedro-log\u001F";

    /// <summary>A logger factory for the worker process whose loggers write marked lines to standard error.</summary>
    public static ILoggerFactory CreateFactory() => new Factory();

    /// <summary>Formats one entry as a single marked line.</summary>
    public static string Format(LogLevel level, string category, string message) =>
        string.Concat(Marker, ((int)level).ToString(CultureInfo.InvariantCulture), Separator.ToString(), category, Separator.ToString(), JsonSerializer.Serialize(message));

    /// <summary>Reads a line written by <see cref="Format"/>; <see langword="false"/> for any other line.</summary>
    public static bool TryParse(string line, out LogLevel level, out string category, out string message)
    {
        level = LogLevel.None;
        category = message = string.Empty;
        if (!line.StartsWith(Marker, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = line[Marker.Length..].Split(Separator, 3);
        if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number is < (int)LogLevel.Trace or >= (int)LogLevel.None)
        {
            return false;
        }

        try
        {
            message = JsonSerializer.Deserialize<string>(parts[2]) ?? string.Empty;
        }
        catch (JsonException)
        {
            return false;
        }

        level = (LogLevel)number;
        category = parts[1];
        return true;
    }

    private sealed class Factory : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var text = formatter(state, exception);
            if (exception is not null)
            {
                text = string.Concat(text, Environment.NewLine, exception.ToString());
            }

            Console.Error.WriteLine(Format(logLevel, category, text));
        }
    }
}
