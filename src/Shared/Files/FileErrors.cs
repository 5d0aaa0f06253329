using System.Globalization;
using Kedro.IO;

namespace Kedro.Shared.Files;

/// <summary>
/// The exceptions of the file datasets' shared arguments and atomic writes (src/Shared/Files), with their messages, in one place.
/// </summary>
internal static class FileErrors
{
    public static ArgumentException FilePathMissing(string typeName) =>
        new($"'{typeName}' needs a 'filepath': the file it loads and saves.");

    public static ArgumentException NotAMapping(string typeName, string argName, object value) =>
        new($"Argument '{argName}' of '{typeName}' must be a mapping of option names to values, not '{value}'.");

    public static ArgumentException UnsupportedKey(string typeName, string argName, string key, string[] allowed) =>
        new($"'{typeName}' does not support {argName} '{key}'. Supported {argName}: "
            + (allowed.Length == 0 ? "none" : string.Join(", ", allowed.Select(a => $"'{a}'")))
            + $". Remove '{key}' from the dataset's {argName}.");

    public static ArgumentException BadValue(string typeName, string argName, string key, object? value, string expected, Exception? inner = null) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{argName} '{key}' of '{typeName}' must be {expected}, not '{value}'."), inner);

    public static ArgumentException RemoteNotSupported(string typeName, string filepath) =>
        new($"'{typeName}' reads and writes local files only, but 'filepath' is '{filepath}'. "
            + "Use a local path (relative paths resolve against the project folder).");

    /// <summary>Kedro's error for a version that already exists, keeping the failed move as the cause.</summary>
    public static DatasetException SavePathExists(string path, object dataset, Exception inner) =>
        new(DatasetFailureText.SavePathExists(path, dataset), inner);

    public static IOException FileExists(string path) => new($"The file '{path}' already exists.");

    public static IOException NoParentFolder(string path) => new($"'{path}' has no parent folder.");
}
