using System.Runtime.ExceptionServices;

namespace Kedro.Runners;

/// <summary>How one node's run ended, as a <see cref="NodeExecutor"/> reports it.</summary>
public enum NodeOutcomeKind
{
    /// <summary>The node ran and its outputs are saved.</summary>
    Completed,

    /// <summary>The node, a load, a save or a hook failed; <see cref="NodeOutcome.Exception"/> says why.</summary>
    Failed,

    /// <summary>The run was cancelled while the node ran; nothing it would have saved is half-written.</summary>
    Cancelled,
}

/// <summary>
/// How one node's run ended: completed, failed with its exception, or cancelled. A <see cref="NodeExecutor"/> returns one
/// for each node instead of signalling through exceptions or logs, so the runner can tell a failure from a cancellation
/// wherever the node ran.
/// </summary>
public sealed class NodeOutcome
{
    private NodeOutcome(NodeOutcomeKind kind, Exception? exception, bool failedInNodeFunction)
    {
        Kind = kind;
        Exception = exception;
        FailedInNodeFunction = failedInNodeFunction;
    }

    /// <summary>The node ran and its outputs are saved.</summary>
    public static NodeOutcome Completed { get; } = new(NodeOutcomeKind.Completed, null, failedInNodeFunction: false);

    /// <summary>The run was cancelled while the node ran.</summary>
    public static NodeOutcome Cancelled { get; } = new(NodeOutcomeKind.Cancelled, null, failedInNodeFunction: false);

    /// <summary>How the node's run ended.</summary>
    public NodeOutcomeKind Kind { get; }

    /// <summary>Why the node failed (with the stack trace where it was thrown); <see langword="null"/> unless it failed.</summary>
    public Exception? Exception { get; }

    /// <summary>
    /// Whether the node's own function threw, rather than a load, a save or a hook. <see cref="NodeTask"/> has then logged
    /// Kedro's <c>Node ... failed with error</c> and called the <c>on_node_error</c> hooks where it ran; an executor that
    /// runs nodes in another process uses this to log the line in the run's own log.
    /// </summary>
    public bool FailedInNodeFunction { get; }

    /// <summary>A failed run of a node.</summary>
    /// <param name="exception">Why it failed; the run re-throws it with its original stack trace.</param>
    /// <param name="failedInNodeFunction">Whether the node's own function threw.</param>
    /// <returns>The outcome.</returns>
    public static NodeOutcome Failed(Exception exception, bool failedInNodeFunction = false)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new NodeOutcome(NodeOutcomeKind.Failed, exception, failedInNodeFunction);
    }

    /// <summary>Throws the failure with its original stack trace; does nothing unless the node failed.</summary>
    public void ThrowIfFailed()
    {
        if (Exception is not null)
        {
            ExceptionDispatchInfo.Throw(Exception);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Exception is null ? Kind.ToString() : $"{Kind}: {Exception.GetType().Name}: {Exception.Message}";
}
