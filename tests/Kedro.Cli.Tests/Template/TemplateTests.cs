using System.Text.Json;

namespace Kedro.Cli.Tests.Template;

public sealed class TemplateTests
{
    private static readonly string TemplateFolder = Path.Combine(Repository.Root, "templates", "kedro-project");

    [Fact]
    public void Template_IsNotPartOfTheRepositorysBuild()
    {
        var solution = File.ReadAllText(Path.Combine(Repository.Root, "Kedro.slnx"));

        Assert.DoesNotContain("templates", solution, StringComparison.OrdinalIgnoreCase);
        var props = File.ReadAllText(Path.Combine(TemplateFolder, "Directory.Build.props"));
        Assert.DoesNotContain("GetPathOfFileAbove('Directory.Build.props'", props, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_ByDefault_ReferencesThePackagesOfTheRepositorysVersion()
    {
        using var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(TemplateFolder, ".template.config", "template.json")));
        var version = template.RootElement.GetProperty("symbols").GetProperty("KedroVersion");

        Assert.Equal(LocalFeed.VersionPrefix, version.GetProperty("defaultValue").GetString());
        Assert.Contains(
            $"<PackageVersion Include=\"Kedro.Cli\" Version=\"{version.GetProperty("replaces").GetString()}\" />",
            File.ReadAllText(Path.Combine(TemplateFolder, "Directory.Packages.props")),
            StringComparison.Ordinal);
    }
}
