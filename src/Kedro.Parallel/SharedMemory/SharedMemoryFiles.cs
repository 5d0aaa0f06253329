using System.Globalization;
using System.Text;
using Kedro.IO;

namespace Kedro.WorkerProcesses.SharedMemory;

/// <summary>Where shared-memory segments live and how their files and directories are named.</summary>
internal static class SharedMemoryFiles
{
    /// <summary>The prefix of a segment being written; such files are never read.</summary>
    public const string TemporaryPrefix = ".tmp-";

    /// <summary>The prefix of a freed segment whose memory is being returned; such files are never read.</summary>
    public const string FreedPrefix = ".freed-";

    private const int MaxNameLength = 64;

    /// <summary><c>/dev/shm</c> when it exists and this process can create directories there, else the temporary folder.</summary>
    public static string FindDefaultRoot()
    {
        const string DevShm = "/dev/shm";
        if (!OperatingSystem.IsWindows() && Directory.Exists(DevShm))
        {
            var probe = Path.Combine(DevShm, string.Create(CultureInfo.InvariantCulture, $".kedro-probe-{Environment.ProcessId}-{Guid.NewGuid():N}"));
            try
            {
                Directory.CreateDirectory(probe);
                Directory.Delete(probe);
                return DevShm;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not writable: fall back to the temporary folder.
            }
        }

        return Path.GetTempPath();
    }

    /// <summary>Whether a file name is a segment id: letters, digits, <c>_</c>, <c>-</c> and <c>.</c>, not starting with <c>.</c>.</summary>
    public static bool IsSegmentId(string name)
    {
        if (name.Length is 0 or > 255 || name[0] == '.')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsSafe(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A dataset name made safe for a file name: other characters become <c>_</c>, at most 64 characters.</summary>
    public static string Sanitise(string datasetName)
    {
        var builder = new StringBuilder(Math.Min(datasetName.Length, MaxNameLength));
        foreach (var c in datasetName)
        {
            if (builder.Length == MaxNameLength)
            {
                break;
            }

            builder.Append(IsSafe(c) ? c : '_');
        }

        if (builder.Length == 0)
        {
            return "data";
        }

        if (builder[0] == '.')
        {
            builder[0] = '_';
        }

        return builder.ToString();
    }

    /// <summary>The owning process id in a run directory name <c>kedro-shm-{pid}-{token}</c>.</summary>
    public static int? OwnerPid(string? directoryName)
    {
        if (directoryName is null || !directoryName.StartsWith(SharedMemoryManager.DirectoryPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = directoryName.AsSpan(SharedMemoryManager.DirectoryPrefix.Length);
        var dash = rest.IndexOf('-');
        return dash > 0 && int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    /// <summary>Deletes a directory and its content; a directory already gone counts as deleted.</summary>
    public static bool TryDeleteDirectory(string directory, out string? error)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            error = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>Deletes a file, best effort: the run directory is deleted at the end of the run anyway.</summary>
    public static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the deletion of the run directory.
        }
    }

    private static bool IsSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';
}
