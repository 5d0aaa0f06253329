using Spaceflights.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Spaceflights.Tests.EndToEnd;

/// <summary>The sample's configuration is the spaceflights-pandas starter's, and Kedro.NET reads it unchanged.</summary>
public sealed class CatalogTests
{
    private static readonly (string Name, string Type, string Filepath, bool Versioned)[] StarterEntries =
    [
        ("companies", "pandas.CSVDataset", "data/01_raw/companies.csv", false),
        ("reviews", "pandas.CSVDataset", "data/01_raw/reviews.csv", false),
        ("shuttles", "pandas.ExcelDataset", "data/01_raw/shuttles.xlsx", false),
        ("preprocessed_companies", "pandas.ParquetDataset", "data/02_intermediate/preprocessed_companies.parquet", false),
        ("preprocessed_shuttles", "pandas.ParquetDataset", "data/02_intermediate/preprocessed_shuttles.parquet", false),
        ("model_input_table", "pandas.ParquetDataset", "data/03_primary/model_input_table.parquet", false),
        ("regressor", "pickle.PickleDataset", "data/06_models/regressor.pickle", true),
        ("shuttle_passenger_capacity_plot_exp", "plotly.PlotlyDataset", "data/08_reporting/shuttle_passenger_capacity_plot_exp.json", true),
        ("shuttle_passenger_capacity_plot_go", "plotly.JSONDataset", "data/08_reporting/shuttle_passenger_capacity_plot_go.json", true),
        ("dummy_confusion_matrix", "matplotlib.MatplotlibDataset", "data/08_reporting/dummy_confusion_matrix.png", true),
    ];

    [Fact]
    public void CatalogYml_HasTheStartersEntries_EntryForEntry()
    {
        var catalog = Load("catalog.yml");

        Assert.Equal(StarterEntries.Select(e => e.Name), catalog.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        foreach (var (name, type, filepath, versioned) in StarterEntries)
        {
            var entry = (YamlMappingNode)catalog[name];
            Assert.Equal(type, Scalar(entry, "type"));
            Assert.Equal(filepath, Scalar(entry, "filepath"));
            Assert.Equal(versioned ? "true" : null, Scalar(entry, "versioned"));
        }

        Assert.Equal("openpyxl", Scalar((YamlMappingNode)((YamlMappingNode)catalog["shuttles"])["load_args"], "engine"));
        var plotlyArgs = (YamlMappingNode)((YamlMappingNode)catalog["shuttle_passenger_capacity_plot_exp"])["plotly_args"];
        Assert.Equal("bar", Scalar(plotlyArgs, "type"));
        var fig = (YamlMappingNode)plotlyArgs["fig"];
        Assert.Equal(("shuttle_type", "passenger_capacity", "h"), (Scalar(fig, "x"), Scalar(fig, "y"), Scalar(fig, "orientation")));
        var layout = (YamlMappingNode)plotlyArgs["layout"];
        Assert.Equal(("Shuttles", "Average passenger capacity", "Shuttle Passenger capacity"),
            (Scalar(layout, "xaxis_title"), Scalar(layout, "yaxis_title"), Scalar(layout, "title")));
    }

    [Fact]
    public void Parameters_AreTheStartersFiles()
    {
        var options = (YamlMappingNode)Load("parameters_data_science.yml")["model_options"];

        Assert.Equal(("0.2", "3"), (Scalar(options, "test_size"), Scalar(options, "random_state")));
        Assert.Equal(
            ["engines", "passenger_capacity", "crew", "d_check_complete", "moon_clearance_complete", "iata_approved", "company_rating", "review_scores_rating"],
            ((YamlSequenceNode)options["features"]).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.Equal(string.Empty, File.ReadAllText(Path.Combine(SpaceflightsCopy.SampleFolder, "conf", "base", "parameters_data_processing.yml")));
        Assert.Equal(string.Empty, File.ReadAllText(Path.Combine(SpaceflightsCopy.SampleFolder, "conf", "base", "parameters_reporting.yml")));
    }

    [Fact]
    public async Task DescribeDatasets_ResolvesEveryTypeOfTheStartersCatalog()
    {
        using var project = new SpaceflightsCopy();

        var exitCode = await project.RunAsync("catalog", "describe-datasets");

        Assert.True(exitCode == 0, project.Output + project.Error);
        Assert.All(StarterEntries.Select(e => e.Name), name => Assert.Contains(name, project.Output, StringComparison.Ordinal));
        Assert.DoesNotContain("not found", project.Output + project.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SqlEnvironment_KeepsTheRawAndIntermediateTablesInOneSqliteFile()
    {
        var catalog = Load("catalog.yml", "sql");
        string[] raw = ["companies", "reviews", "shuttles"];
        string[] intermediate = ["preprocessed_companies", "preprocessed_shuttles", "model_input_table"];

        Assert.Equal([.. raw, .. intermediate], catalog.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        foreach (var name in raw.Concat(intermediate))
        {
            var entry = (YamlMappingNode)catalog[name];
            Assert.Equal(("pandas.SQLTableDataset", name, "spaceflights_db"), (Scalar(entry, "type"), Scalar(entry, "table_name"), Scalar(entry, "credentials")));
            var ifExists = entry.Children.TryGetValue(new YamlScalarNode("save_args"), out var saveArgs) ? Scalar((YamlMappingNode)saveArgs, "if_exists") : null;
            Assert.Equal(intermediate.Contains(name) ? "replace" : null, ifExists);   // raw tables keep pandas' "fail"
        }

        var credentials = (YamlMappingNode)Load("credentials.yml", "sql")["spaceflights_db"];
        Assert.Equal("sqlite:///data/01_raw/spaceflights.db", Scalar(credentials, "con"));
    }

    [Fact]
    public async Task DescribeDatasets_WithEnvSql_ResolvesTheTablesWithTheEnvironmentsCredentials()
    {
        using var project = new SpaceflightsCopy();

        var exitCode = await project.RunAsync("catalog", "describe-datasets", "--env", "sql");

        Assert.True(exitCode == 0, project.Output + project.Error);
        Assert.Contains("Kedro.Datasets.Sql.SqlTableDataset:", project.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not found", project.Output + project.Error, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(project.PathOf("data/01_raw/spaceflights.db")));
    }

    private static YamlMappingNode Load(string file, string environment = "base")
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(SpaceflightsCopy.SampleFolder, "conf", environment, file));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;
}
