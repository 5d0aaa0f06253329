using Kedro.Datasets.Tests.Support;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;

namespace Kedro.Datasets.Tests;

public sealed class KedroDatasetsRegistrationTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-datasets-tests");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("TextDataset", "text.TextDataset", "Kedro.Datasets.TextDataset")]
    [InlineData("JsonDataset", "json.JSONDataset", "Kedro.Datasets.JsonDataset")]
    [InlineData("YamlDataset", "yaml.YAMLDataset", "Kedro.Datasets.YamlDataset")]
    [InlineData("CsvDataset", "pandas.CSVDataset", "Kedro.Datasets.CsvDataset")]
    [InlineData("ExcelDataset", "pandas.ExcelDataset", "Kedro.Datasets.ExcelDataset")]
    [InlineData("PickleDataset", "pickle.PickleDataset", "Kedro.Datasets.PickleDataset")]
    [InlineData("JsonTableDataset", "pandas.JSONDataset", "Kedro.Datasets.JsonTableDataset")]
    [InlineData("MetricsDataset", "tracking.MetricsDataset", "Kedro.Datasets.MetricsDataset")]
    [InlineData("ParquetDataset", "pandas.ParquetDataset", "Kedro.Datasets.ParquetDataset")]
    [InlineData("FeatherDataset", "pandas.FeatherDataset", "Kedro.Datasets.FeatherDataset")]
    public void AddKedroDatasets_RegistersOwnFullAndKedroNames(string name, string kedroName, string fullName)
    {
        var registry = new DatasetTypeRegistry().AddKedroDatasets();

        foreach (var alias in new[] { name, kedroName, fullName, "kedro_datasets." + kedroName })
        {
            Assert.True(registry.Contains(alias), alias);
            Assert.Equal(fullName, registry.GetTypeName(alias));
        }

        var dataset = registry.Create("d", new Dictionary<string, object?> { ["type"] = kedroName, ["filepath"] = _dir.PathOf("f") });
        Assert.Equal(fullName, dataset.GetType().FullName);
    }

    [Fact]
    public void AddKedroDatasets_Twice_ChangesNothing()
    {
        var once = new DatasetTypeRegistry().AddKedroDatasets();
        var twice = new DatasetTypeRegistry().AddKedroDatasets().AddKedroDatasets();
        Assert.Equal(once.TypeNames, twice.TypeNames);
    }

    [Fact]
    public void Create_KedroStyleEntry_TakesVersionedCredentialsFsArgsAndMetadata()
    {
        var registry = new DatasetTypeRegistry().AddKedroDatasets();

        var dataset = (CsvDataset)registry.Create("companies", new Dictionary<string, object?>
        {
            ["type"] = "pandas.CSVDataset",
            ["filepath"] = _dir.PathOf("companies.csv"),
            ["load_args"] = new Dictionary<string, object?> { ["sep"] = "," },
            ["save_args"] = new Dictionary<string, object?> { ["index"] = false },
            ["versioned"] = true,
            ["credentials"] = new Dictionary<string, object?> { ["key"] = "secret" },
            ["fs_args"] = new Dictionary<string, object?>(),
            ["metadata"] = new Dictionary<string, object?> { ["kedro-viz"] = new Dictionary<string, object?> { ["layer"] = "raw" } },
        }, loadVersion: null, saveVersion: "2024-01-01T00.00.00.000Z");

        Assert.Equal(new DatasetVersion(null, "2024-01-01T00.00.00.000Z"), dataset.Version);
        Assert.True(dataset.Metadata!.ContainsKey("kedro-viz"));
        Assert.DoesNotContain("secret", dataset.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnsupportedArgument_NamesTheDatasetAndArgument()
    {
        var registry = new DatasetTypeRegistry().AddKedroDatasets();

        var error = Assert.Throws<DatasetException>(() => registry.Create("shuttles", new Dictionary<string, object?>
        {
            ["type"] = "pandas.ExcelDataset",
            ["filepath"] = _dir.PathOf("s.xlsx"),
            ["load_args"] = new Dictionary<string, object?> { ["skipfooter"] = 2 },
        }));

        Assert.Contains("shuttles", error.Message, StringComparison.Ordinal);
        Assert.Contains("'ExcelDataset' does not support load_args 'skipfooter'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NodesGetTheirParameterTypesFromConfiguredDatasets()
    {
        File.WriteAllText(_dir.PathOf("companies.csv"), "id,company_rating,company_location,total_fleet_count,iata_approved\n1,100%,,2.0,t\n2,50%,Niue,,f\n");
        File.WriteAllText(_dir.PathOf("options.yml"), "test_size: 0.2\nrandom_state: 3\nfeatures: [engines]\n");
        var registry = new DatasetTypeRegistry().AddKedroDatasets();
        var catalog = DataCatalog.FromConfig(new Dictionary<string, object?>
        {
            ["companies"] = new Dictionary<string, object?> { ["type"] = "pandas.CSVDataset", ["filepath"] = _dir.PathOf("companies.csv") },
            ["options"] = new Dictionary<string, object?> { ["type"] = "yaml.YAMLDataset", ["filepath"] = _dir.PathOf("options.yml") },
            ["preprocessed"] = new Dictionary<string, object?> { ["type"] = "pandas.ExcelDataset", ["filepath"] = _dir.PathOf("pre.xlsx") },
            ["model"] = new Dictionary<string, object?> { ["type"] = "pickle.PickleDataset", ["filepath"] = _dir.PathOf("model.pickle"), ["versioned"] = true },
        }, registry: registry, saveVersion: "2024-01-01T00.00.00.000Z");
        var pipeline = new Pipeline(
        [
            Node.Create((IReadOnlyList<Company> companies) => companies.Where(c => c.TotalFleetCount is not null).ToList(), "companies", "preprocessed", name: "preprocess"),
            Node.Create((IReadOnlyList<Company> rows, ModelOptions options) => new LinearModel { Intercept = rows.Count + options.RandomState, Features = options.Features },
                new[] { "preprocessed", "options" }, "model", name: "train"),
        ]);

        new SequentialRunner().Run(pipeline, catalog);

        var model = catalog.Load<LinearModel>("model");
        Assert.Equal(4, model.Intercept);
        Assert.Equal(["engines"], model.Features);
        Assert.True(File.Exists(_dir.PathOf("model.pickle", "2024-01-01T00.00.00.000Z", "model.pickle")));
    }
}
