using Kedro.IO;

namespace Kedro.Datasets.Internal;

/// <summary>
/// Kedro's dataset type names (the kedro-datasets catalogue) that Kedro.Datasets does not register, with what to say
/// when a catalog names one: the nearest Kedro.NET type, or the Kedro.NET package that has it and the call that registers it.
/// </summary>
internal static class KedroCatalogue
{
    private const string Plots = "Kedro.Datasets.Plots";
    private const string PlotsCall = "AddKedroPlotDatasets()";
    private const string Sql = "Kedro.Datasets.Sql";
    private const string SqlCall = "AddKedroSqlDatasets()";

    /// <summary>Types another Kedro.NET package has: Kedro's name, the package, and the registration call.</summary>
    public static IReadOnlyList<(string Name, string Package, string Call)> InOtherPackages { get; } =
    [
        ("plotly.PlotlyDataset", Plots, PlotsCall),
        ("plotly.JSONDataset", Plots, PlotsCall),
        ("plotly.HTMLDataset", Plots, PlotsCall),
        ("matplotlib.MatplotlibDataset", Plots, PlotsCall),
        ("matplotlib.MatplotlibWriter", Plots, PlotsCall),
        ("pandas.SQLTableDataset", Sql, SqlCall),
        ("pandas.SQLQueryDataset", Sql, SqlCall),
    ];

    /// <summary>Types Kedro.NET has no counterpart for: Kedro's name and the nearest Kedro.NET type (<see langword="null"/> when none is near).</summary>
    public static IReadOnlyList<(string Name, string? Nearest)> Missing { get; } =
    [
        ("api.APIDataset", null),
        ("biosequence.BioSequenceDataset", "text.TextDataset"),
        ("dask.CSVDataset", "pandas.CSVDataset"),
        ("dask.ParquetDataset", "pandas.ParquetDataset"),
        ("databricks.ExternalTableDataset", "pandas.ParquetDataset"),
        ("databricks.ManagedTableDataset", "pandas.ParquetDataset"),
        ("email.EmailMessageDataset", "text.TextDataset"),
        ("geopandas.GenericDataset", "json.JSONDataset"),
        ("geopandas.GeoJSONDataset", "json.JSONDataset"),
        ("holoviews.HoloviewsWriter", "plotly.HTMLDataset"),
        ("huggingface.HFDataset", null),
        ("huggingface.HFTransformerPipelineDataset", null),
        ("ibis.FileDataset", "pandas.ParquetDataset"),
        ("ibis.TableDataset", "pandas.SQLTableDataset"),
        ("networkx.GMLDataset", null),
        ("networkx.GraphMLDataset", null),
        ("networkx.JSONDataset", "json.JSONDataset"),
        ("pandas.DeltaTableDataset", "pandas.ParquetDataset"),
        ("pandas.GBQQueryDataset", "pandas.SQLQueryDataset"),
        ("pandas.GBQTableDataset", "pandas.SQLTableDataset"),
        ("pandas.GenericDataset", "pandas.CSVDataset"),
        ("pandas.HDFDataset", "pandas.ParquetDataset"),
        ("pandas.XMLDataset", "pandas.JSONDataset"),
        ("pillow.ImageDataset", null),
        ("polars.CSVDataset", "pandas.CSVDataset"),
        ("polars.EagerPolarsDataset", "pandas.ParquetDataset"),
        ("polars.LazyPolarsDataset", "pandas.ParquetDataset"),
        ("redis.PickleDataset", "pickle.PickleDataset"),
        ("snowflake.SnowparkTableDataset", "pandas.SQLTableDataset"),
        ("spark.DeltaTableDataset", "pandas.ParquetDataset"),
        ("spark.SparkDataset", "pandas.ParquetDataset"),
        ("spark.SparkHiveDataset", "pandas.SQLTableDataset"),
        ("spark.SparkJDBCDataset", "pandas.SQLTableDataset"),
        ("spark.SparkStreamingDataset", null),
        ("svmlight.SVMLightDataset", null),
        ("tensorflow.TensorFlowModelDataset", "pickle.PickleDataset"),
        ("tracking.JSONDataset", "json.JSONDataset"),
        ("video.VideoDataset", null),
        ("langchain.ChatAnthropicDataset", null),
        ("langchain.ChatCohereDataset", null),
        ("langchain.ChatOpenAIDataset", null),
        ("langchain.OpenAIEmbeddingsDataset", null),
        ("netcdf.NetCDFDataset", null),
        ("optuna.StudyDataset", null),
        ("prophet.ProphetModelDataset", "json.JSONDataset"),
        ("pytorch.PyTorchDataset", "pickle.PickleDataset"),
        ("rioxarray.GeoTIFFDataset", null),
        ("safetensors.SafetensorsDataset", "pickle.PickleDataset"),
    ];

    /// <summary>Describes every name in <paramref name="registry"/>; a registration of the real type still wins.</summary>
    public static void Describe(DatasetTypeRegistry registry)
    {
        foreach (var (name, package, call) in InOtherPackages)
        {
            registry.DescribeUnavailable(name, InPackage(name, package, call));
        }

        foreach (var (name, nearest) in Missing)
        {
            registry.DescribeUnavailable(name, NotInKedroNet(name, nearest));
        }
    }

    /// <summary>The message for a type that lives in another Kedro.NET package.</summary>
    public static string InPackage(string name, string package, string call) =>
        $"'{name}' is in the Kedro.NET package {package}, which is not registered. Reference the package {package} and call " +
        $"'{call}' on the registry: 'project.ConfigureDatasets(r => r.{call})' in a project, or " +
        $"'DatasetTypeRegistry.Default.{call}'.";

    /// <summary>The message for a Kedro type with no Kedro.NET counterpart.</summary>
    public static string NotInKedroNet(string name, string? nearest)
    {
        var near = nearest is null
            ? "It has no type close to it. "
            : InOtherPackages.FirstOrDefault(p => p.Name == nearest) is { Name: not null } other
                ? $"The nearest type it has is '{nearest}' (package {other.Package}, registered by '{other.Call}'); its arguments may differ. "
                : $"The nearest type it has is '{nearest}'; its arguments may differ (see docs/datasets.md). ";
        return $"Kedro.NET has no '{name}'. {near}To keep '{name}', write a dataset (derive from AbstractVersionedDataset<T> and " +
            $"implement ITypedLoadDataset) and register it under that name: " +
            $"'DatasetTypeRegistry.Default.Register(\"{name}\", context => ...)' or 'project.ConfigureDatasets(r => r.Register(...))'.";
    }
}
