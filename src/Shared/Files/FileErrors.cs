using Kedro.IO;

namespace Kedro.Shared.Files;

/// <summary>The exceptions of the atomic file writes (src/Shared/Files), with their messages, in one place.</summary>
internal static class FileErrors
{
    /// <summary>Kedro's error for a version that already exists, keeping the failed move as the cause.</summary>
    public static DatasetException SavePathExists(string path, object dataset, Exception inner) =>
        new(DatasetFailureText.SavePathExists(path, dataset), inner);

    public static IOException FileExists(string path) => new($"The file '{path}' already exists.");

    public static IOException NoParentFolder(string path) => new($"'{path}' has no parent folder.");
}
