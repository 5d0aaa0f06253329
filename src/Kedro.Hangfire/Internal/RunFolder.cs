using System.Text;
using System.Text.RegularExpressions;

namespace Kedro.Hangfire.Internal;

/// <summary>
/// Where one distributed run keeps what its processes share: <c>{shared root}/{run id}/</c>, holding the run's manifest
/// (<c>run.json</c>) and its intermediate data (<c>data/{dataset}.bin</c>). A run id becomes a folder name, so only
/// session ids (<c>2026-12-06T15.04.05.123Z</c>) are accepted: nothing in a job can point outside the shared root.
/// </summary>
internal static partial class RunFolder
{
    /// <summary>The shared root when none is configured, relative to the project folder.</summary>
    public const string DefaultSharedRoot = "data/.runs";

    /// <summary>The manifest's file name inside a run folder.</summary>
    public const string ManifestFileName = "run.json";

    /// <summary>The folder of intermediate data inside a run folder.</summary>
    public const string DataFolderName = "data";

    /// <summary>The extension of an intermediate value's file.</summary>
    public const string DataFileExtension = ".bin";

    /// <summary>Whether <paramref name="runId"/> is a session id, the only run ids a worker accepts.</summary>
    public static bool IsValidRunId(string? runId) => runId is not null && RunIdPattern().IsMatch(runId);

    /// <summary>The run's folder: <c>{sharedRoot}/{runId}</c>, absolute.</summary>
    /// <param name="sharedRoot">The shared root, absolute or relative to <paramref name="projectPath"/>.</param>
    /// <param name="projectPath">The project folder.</param>
    /// <param name="runId">The run id; a session id.</param>
    /// <exception cref="ArgumentException"><paramref name="runId"/> is not a session id.</exception>
    public static string PathOf(string sharedRoot, string projectPath, string runId)
    {
        if (!IsValidRunId(runId))
        {
            throw new ArgumentException(
                $"'{runId}' is not a Kedro.NET run id: expected a session id such as '2026-12-06T15.04.05.123Z'.", nameof(runId));
        }

        return Path.Combine(Path.GetFullPath(sharedRoot, projectPath), runId);
    }

    /// <summary>
    /// The file of an intermediate dataset: <c>{runFolder}/data/{name}.bin</c>, where every character of the dataset name
    /// other than ASCII letters, digits, <c>.</c>, <c>-</c> and <c>_</c> is written as <c>%XX</c> (UTF-8), so names with
    /// <c>/</c>, <c>:</c> or <c>..</c> stay inside the folder and two names never share a file.
    /// </summary>
    public static string DataFile(string runFolder, string datasetName)
    {
        var escaped = new StringBuilder(datasetName.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(datasetName))
        {
            var c = (char)b;
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' || (c == '.' && escaped.Length > 0))
            {
                escaped.Append(c);
            }
            else
            {
                escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return Path.Combine(runFolder, DataFolderName, escaped + DataFileExtension);
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{3}Z$", RegexOptions.CultureInvariant)]
    private static partial Regex RunIdPattern();
}
