using Kedro.Pipelines;

namespace Kedro.Cli.Tests.Support;

/// <summary>
/// The test assembly's entry point: a real Kedro.NET project process for tests that need one (signals, exit codes).
/// Run it in a <see cref="CliTestProject"/> folder as <c>dotnet exec Kedro.Cli.Tests.dll run ...</c>; its <c>slow</c>
/// pipeline parses the numbers, then waits a minute (or until cancelled) before it writes <c>total</c>.
/// </summary>
public static class SlowProjectHost
{
    public static Task<int> Main(string[] args) =>
        KedroProject.RunAsync(args, project => project
            .AddPipelines(Pipelines)
            .WithProjectPath(Environment.CurrentDirectory)
            .ConfigureSettings(static s => s.ProjectName = "slow_test_project"));

    public static Dictionary<string, Pipeline> Pipelines() => new()
    {
        ["__default__"] = new Pipeline([
            Node.Create(Parse, "numbers", "values", name: "parse"),
            Node.Create(SumSlowly, "values", "total", name: "sum_slowly"),
        ]),
    };

    public static int[] Parse(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(static s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public static async Task<string> SumSlowly(int[] values, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMinutes(1), cancellationToken);
        return values.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
