using System.Reflection;
using System.Reflection.Emit;
using Kedro.Cli.Internal;
using Kedro.Cli.Tests.Support;

namespace Kedro.Cli.Tests.Internal;

public sealed class CliApplicationProjectNameTests
{
    [Fact]
    public async Task Run_UnderATestHost_LogsTheProjectFoldersName()
    {
        using var project = new CliTestProject();

        var result = await RunAsync(project, EntryAssemblyNamed("testhost"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"INFO     Kedro project {Path.GetFileName(project.Path)}\n", result.Output);
        Assert.DoesNotContain("testhost", result.Output);
    }

    [Fact]
    public async Task Run_FromTheProjectsProgram_LogsTheEntryAssemblysName()
    {
        using var project = new CliTestProject();

        var result = await RunAsync(project, EntryAssemblyNamed("Rocketry"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("INFO     Kedro project Rocketry\n", result.Output);
    }

    [Fact]
    public async Task Run_WithTheNameSetInSettings_LogsThatName()
    {
        using var project = new CliTestProject();

        var result = await RunAsync(project, EntryAssemblyNamed("testhost"), settings => settings.ProjectName = "spaceflights");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("INFO     Kedro project spaceflights\n", result.Output);
    }

    [Theory]
    [InlineData("Spaceflights", "Spaceflights")]
    [InlineData("testhost", "rocket_project")]
    [InlineData("testhost.x86", "rocket_project")]
    [InlineData("ReSharperTestRunner64", "rocket_project")]
    [InlineData(null, "rocket_project")]
    public void DefaultProjectName_IsTheEntryAssembly_UnlessATestHostRunsIt(string? entryAssemblyName, string expected)
    {
        var projectPath = Path.Combine(Path.GetTempPath(), "rocket_project") + Path.DirectorySeparatorChar;

        Assert.Equal(expected, CliApplication.DefaultProjectName(entryAssemblyName, projectPath));
    }

    private static AssemblyBuilder EntryAssemblyNamed(string name) =>
        AssemblyBuilder.DefineDynamicAssembly(new AssemblyName(name), AssemblyBuilderAccess.Run);

    private static async Task<CliResult> RunAsync(CliTestProject project, Assembly entryAssembly, Action<Framework.ProjectSettings>? configure = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var builder = new KedroProjectBuilder().AddPipelines(CliTestProject.Pipelines).WithProjectPath(project.Path).WithConsole(output, error);
        if (configure is not null)
        {
            builder.ConfigureSettings(configure);
        }

        var code = await new CliApplication(builder, entryAssembly).InvokeAsync(["run"], CancellationToken.None);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
