using Kedro.Conversion;
using Kedro.Datasets.Tables;
using Kedro.IO;

namespace Kedro.Datasets.Sql;

/// <summary>Registers Kedro.Datasets.Sql's types in a <see cref="DatasetTypeRegistry"/>.</summary>
public static class KedroSqlDatasetsRegistration
{
    /// <summary>
    /// Registers <see cref="SqlTableDataset"/> and <see cref="SqlQueryDataset"/>, each under its own name
    /// (<c>SqlTableDataset</c>), its full .NET name (<c>Kedro.Datasets.Sql.SqlTableDataset</c>) and Kedro's name
    /// (<c>pandas.SQLTableDataset</c>, <c>pandas.SQLQueryDataset</c>; with the registry's prefix rule,
    /// <c>kedro_datasets.pandas.SQLTableDataset</c> too), and registers Kedro.Datasets' <see cref="TableConverter"/> with
    /// <see cref="ValueConverters"/> so nodes exchange tables of any kind. Calling it again changes nothing.
    /// </summary>
    /// <param name="registry">The registry, for example <see cref="DatasetTypeRegistry.Default"/>.</param>
    /// <returns>The same registry, to chain calls.</returns>
    public static DatasetTypeRegistry AddKedroSqlDatasets(this DatasetTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ValueConverters.Register(new TableConverter());
        return registry
            .Register(static context => SqlTableDataset.Create(context), "pandas.SQLTableDataset")
            .Register(static context => SqlQueryDataset.Create(context), "pandas.SQLQueryDataset");
    }
}
