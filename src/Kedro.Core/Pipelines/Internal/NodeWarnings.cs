using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kedro.Pipelines.Internal;

/// <summary>
/// Where node warnings go when no logger is passed in: Kedro emits them through Python's process-wide
/// <c>warnings</c> module, so this is process-wide too (a session may point it at its logger).
/// </summary>
internal static class NodeWarnings
{
    private static int DottedNamesWarned;

    /// <summary>The logger for construction warnings and for runs without a logger. Defaults to <see cref="NullLogger"/>.</summary>
    public static ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>Kedro's rule: a dotted dataset name not under the node's top-level namespace deserves a warning.</summary>
    public static bool NeedsDottedNameWarning(string name, string? @namespace)
    {
        if (!name.Contains('.', StringComparison.Ordinal) || name.StartsWith("params:", StringComparison.Ordinal))
        {
            return false;
        }

        if (@namespace is null)
        {
            return true;
        }

        var prefix = name[..name.LastIndexOf('.')];
        var top = @namespace.Split('.')[0];
        return !prefix.StartsWith(top, StringComparison.Ordinal);
    }

    /// <summary>Warns once per process about dotted dataset names.</summary>
    public static void WarnDottedNamesOnce()
    {
        if (Interlocked.Exchange(ref DottedNamesWarned, 1) == 0)
        {
            Log.DottedDatasetNames(Logger, NodeErrors.DottedNames);
        }
    }
}
