using Microsoft.Extensions.Logging;

namespace Kedro.Hangfire.Internal;

/// <summary>The messages of HangfireRunner's driver.</summary>
internal static partial class DriverLog
{
    [LoggerMessage(EventId = 3600, Level = LogLevel.Debug, Message = "Node '{NodeName}' is Hangfire job {JobId} on queue '{Queue}'")]
    internal static partial void JobCreated(this ILogger logger, string nodeName, string jobId, string queue);

    [LoggerMessage(EventId = 3601, Level = LogLevel.Warning, Message = "Lost the PostgreSQL connection listening for node completions ({Error}); listening again, and reading job states meanwhile")]
    internal static partial void ListenLost(this ILogger logger, string error);

    [LoggerMessage(EventId = 3602, Level = LogLevel.Debug, Message = "Could not read the state of Hangfire job {JobId}: {Error}")]
    internal static partial void ReconcileFailed(this ILogger logger, string jobId, string error);

    [LoggerMessage(EventId = 3603, Level = LogLevel.Warning, Message = "Hangfire job {JobId} of node '{NodeName}' was not confirmed deleted within {Seconds:0.0} s of the run being cancelled")]
    internal static partial void DeleteUnconfirmed(this ILogger logger, string jobId, string nodeName, double seconds);

    [LoggerMessage(EventId = 3604, Level = LogLevel.Warning, Message = "Could not remove the run folder '{Folder}': {Error}")]
    internal static partial void RunFolderNotRemoved(this ILogger logger, string folder, string error);

    [LoggerMessage(EventId = 3605, Level = LogLevel.Warning, Message = "Could not delete Hangfire job {JobId} of the ended run: {Error}")]
    internal static partial void JobNotDeleted(this ILogger logger, string jobId, string error);

    [LoggerMessage(EventId = 3606, Level = LogLevel.Information, Message = "HangfireRunner: run {RunId} on queue '{Queue}', intermediate data in '{Folder}'")]
    internal static partial void RunStarted(this ILogger logger, string runId, string queue, string folder);

    [LoggerMessage(EventId = 3607, Level = LogLevel.Warning, Message = "No Kedro.NET worker is serving queue '{Queue}' in schema '{Schema}' right now: the run's nodes wait until one starts. Start workers with `worker --queue {Queue}` against the same database (and the same schema in hangfire.yml).")]
    internal static partial void NoWorker(this ILogger logger, string queue, string schema);
}
