using Microsoft.Extensions.Logging;

namespace Kedro;

/// <summary>Source-generated log messages of the configuration loader (event ids 5000-5999). Values are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Debug,
        Message = "Config from path '{EnvPath}' will override the following existing top-level config keys: {Keys}")]
    internal static partial void OverridingTopLevelKeys(this ILogger logger, string envPath, string keys);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "Loading '{Key}' configuration from {FileCount} file(s) in '{Folder}'")]
    internal static partial void LoadingConfigFiles(this ILogger logger, string key, int fileCount, string folder);
}
