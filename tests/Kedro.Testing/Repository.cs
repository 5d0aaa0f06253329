using System.Runtime.CompilerServices;

namespace Kedro.Testing;

/// <summary>The Kedro.NET repository the tests were built from.</summary>
public static class Repository
{
    /// <summary>
    /// The folder that holds <c>Kedro.slnx</c>. Usually the test binaries live under the repository (artifacts/...),
    /// so walking up from them finds it; a build with its artifacts elsewhere still has the source path, unless a CI
    /// build mapped it to "/_/".
    /// </summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot([CallerFilePath] string thisFile = "") =>
        FindUp(AppContext.BaseDirectory)
        ?? FindUp(Path.GetDirectoryName(thisFile))
        ?? throw new InvalidOperationException("'Kedro.slnx' was not found above the test binaries nor above the test sources: build the tests inside the Kedro.NET repository.");

    private static string? FindUp(string? start)
    {
        var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kedro.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName;
    }
}
