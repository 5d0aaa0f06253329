using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Kedro.IO.Internal;

namespace Kedro.IO;

/// <summary>Helpers for dataset version strings: Kedro's timestamp format and the check that a version is a safe path component.</summary>
public static class DatasetVersions
{
    /// <summary>
    /// The .NET format of Kedro's <c>VERSION_FORMAT</c> (<c>%Y-%m-%dT%H.%M.%S.%fZ</c> truncated to milliseconds),
    /// for example <c>2024-01-15T10.30.00.123Z</c>. Lexicographic order is chronological order.
    /// </summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH'.'mm'.'ss'.'fff'Z'";

    /// <summary>Generates a version string from the current UTC time (Kedro's <c>generate_timestamp()</c>).</summary>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <returns>The current UTC time in <see cref="TimestampFormat"/>.</returns>
    public static string GenerateTimestamp(TimeProvider? timeProvider = null) =>
        FormatTimestamp((timeProvider ?? TimeProvider.System).GetUtcNow());

    /// <summary>Formats a time as a version string, in UTC, truncated to milliseconds.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The time in <see cref="TimestampFormat"/>.</returns>
    public static string FormatTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether a version string is a single non-empty path component: not <c>.</c> or <c>..</c>, without
    /// <c>/</c>, <c>\</c> or other characters a file name cannot hold, and not rooted.
    /// </summary>
    /// <param name="version">The version string.</param>
    /// <returns><see langword="true"/> when the version can be used as a folder name.</returns>
    public static bool IsSafe([NotNullWhen(true)] string? version) =>
        !string.IsNullOrEmpty(version)
        && version is not "." and not ".."
        && version.IndexOf('/', StringComparison.Ordinal) < 0
        && version.IndexOf('\\', StringComparison.Ordinal) < 0
        && version.IndexOfAny(Path.GetInvalidFileNameChars()) < 0
        && !Path.IsPathRooted(version);

    /// <summary>Refuses an unsafe version string (see <see cref="IsSafe"/>).</summary>
    /// <param name="version">The version string.</param>
    /// <returns>The version string, when it is safe.</returns>
    /// <exception cref="DatasetException">The version string is not a single safe path component.</exception>
    public static string Validate(string? version) =>
        IsSafe(version) ? version : throw DatasetErrors.UnsafeVersion(version);
}
