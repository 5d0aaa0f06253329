using System.Reflection;
using System.Text;
using Kedro.IO;

namespace Kedro.WorkerProcesses.SharedMemory;

/// <summary>The shared-memory data layer's messages, in one place.</summary>
internal static class SharedMemoryMessages
{
    /// <summary>Kedro's message for loading a memory dataset that holds nothing.</summary>
    public const string NotSavedYet = "Data for MemoryDataset has not been saved yet.";

    /// <summary>Kedro's message for a failed load, naming the dataset.</summary>
    public static DatasetException LoadFailed(object dataset, Exception inner) =>
        new(DatasetFailureText.LoadFailed(dataset, inner.Message), inner);

    public const string NoManager =
        "The SharedMemoryDataset has no SharedMemoryManager: call 'SetManager' (or 'SharedMemoryDataCatalog.SetManagerDatasets') before adopting a segment.";

    /// <summary>A dataset used after its run's shared memory was deleted.</summary>
    public static string ManagerDisposed(string datasetName, string directory) =>
        $"The SharedMemoryDataset '{datasetName}' belongs to a SharedMemoryManager that has been disposed, so its shared memory ('{directory}') is gone. "
        + "Load the run's outputs from the dictionary the runner returned, or call 'SetManager' with a live manager before using the dataset again.";

    /// <summary>Kedro's message for data a shared-memory dataset cannot hand to another process, with the reason and the fix.</summary>
    public static string CannotSerialise(string datasetName, Type type, string reason) =>
        $"'{TypeNames.Of(type)}' cannot be serialised. ParallelRunner implicit memory datasets can only be used with serialisable data. "
        + $"Dataset '{datasetName}' was given a value that {reason}. Return serialisable data (arrays of primitive types, strings, "
        + "numbers, records, lists, dictionaries), or register a serializer for the type with "
        + $"'ValueSerializerRegistry.Default.Register<{ShortName(type)}>(...)'.";

    public static string CannotUseWithMultiprocessing(
        IReadOnlyDictionary<string, string> offenders, IReadOnlyList<string> serializerProblems, IReadOnlyList<string> converterProblems)
    {
        var builder = new StringBuilder();
        if (offenders.Count > 0)
        {
            builder.Append("The following datasets cannot be used with multiprocessing: [")
                .AppendJoin(", ", offenders.Keys.Select(n => "'" + n + "'"))
                .Append(']');
            foreach (var (name, reason) in offenders)
            {
                builder.Append("\n  '").Append(name).Append("': ").Append(reason);
            }

            builder.Append("\nIn order to utilize multiprocessing you need to make sure all datasets can be re-created in a worker process: ")
                .Append("declare them in the catalog configuration (type and arguments) rather than adding instances in code, ")
                .Append("give memory datasets only serialisable data, and do not use single-process datasets such as CachedDataset.");
        }

        if (serializerProblems.Count > 0)
        {
            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            builder.Append(NotRecreatable(serializerProblems));
        }

        if (converterProblems.Count > 0)
        {
            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            builder.Append(ConvertersNotRecreatable(converterProblems));
        }

        return builder.ToString();
    }

    public const string SingleProcess = "it is a single-process dataset (IsSingleProcess is true): its data lives in this process only.";

    public static string AddedInCode(Type type) =>
        $"it is a '{TypeNames.Of(type)}' added in code, which a worker process cannot re-create; declare it in the catalog configuration instead.";

    public static string MemoryDataNotSerialisable(Type type, string reason) =>
        $"it holds a value of type '{TypeNames.Of(type)}' that {reason}.";

    public static string MemoryDataNotLoadable(string error) =>
        $"its data cannot be loaded to be sent to worker processes: {error}";

    public static string NotRecreatable(IEnumerable<string> problems) =>
        "The following value serializers cannot be re-created in a worker process:\n  "
        + string.Join("\n  ", problems)
        + "\nA serializer must be a public class with a public parameterless constructor, as worker processes create their own instances.";

    /// <summary>Why a worker could not re-create a serializer, or <see langword="null"/> when it can.</summary>
    public static string? RecreationProblem(Type valueType, Type serializerType)
    {
        var name = $"'{TypeNames.Of(serializerType)}' (for '{TypeNames.Of(valueType)}')";
        var expected = typeof(Kedro.IO.Serialization.IValueSerializer<>).MakeGenericType(valueType);
        if (!expected.IsAssignableFrom(serializerType))
        {
            return $"{name}: it does not implement '{TypeNames.Of(expected)}'.";
        }

        if (serializerType.IsAbstract || serializerType.ContainsGenericParameters || !IsVisible(serializerType))
        {
            return $"{name}: it is not a public, concrete class.";
        }

        if (serializerType.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is null && !serializerType.IsValueType)
        {
            return $"{name}: it has no public parameterless constructor.";
        }

        return valueType.AssemblyQualifiedName is null ? $"{name}: the value type has no assembly-qualified name." : null;
    }

