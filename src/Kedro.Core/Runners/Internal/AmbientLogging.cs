using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kedro.Runners.Internal;

/// <summary>
/// The logger factory for code that has none of its own, such as node functions logging through
/// <c>Kedro.Framework.KedroLogging</c> outside a session's flow: nothing by default, set by the framework, and in a
/// ParallelRunner worker process one that forwards every entry to the parent.
/// </summary>
internal static class AmbientLogging
{
    private static ILoggerFactory Current = NullLoggerFactory.Instance;

    /// <summary>The factory; never <see langword="null"/> (setting <see langword="null"/> restores the default).</summary>
    public static ILoggerFactory Factory
    {
        get => Volatile.Read(ref Current);
        set => Volatile.Write(ref Current, value ?? NullLoggerFactory.Instance);
    }
}
