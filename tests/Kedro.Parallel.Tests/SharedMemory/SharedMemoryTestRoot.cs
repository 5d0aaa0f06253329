using Kedro.IO;
using Kedro.IO.Serialization;

namespace Kedro.Parallel.Tests.SharedMemory;

/// <summary>A private root folder on the shared-memory file system for one test's managers; deleted when disposed.</summary>
public sealed class SharedMemoryTestRoot : IDisposable
{
    public SharedMemoryTestRoot()
    {
        Path = System.IO.Path.Combine(SharedMemoryManager.DefaultRoot, "kedro-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    internal SharedMemoryManager CreateManager(ValueSerializerRegistry? serializers = null) =>
        new(serializers ?? new ValueSerializerRegistry(), Path);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
