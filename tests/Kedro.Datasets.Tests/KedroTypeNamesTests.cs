using Kedro.IO;

namespace Kedro.Datasets.Tests;

public sealed class KedroTypeNamesTests
{
    private static DatasetException CreateFails(DatasetTypeRegistry registry, string type) =>
        Assert.Throws<DatasetException>(() => registry.Create("trips", new Dictionary<string, object?> { ["type"] = type, ["filepath"] = "x" }));

    [Theory]
    [InlineData("spark.SparkDataset", "pandas.ParquetDataset")]
    [InlineData("polars.CSVDataset", "pandas.CSVDataset")]
    [InlineData("polars.EagerPolarsDataset", "pandas.ParquetDataset")]
    [InlineData("pandas.HDFDataset", "pandas.ParquetDataset")]
    [InlineData("tensorflow.TensorFlowModelDataset", "pickle.PickleDataset")]
    [InlineData("kedro_datasets.dask.CSVDataset", "pandas.CSVDataset")]
    public void KedroTypeWithoutCounterpart_SaysKedroNetHasNoneAndTheNearestType(string type, string nearest)
    {
        var error = CreateFails(new DatasetTypeRegistry().AddKedroDatasets(), type);
        var bare = type.Replace("kedro_datasets.", string.Empty, StringComparison.Ordinal);

        Assert.StartsWith($"An exception occurred when parsing config for dataset 'trips':\nKedro.NET has no '{bare}'. The nearest type it has is '{nearest}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"register it under that name: 'DatasetTypeRegistry.Default.Register(\"{bare}\", context => ...)'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("is this a typo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KedroTypeWithNothingNear_SaysSoAndHowToWriteOne()
    {
        var error = CreateFails(new DatasetTypeRegistry().AddKedroDatasets(), "pandas.GBQTableDataset");
        Assert.Contains("Kedro.NET has no 'pandas.GBQTableDataset'. The nearest type it has is 'pandas.SQLTableDataset' (package Kedro.Datasets.Sql, registered by 'AddKedroSqlDatasets()')", error.Message, StringComparison.Ordinal);

        var none = CreateFails(new DatasetTypeRegistry().AddKedroDatasets(), "api.APIDataset");
        Assert.Contains("Kedro.NET has no 'api.APIDataset'. It has no type close to it. To keep 'api.APIDataset', write a dataset (derive from AbstractVersionedDataset<T>", none.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plotly.PlotlyDataset", "Kedro.Datasets.Plots", "AddKedroPlotDatasets()")]
    [InlineData("plotly.JSONDataset", "Kedro.Datasets.Plots", "AddKedroPlotDatasets()")]
    [InlineData("plotly.HTMLDataset", "Kedro.Datasets.Plots", "AddKedroPlotDatasets()")]
    [InlineData("matplotlib.MatplotlibDataset", "Kedro.Datasets.Plots", "AddKedroPlotDatasets()")]
    [InlineData("pandas.SQLTableDataset", "Kedro.Datasets.Sql", "AddKedroSqlDatasets()")]
    [InlineData("pandas.SQLQueryDataset", "Kedro.Datasets.Sql", "AddKedroSqlDatasets()")]
    public void TypeInAnotherPackage_NamesThePackageAndTheCall(string type, string package, string call)
    {
        var error = CreateFails(new DatasetTypeRegistry().AddKedroDatasets(), type);

        Assert.EndsWith($":\n'{type}' is in the Kedro.NET package {package}, which is not registered. Reference the package {package} and call " +
            $"'{call}' on the registry: 'project.ConfigureDatasets(r => r.{call})' in a project, or 'DatasetTypeRegistry.Default.{call}'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RealRegistration_WinsWhetherItComesBeforeOrAfter()
    {
        var after = new DatasetTypeRegistry().AddKedroDatasets()
            .Register("plotly.PlotlyDataset", static _ => new MemoryDataset("figure"));
        Assert.Equal("figure", after.Create("chart", new Dictionary<string, object?> { ["type"] = "plotly.PlotlyDataset" }).Load());

        var before = new DatasetTypeRegistry()
            .Register("spark.SparkDataset", static _ => new MemoryDataset("spark"))
            .AddKedroDatasets();
        Assert.Equal("spark", before.Create("frame", new Dictionary<string, object?> { ["type"] = "spark.SparkDataset" }).Load());
    }

    [Fact]
    public void UnknownName_StillGetsKedrosTypoMessage()
    {
        var error = CreateFails(new DatasetTypeRegistry().AddKedroDatasets(), "pandas.CSVDatset");
        Assert.Contains("Class 'pandas.CSVDatset' not found, is this a typo?", error.Message, StringComparison.Ordinal);
    }
}
