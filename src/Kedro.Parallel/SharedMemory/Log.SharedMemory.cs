using Microsoft.Extensions.Logging;

namespace Kedro.WorkerProcesses;

/// <summary>Log messages of the shared-memory data layer (EventIds 2600-2699).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Loading {Dataset}")]
    internal static partial void LoadingDataset(this ILogger logger, string dataset);

    [LoggerMessage(EventId = 2600, Level = LogLevel.Debug, Message = "Created shared-memory directory {Directory}")]
    internal static partial void SharedMemoryDirectoryCreated(this ILogger logger, string directory);

    [LoggerMessage(EventId = 2601, Level = LogLevel.Debug, Message = "Wrote shared-memory segment {SegmentId} ({Bytes} bytes)")]
    internal static partial void SharedMemorySegmentWritten(this ILogger logger, string segmentId, long bytes);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Debug, Message = "Freed shared-memory segment {SegmentId}")]
    internal static partial void SharedMemorySegmentFreed(this ILogger logger, string segmentId);

    [LoggerMessage(EventId = 2603, Level = LogLevel.Debug, Message = "Deleted shared-memory directory {Directory}")]
    internal static partial void SharedMemoryDirectoryDeleted(this ILogger logger, string directory);

    [LoggerMessage(EventId = 2604, Level = LogLevel.Information,
        Message = "Removed shared-memory directory {Directory} left behind by process {ProcessId}, which no longer exists")]
    internal static partial void SharedMemoryStaleDirectoryRemoved(this ILogger logger, string directory, int processId);

    [LoggerMessage(EventId = 2605, Level = LogLevel.Warning, Message = "Could not remove shared memory at {Path}: {Error}")]
    internal static partial void SharedMemoryCleanupFailed(this ILogger logger, string path, string error);
}
