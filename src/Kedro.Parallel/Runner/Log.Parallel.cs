using Kedro.Pipelines;
using Microsoft.Extensions.Logging;

namespace Kedro.WorkerProcesses;

/// <summary>Source-generated log messages of ParallelRunner and its worker processes (event ids 3500-3999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3004, Level = LogLevel.Information,
        Message = "Using synchronous mode for loading and saving data. Use the --async flag for potential performance gains. https://docs.kedro.org/en/stable/build/run_a_pipeline/#load-and-save-asynchronously")]
    internal static partial void SynchronousMode(this ILogger logger);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Information, Message = "Running node: {Node}")]
    internal static partial void RunningNode(this ILogger logger, Node node);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Error, Message = "Node {Node} failed with error: \n{Error}")]
    internal static partial void NodeFailed(this ILogger logger, Node node, string error);

    [LoggerMessage(EventId = 3500, Level = LogLevel.Debug, Message = "Started worker process {ProcessId} in {Milliseconds:0} ms")]
    internal static partial void WorkerStarted(this ILogger logger, int processId, double milliseconds);

    [LoggerMessage(EventId = 3501, Level = LogLevel.Information, Message = "Worker {ProcessId}: {Line}")]
    internal static partial void WorkerOutput(this ILogger logger, int processId, string line);

    [LoggerMessage(EventId = 3505, Level = LogLevel.Warning, Message = "Worker {ProcessId}: {Line}")]
    internal static partial void WorkerError(this ILogger logger, int processId, string line);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Warning, Message = "Worker process {ProcessId} {Status} while running node '{NodeName}'")]
    internal static partial void WorkerDied(this ILogger logger, int processId, string status, string nodeName);

    [LoggerMessage(EventId = 3503, Level = LogLevel.Warning,
        Message = "Worker process {ProcessId} did not stop within a second of node '{NodeName}' being cancelled; killing it")]
    internal static partial void WorkerKilledAfterCancel(this ILogger logger, int processId, string nodeName);

    [LoggerMessage(EventId = 3504, Level = LogLevel.Debug, Message = "Stopped {Count} worker processes")]
    internal static partial void WorkersStopped(this ILogger logger, int count);

    [LoggerMessage(EventId = 3510, Message = "{Message}")]
    internal static partial void NodeLog(this ILogger logger, LogLevel level, string message);
}
