using Kedro.IO;

namespace Kedro.Core.Tests.IO;

public class DatasetTypeRegistryTests
{
    private static Dictionary<string, object?> Config(string type, params (string Key, object? Value)[] args)
    {
        var config = new Dictionary<string, object?> { ["type"] = type };
        foreach (var (key, value) in args)
        {
            config[key] = value;
        }

        return config;
    }

    [Theory]
    [InlineData("MemoryDataset")]
    [InlineData("kedro.io.MemoryDataset")]
    [InlineData("io.MemoryDataset")]
    [InlineData("Kedro.IO.MemoryDataset")]
    [InlineData("kedro.io.memory_dataset.MemoryDataset")]
    public void Create_BuiltInMemoryDatasetNames_CreateMemoryDataset(string type)
    {
        var registry = new DatasetTypeRegistry();
        var dataset = registry.Create("ds", Config(type, ("data", 3), ("copy_mode", "assign")));
        Assert.IsType<MemoryDataset>(dataset);
        Assert.Equal(3, dataset.Load());
        Assert.Equal("Kedro.IO.MemoryDataset", registry.GetTypeName(type));
    }

    [Fact]
    public void Create_CachedDataset_BuildsWrappedDatasetFromSubConfig()
    {
        var registry = new DatasetTypeRegistry();
        var dataset = Assert.IsType<CachedDataset>(registry.Create("ds", Config("CachedDataset", ("dataset", Config("MemoryDataset", ("data", "x"))))));
        Assert.IsType<MemoryDataset>(dataset.Dataset);
        Assert.Equal("x", dataset.Load());

        var inside = Assert.Throws<DatasetException>(() => registry.Create("ds", Config("CachedDataset",
            ("dataset", Config("MemoryDataset", ("versioned", true))))));
        Assert.Contains("Cached datasets should specify that they are versioned in the 'CachedDataset', not in the wrapped dataset.", inside.Message, StringComparison.Ordinal);
        var notDict = Assert.Throws<DatasetException>(() => registry.Create("ds", Config("CachedDataset", ("dataset", 5))));
        Assert.Contains("The argument type of 'dataset' should be either a dict/YAML representation of the dataset, or the actual dataset object.", notDict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownType_ExplainsHowToRegister()
    {
        var error = Assert.Throws<DatasetException>(() => new DatasetTypeRegistry().Create("boats", Config("System.IO.File")));
        Assert.StartsWith("An exception occurred when parsing config for dataset 'boats':\nClass 'System.IO.File' not found, is this a typo?", error.Message, StringComparison.Ordinal);
        Assert.Contains("DatasetTypeRegistry.Default.Register(\"System.IO.File\"", error.Message, StringComparison.Ordinal);
        var relative = Assert.Throws<DatasetException>(() => new DatasetTypeRegistry().Create("boats", Config(".MemoryDataset")));
        Assert.Contains("'type' class path does not support relative paths or paths ending with a dot.", relative.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DescribedUnavailableType_SaysKedroNetHasNoneAndHowToProceed()
    {
        var registry = new DatasetTypeRegistry().DescribeUnavailable("spark.SparkDataset", "Kedro.NET has no 'spark.SparkDataset'. Use 'pandas.CSVDataset' instead.");
        var error = Assert.Throws<DatasetException>(() => registry.Create("boats", Config("spark.SparkDataset")));
        Assert.Equal("An exception occurred when parsing config for dataset 'boats':\nKedro.NET has no 'spark.SparkDataset'. Use 'pandas.CSVDataset' instead.", error.Message);
        var prefixed = Assert.Throws<DatasetException>(() => registry.Create("boats", Config("kedro_datasets.spark.SparkDataset")));
        Assert.EndsWith(":\nKedro.NET has no 'spark.SparkDataset'. Use 'pandas.CSVDataset' instead.", prefixed.Message, StringComparison.Ordinal);
        Assert.False(registry.Contains("spark.SparkDataset"));
        Assert.Equal("Kedro.NET has no 'spark.SparkDataset'. Use 'pandas.CSVDataset' instead.", registry.GetUnavailableGuidance("spark.SparkDataset"));
        Assert.Null(registry.GetUnavailableGuidance("other.Dataset"));
    }

    [Fact]
    public void DescribeUnavailable_RegistrationOfTheRealTypeWins_BeforeOrAfter()
    {
        var later = new DatasetTypeRegistry()
            .DescribeUnavailable("plotly.PlotlyDataset", "Reference Kedro.Datasets.Plots.")
            .Register("plotly.PlotlyDataset", static _ => new MemoryDataset(7));
        Assert.Equal(7, later.Create("chart", Config("plotly.PlotlyDataset")).Load());
        Assert.Null(later.GetUnavailableGuidance("plotly.PlotlyDataset"));

        var earlier = new DatasetTypeRegistry()
            .Register("plotly.PlotlyDataset", static _ => new MemoryDataset(8))
            .DescribeUnavailable("plotly.PlotlyDataset", "Reference Kedro.Datasets.Plots.");
        Assert.Equal(8, earlier.Create("chart", Config("plotly.PlotlyDataset")).Load());
    }

    [Fact]
    public void Register_CustomType_ResolvesByNameAliasAndPrefixes()
    {
        var registry = new DatasetTypeRegistry();
        registry.Register("text.TextDataset", c => new MemoryDataset(c.Get<string>("filepath")), "TextAlias");

        Assert.Equal("a.txt", registry.Create("t", Config("text.TextDataset", ("filepath", "a.txt"))).Load());
        Assert.Equal("b.txt", registry.Create("t", Config("TextAlias", ("filepath", "b.txt"))).Load());
        Assert.Equal("c.txt", registry.Create("t", Config("kedro_datasets.text.TextDataset", ("filepath", "c.txt"))).Load());
        Assert.True(registry.Contains("TextAlias"));
        Assert.False(DatasetTypeRegistry.Default.Contains("TextAlias"));
        Assert.Equal("text.TextDataset", registry.GetTypeName("TextAlias"));
    }

    [Fact]
    public void Create_FactoryRejectingArguments_NamesDatasetAndType()
    {
        var registry = new DatasetTypeRegistry();
        var error = Assert.Throws<DatasetException>(() => registry.Create("boats", Config("MemoryDataset", ("filepath", "x"))));
        Assert.Equal(
            "'Kedro.IO.MemoryDataset' got an unexpected keyword argument 'filepath'.\nDataset 'boats' must only contain arguments valid for the constructor of 'Kedro.IO.MemoryDataset'.",
            error.Message);

        registry.Register("Broken", _ => throw new InvalidOperationException("boom"));
        var failed = Assert.Throws<DatasetException>(() => registry.Create("b", Config("Broken")));
        Assert.Equal("boom.\nFailed to instantiate dataset 'b' of type 'Broken'.", failed.Message);
        Assert.IsType<InvalidOperationException>(failed.InnerException);
    }

    [Fact]
    public void Create_Versioned_PassesVersionToFactory()
    {
        var registry = new DatasetTypeRegistry();
        DatasetVersion? seen = null;
        registry.Register("V", c =>
        {
            seen = c.Version;
            return new MemoryDataset();
        });

        registry.Create("v", Config("V", ("versioned", true)), loadVersion: "L", saveVersion: "S");
        Assert.Equal(new DatasetVersion("L", "S"), seen);
        registry.Create("v", Config("V"), loadVersion: "L", saveVersion: "S");
        Assert.Null(seen);
    }
}
