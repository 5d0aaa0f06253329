using Kedro.Config.Tests.Support;
using static Kedro.Config.Tests.Support.Tree;

namespace Kedro.Config.Tests;

/// <summary>A project's configuration written the way Kedro's documentation and starters write it loads unchanged.</summary>
public sealed class KedroProjectConfigTests : IDisposable
{
    private readonly ConfFolder _conf = new();

    public void Dispose() => _conf.Dispose();

    private void WriteSpaceflightsStyleProject()
    {
        _conf.Write("base/catalog.yml", """
            # Raw data
            companies:
              type: pandas.CSVDataset
              filepath: data/01_raw/companies.csv

            reviews:
              type: pandas.CSVDataset
              filepath: data/01_raw/reviews.csv

            shuttles:
              type: pandas.ExcelDataset
              filepath: data/01_raw/shuttles.xlsx
              load_args:
                engine: openpyxl

            preprocessed_companies:
              type: pandas.ParquetDataset
              filepath: data/02_intermediate/preprocessed_companies.parquet

            model_input_table:
              type: pandas.ParquetDataset
              filepath: data/03_primary/model_input_table.parquet
              credentials: db_credentials

            regressor:
              type: pickle.PickleDataset
              filepath: data/06_models/regressor.pickle
              versioned: true

            "{namespace}.metrics":
              type: json.JSONDataset
              filepath: data/08_reporting/{namespace}/metrics.json
            """);
        _conf.Write("base/parameters_data_processing.yml", "");
        _conf.Write("base/parameters_data_science.yml", """
            model_options:
              test_size: 0.2
              random_state: 3
              features:
                - engines
                - passenger_capacity
                - crew
                - d_check_complete
                - moon_clearance_complete
                - iata_approved
                - company_rating
                - review_scores_rating
            """);
        _conf.Write("base/parameters.yml", "# global parameters\n");
        _conf.Write("local/credentials.yml", """
            # Here you can define credentials for different data sets and environment.
            db_credentials:
              con: postgresql://scott:tiger@localhost/test
            """);
        _conf.Write("local/.gitkeep", "");
        _conf.Write("README.md", "# What is this for?\n");
    }

    [Fact]
    public void Load_KedroStarterLayout_GivesCatalogParametersAndCredentialsAsWritten()
    {
        WriteSpaceflightsStyleProject();
        var loader = _conf.Loader();

        var catalog = loader["catalog"];
        var parameters = loader["parameters"];
        var credentials = loader["credentials"];

        Assert.Equal(
            ["companies", "reviews", "shuttles", "preprocessed_companies", "model_input_table", "regressor", "{namespace}.metrics"],
            catalog.Keys);
        Assert.Equal(true, catalog.At("regressor")["versioned"]);
        Assert.Equal("data/08_reporting/{namespace}/metrics.json", catalog.At("{namespace}.metrics")["filepath"]);
        Assert.Equal(Map(("engine", "openpyxl")), catalog.At("shuttles")["load_args"]);
        var options = parameters.At("model_options");
        Assert.Equal(0.2, options["test_size"]);
        Assert.Equal(3, options["random_state"]);
        Assert.Equal(8, Assert.IsType<List<object?>>(options["features"]).Count);
        Assert.Equal("postgresql://scott:tiger@localhost/test", credentials.At("db_credentials")["con"]);
    }

    [Fact]
    public void Load_KedroStarterLayout_WithProdEnvironmentAndRuntimeParams()
    {
        WriteSpaceflightsStyleProject();
        _conf.Write("prod/parameters.yml", "model_options:\n  test_size: 0.3\n");
        var loader = _conf.Loader(env: "prod", runtimeParams: ConfigValues.ParseDotList([new("model_options.random_state", "7")]));

        var options = loader["parameters"].At("model_options");

        // As in Kedro: prod's own parameter files replace base's 'model_options' as a whole.
        Assert.Equal(Map(("test_size", 0.3), ("random_state", 7)), options);
        Assert.Throws<MissingConfigException>(() => loader["credentials"]);
    }
}
