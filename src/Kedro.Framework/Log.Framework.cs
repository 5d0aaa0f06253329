using Microsoft.Extensions.Logging;

namespace Kedro;

/// <summary>Source-generated log messages of the framework (event ids 7000-7999), in Kedro's wording.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Kedro project {ProjectName}")]
    internal static partial void KedroProject(this ILogger logger, string projectName);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Parameters not found in your Kedro project config.\n{Reason}")]
    internal static partial void ParametersNotFound(this ILogger logger, string reason);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "Credentials not found in your Kedro project config.\n {Reason}")]
    internal static partial void CredentialsNotFound(this ILogger logger, string reason);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning,
        Message = "Parameter '{Name}' given with '--params' is not used: no node to run takes it and no parameter file declares it.{Suggestion}")]
    internal static partial void RuntimeParamUnused(this ILogger logger, string name, string suggestion);
}
