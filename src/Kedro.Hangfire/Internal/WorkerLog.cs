using Microsoft.Extensions.Logging;

namespace Kedro.Hangfire.Internal;

/// <summary>The worker's log lines.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Kedro.NET worker started: {Workers} workers on queue '{Queue}' (server {Server}).")]
    public static partial void Started(ILogger logger, int workers, string queue, string server);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kedro.NET worker stopping (server {Server}).")]
    public static partial void Stopping(ILogger logger, string server);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kedro.NET worker stopped (server {Server}).")]
    public static partial void Stopped(ILogger logger, string server);

    [LoggerMessage(Level = LogLevel.Information, Message = "Running node {Node} of run {Run} (job {Job}).")]
    public static partial void NodeStarted(ILogger logger, string node, string run, string job);

    [LoggerMessage(Level = LogLevel.Information, Message = "Completed node {Node} of run {Run} (job {Job}).")]
    public static partial void NodeCompleted(ILogger logger, string node, string run, string job);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelled node {Node} of run {Run} (job {Job}).")]
    public static partial void NodeCancelled(ILogger logger, string node, string run, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} of run {Run} failed (job {Job}): {Message}")]
    public static partial void NodeFailed(ILogger logger, string node, string run, string job, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} of run {Run} failed; retry {Attempt} of {Retries} in {Delay} s.")]
    public static partial void Retrying(ILogger logger, string node, string run, int attempt, int retries, double delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the driver that node {Node} of run {Run} ended ({Outcome}); it reads the job's state instead: {Message}")]
    public static partial void NotifyFailed(ILogger logger, string node, string run, string outcome, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store the error of node {Node} of run {Run} for the driver (job {Job}); it reads the job's failed state instead: {Message}")]
    public static partial void ErrorNotStored(ILogger logger, string node, string run, string job, string message);
}
