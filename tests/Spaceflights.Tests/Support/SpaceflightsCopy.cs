using System.Reflection;
using Kedro.Cli;
using Kedro.Datasets.Plots;
using Kedro.Datasets.Sql;
using Kedro.Hangfire;
using Spaceflights.RawData;

namespace Spaceflights.Tests.Support;

/// <summary>
/// A copy of samples/Spaceflights' configuration in a temporary folder, with a small generated raw dataset, and a way
/// to run its command line in-process exactly as its Program.cs does.
/// </summary>
internal sealed class SpaceflightsCopy : IDisposable
{
    /// <summary>Small enough to keep a run fast, large enough for a meaningful regression.</summary>
    public static readonly RawDataSize TestSize = new(800, 1200);

    private readonly TempFolder _folder = new("kedro-spaceflights");

    public SpaceflightsCopy()
    {
        CopyFolder(Path.Combine(SampleFolder, "conf"), Path.Combine(Root, "conf"));
        foreach (var gitkeep in Directory.EnumerateFiles(Path.Combine(SampleFolder, "data"), ".gitkeep", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(Root, Path.GetRelativePath(SampleFolder, Path.GetDirectoryName(gitkeep)!)));
        }

        RawDataGenerator.WriteIfEmpty(Path.Combine(Root, "data", "01_raw"), TestSize);
    }

    /// <summary>The sample's folder in the repository, from the assembly metadata its csproj writes.</summary>
    public static string SampleFolder { get; } = typeof(PipelineRegistry).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "KedroProjectPath").Value!;

    /// <summary>This test project's source folder (beside the sample's, in the repository).</summary>
    public static string TestsFolder { get; } = Path.GetFullPath(Path.Combine(SampleFolder, "..", "..", "tests", "Spaceflights.Tests"));

    public string Root => _folder.Path;

    public string Output { get; private set; } = string.Empty;

    public string Error { get; private set; } = string.Empty;

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Runs the command line with <paramref name="args"/>; Output and Error hold what it printed.</summary>
    public async Task<int> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await KedroProject.RunAsync(args, project => project
            .AddPipelines(PipelineRegistry.Register)
            .ConfigureDatasets(registry => registry.AddKedroPlotDatasets().AddKedroSqlDatasets())
            .AddHooks(new RawDataHook(TestSize))
            .AddHangfire()
            .WithProjectPath(Root)
            .WithConsole(output, error));
        Output = output.ToString();
        Error = error.ToString();
        return exitCode;
    }

    public void Dispose() => _folder.Dispose();

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        Directory.CreateDirectory(Path.Combine(to, "local"));
    }
}
