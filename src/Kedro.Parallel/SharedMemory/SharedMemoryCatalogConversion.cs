using System.Buffers;
using Kedro.IO;
using Kedro.IO.Serialization;

namespace Kedro.WorkerProcesses.SharedMemory;

/// <summary>Helpers of <see cref="SharedMemoryDataCatalog"/>: what a worker process can re-create or be sent.</summary>
internal static class SharedMemoryCatalogConversion
{
    /// <summary>Why a dataset cannot be used by worker processes, or <see langword="null"/> when it can.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="configured">Whether the catalog can describe it as configuration.</param>
    /// <param name="serializers">The run's serializers, to check the data of memory datasets.</param>
    public static string? Problem(IDataset dataset, bool configured, ValueSerializerRegistry serializers)
    {
        if (dataset is SharedMemoryDataset)
        {
            return null;
        }

        if (dataset.IsSingleProcess)
        {
            return SharedMemoryMessages.SingleProcess;
        }

        if (configured)
        {
            return null;
        }

        if (dataset is MemoryDataset memory)
        {
            object? value;
            try
            {
                value = memory.Exists() ? memory.Load() : null;
            }
            catch (DatasetException e)
            {
                return SharedMemoryMessages.MemoryDataNotLoadable(e.Message);
            }

            if (value is null)
            {
                return null;
            }

            return SerialisationProblem(value, serializers) is { } reason
                ? SharedMemoryMessages.MemoryDataNotSerialisable(value.GetType(), reason)
                : null;
        }

        return SharedMemoryMessages.AddedInCode(dataset.GetType());
    }

    /// <summary>Why a value cannot be written to a segment (completing "a value that ..."), or <see langword="null"/>.</summary>
    public static string? SerialisationProblem(object value, ValueSerializerRegistry serializers)
    {
        var type = value.GetType();
        if (serializers.Find(type) is not null || SharedMemorySegment.IsRawArray(type) || ArrowTables.Applies(type))
        {
            return null;
        }

        return SharedMemoryJson.TrySerialize(value, type, new ArrayBufferWriter<byte>());
    }
}
