using System.Diagnostics;
using System.Text;
using Kedro.Cli.Tests.EndToEnd;

namespace Kedro.Cli.Tests.Template;

public sealed class TemplateTests
{
    private static readonly string RepositoryRoot = Path.GetFullPath(Path.Combine(SpaceflightsCopy.SampleFolder, "..", ".."));

    [Fact]
    [Trait("Category", "Slow")]
    public async Task NewProject_FromTheTemplate_BuildsRunsAndPassesItsOwnTest()
    {
        using var folder = new TempFolder("kedro-template");
        var hive = Path.Combine(folder.Path, "hive");
        var project = Path.Combine(folder.Path, "SpacePort");
        var artifacts = Path.Combine(folder.Path, "artifacts");

        await Dotnet(folder.Path, "new", "install", Path.Combine(RepositoryRoot, "templates", "kedro-project"), "--debug:custom-hive", hive);
        await Dotnet(folder.Path, "new", "kedro", "-n", "SpacePort", "-o", project, "--kedro-path", RepositoryRoot, "--debug:custom-hive", hive);

        Assert.True(File.Exists(Path.Combine(project, "src", "SpacePort", "SpacePort.csproj")));
        Assert.True(File.Exists(Path.Combine(project, "conf", "base", "catalog.yml")));
        Assert.True(Directory.Exists(Path.Combine(project, "conf", "local")));
        Assert.True(File.Exists(Path.Combine(project, "data", "01_raw", "shuttles.csv")));

        await Dotnet(project, "build", "SpacePort.slnx", "--artifacts-path", artifacts, "-nodeReuse:false");
        var run = await Dotnet(project, "run", "--project", Path.Combine("src", "SpacePort"), "--no-build", "--artifacts-path", artifacts, "--", "run");
        var test = await Dotnet(project, "test", "SpacePort.slnx", "--no-build", "--artifacts-path", artifacts);

        Assert.Contains("Completed 2 out of 2 tasks", run, StringComparison.Ordinal);
        Assert.Contains("mean price", run, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(project, "data", "08_reporting", "price_summary.json")));
        Assert.Contains("Passed!", test, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_IsNotPartOfTheRepositorysBuild()
    {
        var solution = File.ReadAllText(Path.Combine(RepositoryRoot, "Kedro.slnx"));

        Assert.DoesNotContain("templates", solution, StringComparison.OrdinalIgnoreCase);
        var props = File.ReadAllText(Path.Combine(RepositoryRoot, "templates", "kedro-project", "Directory.Build.props"));
        Assert.DoesNotContain("GetPathOfFileAbove('Directory.Build.props'", props, StringComparison.Ordinal);
    }

    private static async Task<string> Dotnet(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A clean environment for the child: no test-host MSBuild settings, no first-run noise, no build servers left behind.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly", "KEDRO_NET_PATH" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1";

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        output.Append(await stdout).Append(await stderr);
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} exited with {process.ExitCode}:\n{output}");
        return output.ToString();
    }
}
