namespace Kedro.Core.Tests.Docs;

public class ReadmeTests
{
    [Fact]
    public void QuickStart_IsTheSampleProgramWhole()
    {
        var root = Repository.Root;
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
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));

        Assert.Contains("dotnet run --project samples/Spaceflights -- run", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet test Kedro.slnx", readme, StringComparison.Ordinal);
    }
}
