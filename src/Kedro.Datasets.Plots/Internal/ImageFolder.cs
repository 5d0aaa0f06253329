namespace Kedro.Datasets.Plots.Internal;

/// <summary>
/// Saves several images as one folder. A new folder (always the case for a version) is written complete under a temporary name
/// beside it and then renamed into place in one step, so a failed save leaves no partial folder. An existing folder either keeps
/// its other files, each saved image replacing its file atomically (Kedro's default), or, with <c>overwrite</c>, is replaced as
/// a whole: the complete new folder is moved in and only then the old one removed.
/// </summary>
internal static class ImageFolder
{
    public static void Write(object dataset, string path, IReadOnlyList<(string Name, byte[] Bytes)> images, bool versioned, bool overwrite)
    {
        var full = Path.GetFullPath(path);
        var exists = Directory.Exists(full) || File.Exists(full);
        if (exists && !versioned && !overwrite && Directory.Exists(full))
        {
            foreach (var (name, bytes) in images)
            {
                FileIO.Write(SaveTarget.Of((Kedro.IO.IDataset)dataset, Path.Combine(path, name)), stream => stream.Write(bytes));
            }

            return;
        }

        var parent = Path.GetDirectoryName(full) ?? throw FileErrors.NoParentFolder(path);
        var createdParent = !Directory.Exists(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(temp);
            foreach (var (name, bytes) in images)
            {
                using var stream = new FileStream(Path.Combine(temp, name), FileMode.CreateNew, FileAccess.Write, FileShare.None);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            if (!exists)
            {
                Directory.Move(temp, full); // refuses an existing target, so two versioned writers cannot both win
                return;
            }

            var old = Path.Combine(parent, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.old");
            if (Directory.Exists(full))
            {
                Directory.Move(full, old);
            }
            else
            {
                File.Move(full, old);
            }

            Directory.Move(temp, full);
            if (Directory.Exists(old))
            {
                Directory.Delete(old, recursive: true);
            }
            else
            {
                File.Delete(old);
            }
        }
        catch
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }

            if (createdParent && Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any())
            {
                Directory.Delete(parent);
            }

            throw;
        }
    }
}
