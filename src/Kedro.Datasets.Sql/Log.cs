using Microsoft.Extensions.Logging;

namespace Kedro.Datasets.Sql;

/// <summary>Kedro.Datasets.Sql's log messages (event ids 6200-6299).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6200, Level = LogLevel.Debug, Message = "Loading {Dataset} as '{Type}'")]
    public static partial void LoadingAs(this ILogger logger, string dataset, string type);
}
