using System.Runtime.CompilerServices;
using Kedro.IO;
using Kedro.IO.Serialization;
using Kedro.WorkerProcesses.SharedMemory;

namespace Kedro.Hangfire.Internal;

/// <summary>
/// An intermediate value of a distributed run: a file in the run folder that the driver and every worker reach at the
/// same path, in the format of ParallelRunner's shared-memory segments (primitive arrays as raw bytes, Arrow tables as an
/// Arrow IPC stream, values with a registered serializer through it, anything else as JSON with its type), read as the
/// type the consuming node asks for. A save writes a temporary file and renames it over the old one, so a reader never
/// sees a partial value and a node that runs twice (a worker lost mid-node) simply replaces what it wrote.
/// </summary>
internal sealed class RunFolderDataset : AbstractDataset<object?>, ITypedLoadDataset
{
    private StrongBox<object?>? _detached;
    private volatile bool _isDetached;

    public RunFolderDataset(string path, string datasetName)
    {
        FilePath = path;
        DatasetName = datasetName;
    }

    /// <summary>The file.</summary>
    public string FilePath { get; }

    /// <summary>The dataset's name in the catalog, for messages.</summary>
    public string DatasetName { get; }

    /// <summary>An intermediate of one run: <c>onlyMissingOutputs</c> treats it as memory.</summary>
    public override bool IsEphemeral => true;

    /// <inheritdoc/>
    public object? Load(Type requestedType)
    {
        ArgumentNullException.ThrowIfNull(requestedType);
        if (Volatile.Read(ref _detached) is { } held)
        {
            return held.Value;
        }

        return SharedMemorySegment.Read(FilePath, requestedType, ValueSerializerRegistry.Default, DatasetName);
    }

    /// <inheritdoc/>
    public ValueTask<object?> LoadAsync(Type requestedType, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<object?>(Load(requestedType));
    }

    protected override object? LoadCore() => Load(typeof(object));

    protected override void SaveCore(object? data)
    {
        if (_isDetached)
        {
            // The run has ended and its folder is gone: the dataset the run returned now holds its values in memory.
            Volatile.Write(ref _detached, new StrongBox<object?>(data));
            return;
        }

        // The driver creates the run's data folder before the first job and removes the run folder when the run ends;
        // a save never creates it, so a node still running then (it ignored its cancellation) cannot bring it back.
        var folder = Path.GetDirectoryName(FilePath)!;
        if (!Directory.Exists(folder))
        {
            throw RunEnded(folder, null);
        }

        var name = $"{Path.GetFileName(FilePath)}.{Guid.NewGuid():N}";
        try
        {
            SharedMemorySegment.Write(folder, name, DatasetName, data, ValueSerializerRegistry.Default);
        }
        catch (DatasetException e) when (e.InnerException is DirectoryNotFoundException)
        {
            throw RunEnded(folder, e);
        }

        var written = Path.Combine(folder, name);
        try
        {
            File.Move(written, FilePath, overwrite: true);
        }
        catch
        {
            SharedMemoryFiles.TryDeleteFile(written);
            throw;
        }
    }

    private DatasetException RunEnded(string folder, Exception? cause)
    {
        var message = $"Cannot save '{DatasetName}': the run's data folder '{folder}' does not exist, so the run has ended (it was cancelled or failed, or its folder was removed).";
        return cause is null ? new DatasetException(message) : new DatasetException(message, cause);
    }

    protected override bool ExistsCore() => Volatile.Read(ref _detached) is not null || File.Exists(FilePath);

    /// <summary>The run no longer needs the value (every consumer is done): its file is deleted.</summary>
    protected override void ReleaseCore()
    {
        Volatile.Write(ref _detached, null);
        SharedMemoryFiles.TryDeleteFile(FilePath);
    }

    /// <summary>
    /// Moves the value into this process before the run folder is removed (the free outputs a run returns): from then on
    /// the dataset holds its value in memory, later saves included, and no longer touches the run folder.
    /// </summary>
    internal void Detach()
    {
        if (Volatile.Read(ref _detached) is null && File.Exists(FilePath))
        {
            Volatile.Write(ref _detached, new StrongBox<object?>(Load(typeof(object))));
        }

        _isDetached = true;
    }

    protected override IReadOnlyDictionary<string, object?> DescribeCore() =>
        new Dictionary<string, object?>(StringComparer.Ordinal) { ["filepath"] = FilePath };
}
