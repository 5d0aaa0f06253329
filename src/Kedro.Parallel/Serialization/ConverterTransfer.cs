using Kedro.Conversion;
using Kedro.IO;
using Kedro.WorkerProcesses.Protocol;
using Kedro.WorkerProcesses.SharedMemory;
using Kedro.WorkerProcesses.Worker;

namespace Kedro.WorkerProcesses.Serialization;

/// <summary>
/// The value converters registered in the parent (<see cref="ValueConverters"/>), sent to worker processes as type names
/// and re-created there with their public parameterless constructors, so that a worker converts tables as the parent would.
/// </summary>
internal static class ConverterTransfer
{
    /// <summary>One line per registered converter that a worker process could not re-create, with the reason.</summary>
    public static IReadOnlyList<string> FindWorkerProblems() =>
        ValueConverters.Registered
            .Select(c => SharedMemoryMessages.ConverterRecreationProblem(c.GetType()))
            .Where(p => p is not null)
            .Select(p => p!)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The registered converters, as a worker re-creates them.</summary>
    /// <exception cref="DatasetException">Some converters cannot be re-created in another process; the message lists them all.</exception>
    public static ConverterMessage[] Export()
    {
        var problems = FindWorkerProblems();
        if (problems.Count > 0)
        {
            throw new DatasetException(SharedMemoryMessages.ConvertersNotRecreatable(problems));
        }

        return [.. ValueConverters.Registered.Select(c => new ConverterMessage
        {
            Type = c.GetType().AssemblyQualifiedName!,
            AssemblyPath = c.GetType().Assembly.Location,
        })];
    }

    /// <summary>In a worker: registers the converters the parent sent (registering one twice changes nothing).</summary>
    /// <exception cref="DatasetException">A converter type cannot be found or created.</exception>
    public static void Import(IEnumerable<ConverterMessage> converters)
    {
        foreach (var converter in converters)
        {
            if (!string.IsNullOrEmpty(converter.AssemblyPath))
            {
                AssemblyFolders.Add(converter.AssemblyPath);
            }

            var type = Type.GetType(converter.Type, throwOnError: false)
                ?? throw new DatasetException(SharedMemoryMessages.ConverterTypeNotFound(converter.Type));
            if (!typeof(IValueConverter).IsAssignableFrom(type) || SharedMemoryMessages.ConverterRecreationProblem(type) is not null)
            {
                throw new DatasetException(SharedMemoryMessages.ConvertersNotRecreatable(
                    [SharedMemoryMessages.ConverterRecreationProblem(type) ?? $"'{TypeNames.Of(type)}': it does not implement 'IValueConverter'."]));
            }

            ValueConverters.Register((IValueConverter)Activator.CreateInstance(type)!);
        }
    }
}
