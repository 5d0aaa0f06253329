using System.Collections.Concurrent;
using Kedro.IO;
using YamlDotNet.Serialization;

namespace Kedro.Datasets.Tests.Partitions;

/// <summary>A dataset type of the tests: records the path and credentials it is created with and the data saved to it.</summary>
public sealed class RecordingDataset(string filepath, object? credentials, ConcurrentQueue<(string Path, object? Data)> saved)
    : AbstractDataset<object>
{
    public string FilePath { get; } = filepath;

    public object? Credentials { get; } = credentials;

    public static DatasetTypeRegistry Register(DatasetTypeRegistry registry, ConcurrentQueue<RecordingDataset> created, ConcurrentQueue<(string Path, object? Data)> saved) =>
        registry.Register("tests.Recording", context =>
        {
            var dataset = new RecordingDataset(context.Get<string>("filepath")!, context.Arguments.GetValueOrDefault("credentials"), saved);
            created.Enqueue(dataset);
            return dataset;
        });

    protected override object LoadCore() => File.ReadAllText(FilePath);

    protected override void SaveCore(object data) => saved.Enqueue((FilePath, data));

    protected override bool ExistsCore() => File.Exists(FilePath);

    protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?> { ["filepath"] = FilePath };
}

/// <summary>A comparison named by type in catalog configuration: loads partitions whose id is shorter than the checkpoint.</summary>
public sealed class ShorterThanCheckpoint : Kedro.Datasets.Partitions.IPartitionComparison
{
    public bool Compare(string partitionId, string checkpoint) => partitionId.Length < checkpoint.Length;
}

internal static class PartitionTestKit
{
    public static DatasetTypeRegistry Registry() => new DatasetTypeRegistry().AddKedroDatasets();

    /// <summary>A catalog from YAML text, as catalog.yml is written.</summary>
    public static DataCatalog Catalog(string yaml, DatasetTypeRegistry registry, IDictionary<string, object?>? credentials = null)
    {
        var config = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object?>>(yaml);
        return DataCatalog.FromConfig(config, credentials, registry: registry);
    }

    /// <summary>A YAML scalar holding a path (single-quoted).</summary>
    public static string Q(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
}
