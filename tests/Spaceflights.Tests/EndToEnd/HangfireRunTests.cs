using System.Text.RegularExpressions;
using Kedro.Datasets;
using Kedro.Hangfire;
using Kedro.Testing.Postgres;
using Spaceflights.Modelling;
using Spaceflights.Tests.Support;

namespace Spaceflights.Tests.EndToEnd;

/// <summary>
/// Spaceflights run by HangfireRunner as on several machines: two worker processes of the Spaceflights program
/// (<c>worker --workers 2</c>) and the driver in this process share the project folder and a real PostgreSQL.
/// </summary>
public sealed partial class HangfireRunTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private static readonly string[] Nodes =
    [
        "preprocess_companies_node", "preprocess_shuttles_node", "create_model_input_table_node",
        "split_data_node", "train_model_node", "evaluate_model_node",
        "ComparePassengerCapacityExp", "ComparePassengerCapacityGo", "CreateConfusionMatrix",
    ];

    [Fact]
    public async Task Run_WithHangfireRunner_RunsEveryNodeInTheWorkerProcessesAndMatchesTheSequentialRun()
    {
        using var project = new SpaceflightsCopy();
        var connection = PostgresServer.Shared.CreateDatabaseConnectionString();
        // The driver finds the connection in the environment's credentials, the workers in the environment variable.
        File.WriteAllText(project.PathOf("conf/local/credentials.yml"), $"hangfire:\n  connection: '{connection.Replace("'", "''", StringComparison.Ordinal)}'\n");
        var program = Path.Combine(AppContext.BaseDirectory, "Spaceflights.dll");
        var environment = new Dictionary<string, string?> { [HangfireOptions.ConnectionVariable] = connection };
        using var first = new ProjectProcess(program, project.Root, ["worker", "--workers", "2"], environment);
        using var second = new ProjectProcess(program, project.Root, ["worker", "--workers", "2"], environment);

        // The reference run, while the workers start.
        Assert.True(await project.RunAsync("run") == 0, project.Output + project.Error);
        var sequentialR2 = R2Line().Match(project.Output).Groups[1].Value;
        var sequentialTable = ModelInputTable(project);
        await Task.WhenAll(first.WaitForOutputAsync("started", Patience), second.WaitForOutputAsync("started", Patience));

        var exitCode = await project.RunAsync("run", "--runner", "HangfireRunner");

        Assert.True(exitCode == 0, $"{project.Output}{project.Error}\nworker 1:\n{first.Output}\nworker 2:\n{second.Output}");
        Assert.Contains("Completed 9 out of 9 tasks", project.Output, StringComparison.Ordinal);
        first.Signal("TERM");
        second.Signal("TERM");
        Assert.Equal(0, await first.WaitForExitAsync(Patience));
        Assert.Equal(0, await second.WaitForExitAsync(Patience));
        var workers = first.Output + second.Output;
        var lines = workers.Split('\n');
        Assert.All(Nodes, n => Assert.Single(lines, l => l.Contains("Completed node " + n, StringComparison.Ordinal)));
        var runId = Assert.Single(RunOfCompletedNode().Matches(workers).Select(m => m.Groups[1].Value).Distinct());
        Assert.False(Directory.Exists(project.PathOf(Path.Combine("data", ".runs", runId))), "the run folder is removed");

        // evaluate_model_node logs the R² where it runs: in a worker, not in the driver.
        Assert.DoesNotMatch(R2Line(), project.Output);
        Assert.Equal("0.731", sequentialR2);
        Assert.Equal(sequentialR2, R2Line().Match(workers).Groups[1].Value);
        Assert.Equal(sequentialTable, ModelInputTable(project));
        var regressors = Versions(project, "data/06_models/regressor.pickle");
        Assert.Equal(2, regressors.Length);
        var (sequential, distributed) = (Regressor(regressors[0]), Regressor(regressors[1]));
        Assert.Equal(sequential.Coef, distributed.Coef);
        Assert.Equal(sequential.Intercept, distributed.Intercept);
        foreach (var plot in new[] { "data/08_reporting/shuttle_passenger_capacity_plot_exp.json", "data/08_reporting/shuttle_passenger_capacity_plot_go.json" })
        {
            var versions = Versions(project, plot);
            Assert.Equal(2, versions.Length);
            Assert.Equal(File.ReadAllText(versions[0]), File.ReadAllText(versions[1]));
        }

        var matrix = Versions(project, "data/08_reporting/dummy_confusion_matrix.png");
        Assert.Equal(2, matrix.Length);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, File.ReadAllBytes(matrix[1])[..8]);
    }

    private static List<Dictionary<string, object?>> ModelInputTable(SpaceflightsCopy project) =>
        (List<Dictionary<string, object?>>)new ParquetDataset(project.PathOf("data/03_primary/model_input_table.parquet")).Load(typeof(List<Dictionary<string, object?>>))!;

    private static LinearRegression Regressor(string file) =>
        Assert.IsType<LinearRegression>(new PickleDataset(file).Load(typeof(LinearRegression)));

    /// <summary>The files of a versioned dataset, oldest version first (Kedro's <c>{filepath}/{version}/{file name}</c>).</summary>
    private static string[] Versions(SpaceflightsCopy project, string filepath) =>
        [.. Directory.GetDirectories(project.PathOf(filepath)).Order(StringComparer.Ordinal).Select(v => Path.Combine(v, Path.GetFileName(filepath)))];

    [GeneratedRegex(@"Model has a coefficient R\^2 of (\d\.\d{3}) on test data\.")]
    private static partial Regex R2Line();

    [GeneratedRegex(@"Completed node .+? of run (\S+) \(job")]
    private static partial Regex RunOfCompletedNode();
}
