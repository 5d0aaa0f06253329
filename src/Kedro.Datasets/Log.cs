using Microsoft.Extensions.Logging;

namespace Kedro.Datasets;

/// <summary>Kedro.Datasets' log messages (event ids 6000-6999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Debug, Message = "Loading {Dataset} as '{Type}'")]
    public static partial void LoadingDatasetAs(this ILogger logger, string dataset, string type);

    [LoggerMessage(EventId = 6100, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void PartitionFilepathOverwritten(this ILogger logger, string message);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void CredentialsNotPropagated(this ILogger logger, string message);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void PartitionFolderRestored(this ILogger logger, string message);
}
