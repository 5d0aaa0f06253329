using Kedro.IO;

namespace Kedro.Shared.Files;

/// <summary>
/// Where a save writes: the file, and whether it is a version that must not be overwritten. A plain save writes its
/// temporary file next to the target and replaces it; a versioned save (<c>{filepath}/{version}/{basename}</c>) writes
/// its temporary file in <c>{filepath}</c>, so no version folder exists until the data is complete, and then moves it
/// into place without overwriting.
/// </summary>
internal sealed class SaveTarget
{
    private readonly object _dataset;

    private SaveTarget(object dataset, string path, bool versioned)
    {
        _dataset = dataset;
        Path = path;
        FullPath = System.IO.Path.GetFullPath(path);
        Versioned = versioned;
        var folder = System.IO.Path.GetDirectoryName(FullPath) ?? throw FileErrors.NoParentFolder(path);
        Folder = folder;
        TempFolder = versioned ? System.IO.Path.GetDirectoryName(folder) ?? folder : folder;
        TempPrefix = $".{System.IO.Path.GetFileName(FullPath)}.";
    }

    /// <summary>The path as the dataset resolved it, for messages.</summary>
    public string Path { get; }

    /// <summary>The absolute path written.</summary>
    public string FullPath { get; }

    /// <summary>Whether the target is a version: it is never overwritten.</summary>
    public bool Versioned { get; }

    /// <summary>The folder holding the target (the version folder when versioned).</summary>
    public string Folder { get; }

    /// <summary>The folder the temporary file is written in and stale temporary files are removed from.</summary>
    public string TempFolder { get; }

    /// <summary>The start of this target's temporary file names: <c>.{basename}.</c>.</summary>
    public string TempPrefix { get; }

    /// <summary>The target a dataset saves to at <paramref name="path"/> (its <c>GetSavePath()</c>).</summary>
    public static SaveTarget Of(IDataset dataset, string path) =>
        new(dataset, path, (dataset as IVersionedDataset)?.Version is not null);

    /// <summary>Kedro's error for a version that already exists, keeping the failed move as the cause.</summary>
    public DatasetException Taken(IOException cause) => FileErrors.SavePathExists(Path, _dataset, cause);
}
