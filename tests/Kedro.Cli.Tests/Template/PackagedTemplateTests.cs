using System.IO.Compression;
using System.Xml.Linq;

namespace Kedro.Cli.Tests.Template;

/// <summary>The libraries packed into a local feed, and a project created from the template that builds against them.</summary>
public sealed class PackagedTemplateTests(LocalFeed feed) : IClassFixture<LocalFeed>
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Pack_EveryLibrary_HasItsMetadataReadmeAndSymbols()
    {
        foreach (var id in LocalFeed.PackageIds)
        {
            using var package = ZipFile.OpenRead(Path.Combine(feed.Folder, $"{id}.{feed.Version}.nupkg"));
            var metadata = XDocument.Load(package.GetEntry($"{id}.nuspec")!.Open()).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string? Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
            var license = metadata.Elements().Single(e => e.Name.LocalName == "license");
            var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
            var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").ToDictionary(
                e => e.Attribute("id")!.Value, e => e.Attribute("version")!.Value);

            Assert.Equal(id, Field("id"));
            Assert.Equal(feed.Version, Field("version"));
            Assert.StartsWith("Kedro.NET ", Field("description"), StringComparison.Ordinal);
            Assert.Equal(("expression", "Apache-2.0"), (license.Attribute("type")?.Value, license.Value));
            Assert.Contains("kedro", Field("tags")!.Split(' '));
            Assert.Equal("README.md", Field("readme"));
            Assert.Contains($"# {id}", new StreamReader(package.GetEntry("README.md")!.Open()).ReadToEnd(), StringComparison.Ordinal);
            Assert.Equal("git", repository.Attribute("type")?.Value);
            Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");
            Assert.NotNull(package.GetEntry($"lib/net10.0/{id}.dll"));
            Assert.NotNull(package.GetEntry($"lib/net10.0/{id}.xml"));
            Assert.DoesNotContain(package.Entries, e => e.Name.StartsWith("Kedro.Worker", StringComparison.Ordinal));
            Assert.DoesNotContain("Kedro.Worker", dependencies.Keys);
            Assert.All(dependencies.Where(d => d.Key.StartsWith("Kedro.", StringComparison.Ordinal)), d => Assert.Equal(feed.Version, d.Value));

            using var symbols = ZipFile.OpenRead(Path.Combine(feed.Folder, $"{id}.{feed.Version}.snupkg"));
            Assert.NotNull(symbols.GetEntry($"lib/net10.0/{id}.pdb"));
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task NewProject_FromThePackages_BuildsRunsAndPassesItsOwnTest()
    {
        using var folder = new TempFolder("kedro-template");
        var hive = Path.Combine(folder.Path, "hive");
        var project = Path.Combine(folder.Path, "SpacePort");
        await DotnetProcess.Run(folder.Path, "new", "install", Path.Combine(Repository.Root, "templates", "kedro-project"), "--debug:custom-hive", hive);

        var withoutFeed = await DotnetProcess.TryRun(folder.Path, "new", "kedro", "-n", "SpacePort", "-o", project, "--debug:custom-hive", hive);
        await DotnetProcess.Run(
            folder.Path, "new", "kedro", "-n", "SpacePort", "-o", project, "--kedro-feed", feed.Folder, "--kedro-version", feed.Version, "--debug:custom-hive", hive);

        Assert.NotEqual(0, withoutFeed.ExitCode);
        Assert.Contains("'--kedro-feed'", withoutFeed.Output, StringComparison.Ordinal);
        Assert.Contains($"value=\"{feed.Folder}\"", File.ReadAllText(Path.Combine(project, "nuget.config")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(project, "conf", "base", "catalog.yml")));
        Assert.True(Directory.Exists(Path.Combine(project, "conf", "local")));
        Assert.True(File.Exists(Path.Combine(project, "data", "01_raw", "shuttles.csv")));

        await DotnetProcess.Run(project, "build", "SpacePort.slnx");
        var run = await DotnetProcess.Run(project, "run", "--project", Path.Combine("src", "SpacePort"), "--no-build", "--", "run");
        var summary = Path.Combine(project, "data", "08_reporting", "price_summary.json");
        var sequential = File.ReadAllText(summary);
        File.Delete(summary);
        var parallel = await DotnetProcess.Run(
            project, "run", "--project", Path.Combine("src", "SpacePort"), "--no-build", "--", "run", "--runner", "ParallelRunner");
        var test = await DotnetProcess.Run(project, "test", "SpacePort.slnx", "--no-build");

        var assets = File.ReadAllText(Path.Combine(project, "src", "SpacePort", "obj", "project.assets.json"));
        Assert.Contains($"\"Kedro.Cli/{feed.Version}\"", assets, StringComparison.Ordinal);
        Assert.Contains($"\"Kedro.Core/{feed.Version}\"", assets, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(project, "src", "SpacePort", "bin", "Debug", "net10.0", "Kedro.Core.dll")));
        Assert.Contains("Completed 2 out of 2 tasks", run, StringComparison.Ordinal);
        Assert.Contains("mean price", run, StringComparison.Ordinal);
        Assert.Contains("Completed 2 out of 2 tasks", parallel, StringComparison.Ordinal);
        Assert.Equal(sequential, File.ReadAllText(summary));
        Assert.Contains("Passed!", test, StringComparison.Ordinal);
    }
}
