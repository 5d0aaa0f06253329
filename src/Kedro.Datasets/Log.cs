using Microsoft.Extensions.Logging;

namespace Kedro.Datasets;

/// <summary>Kedro.Datasets' log messages (event ids 6000-6999; 6000, a typed load, is written by src/Shared/Loads).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void PartitionFilepathOverwritten(this ILogger logger, string message);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void CredentialsNotPropagated(this ILogger logger, string message);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void PartitionFolderRestored(this ILogger logger, string message);
}
