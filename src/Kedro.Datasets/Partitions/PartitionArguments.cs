using Kedro.IO;

namespace Kedro.Datasets.Partitions;

/// <summary>Reads the partitioned datasets' own arguments from catalog configuration.</summary>
internal static class PartitionArguments
{
    public static string Path(DatasetFactoryContext context, string typeName)
    {
        var path = context.Get<string>("path");
        return string.IsNullOrWhiteSpace(path) ? throw PartitionErrors.PathMissing(typeName) : path;
    }

    public static object Dataset(DatasetFactoryContext context, string typeName) =>
        context.Arguments.GetValueOrDefault("dataset") ?? throw PartitionErrors.DatasetMissing(typeName);
}
