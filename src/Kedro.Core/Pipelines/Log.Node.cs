using Microsoft.Extensions.Logging;

namespace Kedro;

/// <summary>Node log messages (Kedro's <c>kedro.pipeline.node</c> logger). EventIds 1900-1949.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1902, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void NodeReturnValueIgnored(ILogger logger, string message);

    [LoggerMessage(EventId = 1903, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void DottedDatasetNames(ILogger logger, string message);
}
