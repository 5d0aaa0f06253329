using System.Text.RegularExpressions;
using Kedro.Datasets;
using Kedro.Datasets.Sql;
using Microsoft.Data.Sqlite;
using Spaceflights.Tests.Support;

namespace Spaceflights.Tests.EndToEnd;

/// <summary>
/// The <c>sql</c> environment (<c>run --env sql</c>): the raw and intermediate tables in a SQLite file in the project,
/// filled from the raw files once, and the same model as the default environment.
/// </summary>
public sealed partial class SqlEnvironmentTests
{
    private const string Database = "data/01_raw/spaceflights.db";

    private static readonly string[] RawTables = ["companies", "reviews", "shuttles"];

    [Fact]
    public async Task Run_WithEnvSql_LogsTheR2OfTheDefaultEnvironmentAndKeepsTheTablesInTheDatabase()
    {
        using var files = new SpaceflightsCopy();
        using var tables = new SpaceflightsCopy();
        Assert.Equal(0, await files.RunAsync("run"));

        var exitCode = await tables.RunAsync("run", "--env", "sql");

        Assert.True(exitCode == 0, tables.Output + tables.Error);
        Assert.Contains("Completed 9 out of 9 tasks", tables.Output, StringComparison.Ordinal);
        Assert.Equal(R2(files), R2(tables));
        Assert.False(File.Exists(files.PathOf(Database)), "The default environment created the database.");
        Assert.Empty(Directory.GetFiles(tables.PathOf("data/02_intermediate")));
        Assert.Empty(Directory.GetFiles(tables.PathOf("data/03_primary")));
        var size = SpaceflightsCopy.TestSize;
        Assert.Equal(size.Companies, Rows(tables, "companies").Count);
        Assert.Equal(size.Shuttles, Rows(tables, "reviews").Count);
        Assert.Equal(size.Shuttles, Rows(tables, "shuttles").Count);
        Assert.Equal(size.Companies, Rows(tables, "preprocessed_companies").Count);
        Assert.Equal(size.Shuttles, Rows(tables, "preprocessed_shuttles").Count);
        Assert.Equal(Parquet(files, "data/03_primary/model_input_table.parquet"), Rows(tables, "model_input_table"));
    }

    [Fact]
    public async Task Run_WithEnvSqlTwice_ImportsTheRawTablesOnceAndReplacesTheIntermediateTables()
    {
        using var project = new SpaceflightsCopy();
        Assert.Equal(0, await project.RunAsync("run", "--env", "sql", "--pipelines", "data_processing"));
        Assert.All(RawTables, t => Assert.Matches($"INFO +Table '{t}' did not exist, so it was filled from '.*01_raw' \\(\\d+ rows\\)", project.Output));
        var lines = File.ReadAllLines(project.PathOf("data/01_raw/companies.csv"));
        File.WriteAllLines(project.PathOf("data/01_raw/companies.csv"), lines[..11]);

        var exitCode = await project.RunAsync("run", "--env", "sql", "--pipelines", "data_processing");

        Assert.True(exitCode == 0, project.Output + project.Error);
        Assert.DoesNotContain("did not exist", project.Output, StringComparison.Ordinal);
        Assert.Equal(SpaceflightsCopy.TestSize.Companies, Rows(project, "companies").Count);
        Assert.Equal(SpaceflightsCopy.TestSize.Companies, Rows(project, "preprocessed_companies").Count);
    }

    [Fact]
    public async Task Run_WithEnvSql_WhenOneRawTableIsMissing_ImportsOnlyThatOne()
    {
        using var project = new SpaceflightsCopy();
        Assert.Equal(0, await project.RunAsync("run", "--env", "sql", "--pipelines", "data_processing"));
        using (var connection = new SqliteConnection("Data Source=" + project.PathOf(Database)))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE reviews";
            drop.ExecuteNonQuery();
        }

        var exitCode = await project.RunAsync("run", "--env", "sql", "--pipelines", "data_processing");

        Assert.True(exitCode == 0, project.Output + project.Error);
        Assert.Matches(@"Table 'reviews' did not exist, so it was filled", project.Output);
        Assert.DoesNotContain("Table 'companies' did not exist", project.Output, StringComparison.Ordinal);
        Assert.Equal(SpaceflightsCopy.TestSize.Shuttles, Rows(project, "reviews").Count);
    }

    [Fact]
    public async Task Run_WithEnvSql_WhenARawFileIsMissingAmongOthers_FailsNamingTheTableAndTheFile()
    {
        using var project = new SpaceflightsCopy();
        File.Delete(project.PathOf("data/01_raw/reviews.csv"));

        var exitCode = await project.RunAsync("run", "--env", "sql", "--pipelines", "data_processing");

        Assert.Equal(1, exitCode);
        Assert.Contains("Table 'reviews' does not exist in the database yet, and it could not be filled from its raw file", project.Error, StringComparison.Ordinal);
        Assert.Contains("reviews.csv", project.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Running node", project.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(project.PathOf("data/01_raw/reviews.csv")));
    }

    [Theory]
    [InlineData("ThreadRunner")]
    [InlineData("ParallelRunner")]
    public async Task Run_WithEnvSqlAndAConcurrentRunner_RunsEveryNodeAndLogsTheSameR2(string runner)
    {
        using var project = new SpaceflightsCopy();

        var exitCode = await project.RunAsync("run", "--env", "sql", "--runner", runner);

        Assert.True(exitCode == 0, project.Output + project.Error);
        Assert.Contains("Completed 9 out of 9 tasks", project.Output, StringComparison.Ordinal);
        Assert.Contains("Model has a coefficient R^2 of 0.731 on test data.", project.Output, StringComparison.Ordinal);
        Assert.Equal(SpaceflightsCopy.TestSize.Shuttles, Rows(project, "preprocessed_shuttles").Count);
    }

    private static SqlTableDataset Table(SpaceflightsCopy project, string name) =>
        new(name, new Dictionary<string, object?> { ["con"] = "sqlite:///" + project.PathOf(Database) });

    private static List<Dictionary<string, object?>> Rows(SpaceflightsCopy project, string table) =>
        (List<Dictionary<string, object?>>)Table(project, table).Load(typeof(List<Dictionary<string, object?>>))!;

    private static List<Dictionary<string, object?>> Parquet(SpaceflightsCopy project, string file) =>
        (List<Dictionary<string, object?>>)new ParquetDataset(project.PathOf(file)).Load(typeof(List<Dictionary<string, object?>>))!;

    private static string R2(SpaceflightsCopy project)
    {
        var match = R2Line().Match(project.Output);
        Assert.True(match.Success, project.Output + project.Error);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"Model has a coefficient R\^2 of (\d\.\d{3}) on test data\.")]
    private static partial Regex R2Line();
}
