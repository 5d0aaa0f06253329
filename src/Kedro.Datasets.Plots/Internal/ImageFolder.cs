namespace Kedro.Datasets.Plots.Internal;

/// <summary>
/// Saves several images as one folder. A new folder (always the case for a version) is written complete under a temporary name
/// beside it and then renamed into place in one step, so a failed save leaves no partial folder. An existing folder either keeps
/// its other files, each saved image replacing its file atomically (Kedro's default), or, with <c>overwrite</c>, is replaced as
/// a whole: the complete new folder is moved in and only then the old one removed.
/// </summary>
internal static class ImageFolder
{
    public static void Write(object dataset, string path, IReadOnlyList<(string Name, byte[] Bytes)> images, bool versioned, bool overwrite) =>
        Write(dataset, path, images, versioned, overwrite, Directory.Move);

    /// <summary>As <see cref="Write(object, string, IReadOnlyList{ValueTuple{string, byte[]}}, bool, bool)"/>, with the step that
    /// moves the complete new folder into place given, so a failure of that step can be exercised.</summary>
    internal static void Write(
        object dataset, string path, IReadOnlyList<(string Name, byte[] Bytes)> images, bool versioned, bool overwrite, Action<string, string> moveIntoPlace)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw PlotErrors.FileWhereFolderGoes(path);
        }

        var exists = Directory.Exists(full);
        if (exists && !versioned && !overwrite)
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
        string? old = null;
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
                moveIntoPlace(temp, full); // refuses an existing target, so two versioned writers cannot both win
                return;
            }

            old = Path.Combine(parent, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.old");
            Directory.Move(full, old);
            moveIntoPlace(temp, full);
            Directory.Delete(old, recursive: true);
        }
        catch
        {
            // The earlier images were moved aside but the new folder never took their place: put them back.
            if (old is not null && Directory.Exists(old) && !Directory.Exists(full) && !File.Exists(full))
            {
                Directory.Move(old, full);
            }

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
