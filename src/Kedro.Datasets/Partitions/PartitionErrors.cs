using Kedro.IO;

namespace Kedro.Datasets.Partitions;

/// <summary>The exceptions and warnings of the partitioned datasets, with their messages, in one place.</summary>
internal static class PartitionErrors
{
    public static DatasetException NoPartitions(string path) => new($"No partitions found in '{path}'");

    public static DatasetException AmbiguousLeftovers(string typeName, string path, IEnumerable<string> leftovers) =>
        new($"'{typeName}' finds no folder '{path}' but several folders that interrupted overwrites left next to it: "
            + string.Join(", ", leftovers.Select(l => $"'{l}'")) + $". Rename the one holding the partitions to '{path}' and delete the others.");

    public static string FolderRestored(string typeName, string path, string leftover) =>
        $"'{typeName}' found no folder '{path}' but the folder '{leftover}' that an interrupted overwrite left; it was moved back to '{path}'.";

    public static DatasetException ProducerWithoutResult(string typeName, string id) =>
        new($"'{typeName}' cannot save partition '{id}': its function returned a Task or ValueTask without a result, so there is no "
            + "data to save. Return the data, or a Task<T>/ValueTask<T> of it.");

    public static DatasetException VersionedPartitions(string typeName) =>
        new($"`{typeName}` does not support versioning of the underlying dataset. Please remove `versioned` flag from the dataset definition.");

    public static DatasetException VersionedCheckpoint(string typeName, string key) =>
        new($"'{typeName}' does not support versioning of the checkpoint. Please remove '{key}' key from the checkpoint definition.");

    public static ArgumentException VersionedSelf(string typeName) =>
        new($"'{typeName}' is not versioned itself: remove 'versioned: true' from its catalog entry. Each partition is a file of its own.");

    public static string FilepathOverwritten(string filepathArg) =>
        $"`{filepathArg}` key must not be specified in the dataset definition as it will be overwritten by partition path";

    public static string CredentialsNotPropagated(string target) =>
        $"Top-level credentials will not propagate into the {target} since credentials were explicitly defined in the {target} config.";

    public static ArgumentException PathMissing(string typeName) =>
        new($"'{typeName}' needs a 'path': the folder holding the partitions.");

    public static ArgumentException DatasetMissing(string typeName) =>
        new($"'{typeName}' needs a 'dataset': the type of each partition ('pandas.CSVDataset') or a mapping with its 'type' and arguments.");

    public static ArgumentException DatasetNotADefinition(string typeName, string argName, object value) =>
        new($"'{argName}' of '{typeName}' must be a dataset type name ('pandas.CSVDataset') or a mapping with 'type' and the dataset's "
            + $"arguments, not '{value}' ({TypeNames.OfValue(value)}).");

    public static ArgumentException TypeMissing(string typeName, string argName) =>
        new($"'{argName}' of '{typeName}' has no 'type': add the partition dataset's type, for example 'type: pandas.CSVDataset'.");

    public static ArgumentException MaxDepth(string typeName, object? value) =>
        FileErrors.BadValue(typeName, "load_args", "maxdepth", value, "a whole number of at least 1");

    public static ArgumentException UnknownComparison(string name, string why) =>
        new($"'IncrementalDataset' cannot use comparison_func '{name}': {why} Use one of 'operator.gt', 'operator.ge', 'operator.lt', "
            + "'operator.le', 'operator.eq', 'operator.ne', or the full name of a public class with a public parameterless constructor "
            + $"implementing '{typeof(IPartitionComparison).FullName}' (assembly-qualified when its assembly is not loaded yet).");

    public static ArgumentException NotAComparison(object value) =>
        new($"checkpoint 'comparison_func' of 'IncrementalDataset' must be a name ('operator.gt' or a .NET type name), not '{value}'.");

    public static InvalidDataException UnsafeId(string id) =>
        new($"Partition id '{id}' is not a relative path inside the dataset's folder: an id must be non-empty, not rooted, and have "
            + "no empty, '.' or '..' segments. Rename the partition.");

    public static InvalidDataException NotPartitionData(string typeName, object data) =>
        new($"a {typeName} saves a dictionary of partition ids (strings) to data, or to functions returning the data, not a "
            + $"'{TypeNames.OfValue(data)}'.");

    public static InvalidDataException DuplicateId(string id) => new($"Partition id '{id}' is given twice. Give each partition one value.");

    public static string LazyShapes(Type requested) =>
        $"a PartitionedDataset loads as a dictionary of partition id to a function that loads the partition: "
        + "IReadOnlyDictionary<string, Func<T>> (or IDictionary, Dictionary, OrderedDictionary), the same with "
        + "Func<CancellationToken, ValueTask<T>> to load asynchronously, where T is what the partition dataset loads as, "
        + $"not '{TypeNames.Of(requested)}'.";

    public static string EagerShapes(Type requested) =>
        $"an IncrementalDataset loads as a dictionary of partition id to the partition's data: IReadOnlyDictionary<string, T> "
        + $"(or IDictionary, Dictionary, OrderedDictionary), where T is what the partition dataset loads as, not '{TypeNames.Of(requested)}'.";

    public static DatasetException PartitionNotOfType(string id, object value, Type wanted) =>
        new($"Partition '{id}' loaded as a '{TypeNames.OfValue(value)}', which is not a '{TypeNames.Of(wanted)}' and cannot be converted to one. "
            + "Ask for the type the partition dataset loads as.");

    public static DatasetException CheckpointNotText(object value) =>
        new($"The checkpoint of an IncrementalDataset holds a '{TypeNames.OfValue(value)}'; it must hold a partition id (text).");
}
