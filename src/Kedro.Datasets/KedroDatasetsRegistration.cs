using Kedro.Conversion;
using Kedro.Datasets.Internal;
using Kedro.Datasets.Partitions;
using Kedro.Datasets.Tables;
using Kedro.IO;

namespace Kedro.Datasets;

/// <summary>Registers Kedro.Datasets' types in a <see cref="DatasetTypeRegistry"/>.</summary>
public static class KedroDatasetsRegistration
{
    /// <summary>
    /// Registers <see cref="TextDataset"/>, <see cref="JsonDataset"/>, <see cref="YamlDataset"/>, <see cref="CsvDataset"/>,
    /// <see cref="ExcelDataset"/>, <see cref="PickleDataset"/>, <see cref="ParquetDataset"/>, <see cref="FeatherDataset"/>,
    /// <see cref="JsonTableDataset"/> (<c>pandas.JSONDataset</c>) and <see cref="MetricsDataset"/>
    /// (<c>tracking.MetricsDataset</c>), <see cref="PartitionedDataset"/> (<c>partitions.PartitionedDataset</c>) and
    /// <see cref="IncrementalDataset"/> (<c>partitions.IncrementalDataset</c>), each under its own name (<c>CsvDataset</c>), its full
    /// .NET name (<c>Kedro.Datasets.CsvDataset</c>) and Kedro's name (<c>pandas.CSVDataset</c>; with the registry's
    /// prefix rule, <c>kedro_datasets.pandas.CSVDataset</c> too), and registers the <see cref="TableConverter"/> with
    /// <see cref="ValueConverters"/> so nodes exchange tables of any kind (that registration is process-wide, whichever
    /// registry is passed, and lasts for the process: call this before building pipelines that pass one table kind to a
    /// node taking another). Calling it again changes nothing.
    /// Kedro's other dataset type names are described with <see cref="DatasetTypeRegistry.DescribeUnavailable"/>, so a catalog
    /// naming one (<c>spark.SparkDataset</c>) is told that Kedro.NET has none and what is nearest, and one that lives in another
    /// Kedro.NET package (<c>plotly.PlotlyDataset</c>) is told which package and which call registers it.
    /// </summary>
    /// <param name="registry">The registry, for example <see cref="DatasetTypeRegistry.Default"/>.</param>
    /// <returns>The same registry, to chain calls.</returns>
    public static DatasetTypeRegistry AddKedroDatasets(this DatasetTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ValueConverters.Register(new TableConverter());
        KedroCatalogue.Describe(registry);
        return registry
            .Register(static context => TextDataset.Create(context), "text.TextDataset")
            .Register(static context => JsonDataset.Create(context), "json.JSONDataset")
            .Register(static context => YamlDataset.Create(context), "yaml.YAMLDataset")
            .Register(static context => CsvDataset.Create(context), "pandas.CSVDataset")
            .Register(static context => ExcelDataset.Create(context), "pandas.ExcelDataset")
            .Register(static context => PickleDataset.Create(context), "pickle.PickleDataset")
            .Register(static context => ParquetDataset.Create(context), "pandas.ParquetDataset")
            .Register(static context => FeatherDataset.Create(context), "pandas.FeatherDataset")
            .Register(static context => JsonTableDataset.Create(context), "pandas.JSONDataset")
            .Register(static context => MetricsDataset.Create(context), "tracking.MetricsDataset")
            .Register(static context => PartitionedDataset.Create(context), "partitions.PartitionedDataset")
            .Register(static context => IncrementalDataset.Create(context), "partitions.IncrementalDataset");
    }
}
