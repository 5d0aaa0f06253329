namespace Kedro.Core.Tests.Docs;

public class ReadmeTests
{
    // The test binaries live under the repository (artifacts/...), so walking up from them finds the root.
    // Source paths are not used: a CI build maps them to "/_/".
    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kedro.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Kedro.slnx not found above the test binaries.");
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

        Assert.Contains("dotnet run --project samples/Quickstart", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet test Kedro.slnx", readme, StringComparison.Ordinal);
    }
}