    public static string SerializerTypeNotFound(string assemblyQualifiedName) =>
        $"The type '{assemblyQualifiedName}' of a registered value serializer cannot be found in this process; "
        + "make sure the worker process can load the assembly that defines it.";

    public static string RunDirectoryMissing(string directory) =>
        $"The shared-memory directory '{directory}' does not exist: the run that created it has ended, or the path is wrong.";

    public static string InvalidSegmentId(string segmentId) =>
        $"'{segmentId}' is not a shared-memory segment id: expected a file name of letters, digits, '_', '-' and '.', not starting with '.'.";

    public static string NotASegment(string path) =>
        $"'{path}' is not a shared-memory segment written by this version of Kedro.NET.";

    public static string StoredTypeNotFound(string typeName) =>
        $"The value's type '{typeName}' cannot be found in this process; load it with a requested type, or make sure the assembly that defines it is loaded.";

    public static string NoSerializerForStoredType(Type type) =>
        $"The value was written with a serializer registered for '{TypeNames.Of(type)}', but none is registered for it in this process.";

    public static string TooLarge(long bytes) =>
        $"The serialised value is {bytes} bytes long; values that are not arrays of primitive types must serialise to less than 2 GB.";

    /// <summary>An Arrow table a consumer asked for as a type that no registered converter gives.</summary>
    public static string ArrowNotConvertible(string datasetName, Apache.Arrow.Schema schema, Type givenType, Type requestedType) =>
        $"The SharedMemoryDataset '{datasetName}' holds an Arrow table ({DescribeSchema(schema)}) saved as '{TypeNames.Of(givenType)}', "
        + $"which cannot be given as '{TypeNames.Of(requestedType)}': no registered value converter turns an Arrow 'RecordBatch' into "
        + $"'{TypeNames.Of(requestedType)}'. Take the input as 'RecordBatch', 'Table' or '{TypeNames.Of(givenType)}', or register an "
        + "IValueConverter for the pair with 'ValueConverters.Register(...)' before the run.";

    /// <summary>An Arrow table with no batch at all, asked for as one record batch.</summary>
    public static string ArrowNoRows(Apache.Arrow.Schema schema) =>
        $"The Arrow table ({DescribeSchema(schema)}) has no record batch to give as a 'RecordBatch'; take the input as a 'Table'.";

    /// <summary>A segment whose Arrow payload cannot be read.</summary>
    public static string ArrowCorrupt(string datasetName, string path, string detail) =>
        $"The shared-memory segment '{path}' of dataset '{datasetName}' does not hold a valid Arrow IPC stream ({detail}). "
        + "Expected the Arrow table its producing node wrote there: the segment was changed or damaged after it was written. Run the pipeline again.";

    /// <summary>A segment shorter than its header says.</summary>
    public static string Truncated(string path, long expected, long actual) =>
        $"The shared-memory segment '{path}' is {actual} bytes long, but its header says {expected}: the segment was changed or damaged after it was written.";

    /// <summary>Why a worker could not re-create a registered value converter, or <see langword="null"/> when it can.</summary>
    public static string? ConverterRecreationProblem(Type converterType)
    {
        var name = $"'{TypeNames.Of(converterType)}'";
        if (converterType.IsAbstract || converterType.ContainsGenericParameters || !IsVisible(converterType))
        {
            return $"{name}: it is not a public, concrete class.";
        }

        return converterType.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is null && !converterType.IsValueType
            ? $"{name}: it has no public parameterless constructor."
            : null;
    }

    /// <summary>Registered value converters that worker processes cannot re-create.</summary>
    public static string ConvertersNotRecreatable(IEnumerable<string> problems) =>
        "The following value converters cannot be re-created in a worker process:\n  "
        + string.Join("\n  ", problems)
        + "\nA converter registered with 'ValueConverters.Register' must be a public class with a public parameterless constructor, as worker processes create their own instances.";

    /// <summary>A converter type sent by the parent that this process cannot find.</summary>
    public static string ConverterTypeNotFound(string assemblyQualifiedName) =>
        $"The type '{assemblyQualifiedName}' of a registered value converter cannot be found in this process; "
        + "make sure the worker process can load the assembly that defines it.";

    private static string DescribeSchema(Apache.Arrow.Schema schema) =>
        schema.FieldsList.Count == 0
            ? "no columns"
            : "columns " + string.Join(", ", schema.FieldsList.Select(f => $"'{f.Name}': {f.DataType.Name}"));

    private static bool IsVisible(Type type) => type.IsPublic || (type.IsNestedPublic && type.DeclaringType is { } outer && IsVisible(outer));

    private static string ShortName(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return (tick >= 0 ? name[..tick] : name) + "<" + string.Join(", ", type.GetGenericArguments().Select(ShortName)) + ">";
    }
}
