using Microsoft.Extensions.Logging;

namespace Kedro;

/// <summary>Source-generated log messages of the hook manager (event ids 4000-4999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Debug, Message = "Registered hooks '{HookType}'")]
    internal static partial void RegisteredHooks(this ILogger logger, string hookType);
}
