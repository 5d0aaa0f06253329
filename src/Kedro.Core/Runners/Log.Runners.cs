using Microsoft.Extensions.Logging;

namespace Kedro;

/// <summary>Source-generated log messages of the runners (event ids 3000-3999), in Kedro's wording.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Completed node: {NodeName}")]
    internal static partial void CompletedNode(this ILogger logger, string nodeName);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Completed {Completed} out of {Total} tasks")]
    internal static partial void CompletedTasks(this ILogger logger, int completed, int total);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information,
        Message = "Pipeline execution completed successfully in {Seconds:0.0} sec.")]
    internal static partial void PipelineCompleted(this ILogger logger, double seconds);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information,
        Message = "Asynchronous mode is enabled for loading and saving data.")]
    internal static partial void AsyncModeEnabled(this ILogger logger);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information,
        Message = "Using synchronous mode for loading and saving data. Use the --async flag for potential performance gains. https://docs.kedro.org/en/stable/build/run_a_pipeline/#load-and-save-asynchronously")]
    internal static partial void SynchronousMode(this ILogger logger);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning,
        Message = "No nodes ran. Repeat the previous command to attempt a new run.")]
    internal static partial void NoNodesRan(this ILogger logger);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning,
        Message = "There are {Count} nodes that have not run.\nYou can resume the pipeline run from the nearest nodes with persisted inputs by adding the following argument to your previous command:\n  --from-nodes \"{NodeNames}\"")]
    internal static partial void SuggestResume(this ILogger logger, int count, string nodeNames);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Debug, Message = "Node '{NodeName}' must run: has no outputs")]
    internal static partial void MustRunNoOutputs(this ILogger logger, string nodeName);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Debug, Message = "Node '{NodeName}' must run: has missing output '{Dataset}'")]
    internal static partial void MustRunMissingOutput(this ILogger logger, string nodeName, string dataset);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Debug,
        Message = "Node '{NodeName}' must run: produces '{Dataset}' needed by running child '{Child}'")]
    internal static partial void MustRunNeededByChild(this ILogger logger, string nodeName, string dataset, string child);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Skipping all {Count} nodes (all persistent outputs exist)")]
    internal static partial void SkippingAllNodes(this ILogger logger, int count);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "Skipping {Count} nodes with existing outputs: {NodeNames}")]
    internal static partial void SkippingNodes(this ILogger logger, int count, string nodeNames);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "Running {Count} out of {Total} nodes")]
    internal static partial void RunningNodesOutOf(this ILogger logger, int count, int total);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Information, Message = "Running node: {Node}")]
    internal static partial void RunningNode(this ILogger logger, Kedro.Pipelines.Node node);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Error, Message = "Node {Node} failed with error: \n{Error}")]
    internal static partial void NodeFailed(this ILogger logger, Kedro.Pipelines.Node node, string error);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Warning,
        Message = "Pipeline run was cancelled. {Count} nodes did not run: {NodeNames}")]
    internal static partial void RunCancelled(this ILogger logger, int count, string nodeNames);
}
