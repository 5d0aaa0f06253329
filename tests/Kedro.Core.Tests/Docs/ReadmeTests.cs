using System.Runtime.CompilerServices;

namespace Kedro.Core.Tests.Docs;

public class ReadmeTests
{
    // Usually the test binaries live under the repository (artifacts/...), so walking up from them finds the root; a
    // build with its artifacts elsewhere still has the source path, unless a CI build mapped it to "/_/".
    private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        FindUp(AppContext.BaseDirectory)
        ?? FindUp(Path.GetDirectoryName(thisFile))
        ?? throw new InvalidOperationException("Kedro.slnx not found above the test binaries nor above the test sources.");

    private static string? FindUp(string? start)
    {
        var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kedro.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName;
    }

    [Fact]
    public void QuickStart_IsTheSampleProgramWhole()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var sample = File.ReadAllText(Path.Combine(root, "samples", "Quickstart", "Program.cs"));

        const string Fence = "```csharp\n";
        var start = readme.IndexOf(Fence, StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no ```csharp quick start block.");
        start += Fence.Length;
        var end = readme.IndexOf("```", start, StringComparison.Ordinal);

        Assert.Equal(sample, readme[start..end]);
    }

    [Fact]
    public void Readme_NamesTheTwoCommands()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));

        Assert.Contains("dotnet run --project samples/Spaceflights -- run", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet test Kedro.slnx", readme, StringComparison.Ordinal);
    }
}
