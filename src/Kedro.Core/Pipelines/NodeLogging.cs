using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kedro.Pipelines;

/// <summary>
/// The logger factory of this process for node functions that have no logger of their own (they log through
/// <c>Kedro.Framework.KedroLogging</c>, whose <c>DefaultLoggerFactory</c> is this one). Nothing by default. A runner that
/// runs nodes in other processes sets it there, so a node's log entries reach the run's log (ParallelRunner's workers
/// forward them to the parent).
/// </summary>
public static class NodeLogging
{
    private static ILoggerFactory Current = NullLoggerFactory.Instance;

    /// <summary>The factory; never <see langword="null"/> (setting <see langword="null"/> restores the default, which writes nowhere).</summary>
    public static ILoggerFactory DefaultLoggerFactory
    {
        get => Volatile.Read(ref Current);
        set => Volatile.Write(ref Current, value ?? NullLoggerFactory.Instance);
    }
}
