namespace Spaceflights.RawData;

/// <summary>Atomic file writes: a temporary file in the same folder, renamed over the target only when complete.</summary>
internal static class AtomicFile
{
    /// <summary>Writes a file atomically; on failure the previous file (if any) is left intact and the temporary file removed.</summary>
    /// <param name="path">The file.</param>
    /// <param name="write">Writes the content to the temporary path it is given.</param>
    public static void WriteThroughPath(string path, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            write(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Writes a file atomically through a stream.</summary>
    /// <param name="path">The file.</param>
    /// <param name="write">Writes the content to the stream.</param>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        WriteThroughPath(path, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write);
            write(stream);
        });
    }
}
