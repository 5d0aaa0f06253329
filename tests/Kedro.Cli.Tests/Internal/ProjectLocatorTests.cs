using System.Reflection;
using Kedro.Cli.Internal;
using Kedro.Cli.Tests.Support;

namespace Kedro.Cli.Tests.Internal;

public sealed class ProjectLocatorTests
{
    [Fact]
    public void Locate_GivenFolder_IsUsed()
    {
        using var project = new CliTestProject();

        Assert.Equal(project.Path, ProjectLocator.Locate(project.Path, "conf", null));
    }

    [Fact]
    public void Locate_GivenFolderMissing_FailsNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-kedro-project-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<KedroCliException>(() => ProjectLocator.Locate(missing, "conf", null));

        Assert.Contains($"'{missing}' does not exist", error.Message);
    }

    [Fact]
    public void Locate_WithoutConfInCurrentDirectory_UsesTheEntryAssemblysMetadata()
    {
        var spaceflights = Assembly.Load("Spaceflights");
        var expected = spaceflights.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "KedroProjectPath").Value!;

        var located = ProjectLocator.Locate(null, "a-folder-that-is-nowhere", spaceflights);

        Assert.Equal(Path.GetFullPath(expected), located);
        Assert.True(Directory.Exists(Path.Combine(located, "conf")));
    }

    [Fact]
    public void Locate_WithNothingToGoBy_ExplainsBothWaysToFixIt()
    {
        var error = Assert.Throws<KedroCliException>(() => ProjectLocator.Locate(null, "a-folder-that-is-nowhere", typeof(ProjectLocatorTests).Assembly));

        Assert.Contains("has no 'a-folder-that-is-nowhere' folder", error.Message);
        Assert.Contains("<AssemblyMetadata Include=\"KedroProjectPath\" Value=\"$(MSBuildProjectDirectory)\" />", error.Message);
    }
}
