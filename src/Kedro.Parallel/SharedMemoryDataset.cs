using System.Runtime.CompilerServices;
using Kedro.WorkerProcesses;
using Kedro.WorkerProcesses.SharedMemory;
using Microsoft.Extensions.Logging;

namespace Kedro.IO;

/// <summary>
/// A dataset whose value lives in shared memory, so that worker processes of <c>ParallelRunner</c> hand values to each
/// other (Kedro's <c>SharedMemoryDataset</c>): the producing process writes the value once into a segment of the run's
/// shared memory (a private folder on a memory-backed file system), and every consumer process reads it from there.
/// </summary>
/// <remarks>
/// <para>
/// Outside a run of <c>ParallelRunner</c> the dataset holds its value in this process, like a <see cref="MemoryDataset"/>
/// that does not copy. During a run each save writes a new segment and frees the previous one, each load returns a fresh copy read from the
/// segment, and <see cref="IDataset.Release"/> frees the segment (Kedro's release does nothing; here it returns the
/// memory as soon as the runner no longer needs the value).
/// </para>
/// <para>
/// Arrays and <see cref="List{T}"/>s of primitive types (<see cref="byte"/>, <see cref="int"/>, <see cref="double"/>,
/// ...) are copied as raw bytes. Arrow tables (<c>Apache.Arrow.RecordBatch</c>, <c>Apache.Arrow.Table</c>), and values
/// that a registered <c>Kedro.Conversion.IValueConverter</c> turns into a <c>RecordBatch</c> and back, are written as an
/// Arrow IPC stream, and a load returns a table whose buffers point into the mapped segment (no copy): it stays valid
/// until the dataset is released (in a worker process, until the node that loaded it ends). Any other value goes through
/// the <see cref="Serialization.ValueSerializerRegistry"/> (System.Text.Json unless a serializer is registered for its
/// type; a registered serializer wins over the Arrow path). A value that cannot be serialised fails the save with a
/// <see cref="DatasetException"/> naming the value's type. Safe to use from several threads.
/// </para>
/// </remarks>
public sealed class SharedMemoryDataset : AbstractDataset<object?>, ITypedLoadDataset
{
    private readonly Lock _lock = new();
    private readonly List<MappedSegment> _mappings = [];
    private SharedMemoryManager? _manager;
    private string? _segmentId;
    private StrongBox<object?>? _local;

    /// <summary>Creates an empty dataset; it holds values in this process until a manager is set.</summary>
    public SharedMemoryDataset()
    {
    }

    /// <summary>The manager whose shared memory holds the value; <see langword="null"/> until <see cref="SetManager"/>.</summary>
    internal SharedMemoryManager? Manager
    {
        get
        {
            lock (_lock)
            {
                return _manager;
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>Always <see langword="true"/>: the value is not persisted.</remarks>
    public override bool IsEphemeral => true;

    /// <summary>The dataset's name in its catalog, used in segment file names and messages.</summary>
    internal string DatasetName { get; set; } = "data";

    /// <summary>
    /// The segment holding the current value, or <see langword="null"/> when there is none (or no manager). Setting it
    /// adopts a segment written by another process (the parent learns it from the worker that saved) and frees the
    /// segment held before, if different.
    /// </summary>
    /// <exception cref="InvalidOperationException">Setting a segment while no manager is set.</exception>
    internal string? SegmentId
    {
        get
        {
            lock (_lock)
            {
                return _segmentId;
            }
        }

        set
        {
            SharedMemoryManager? manager;
            string? previous;
            lock (_lock)
            {
                manager = _manager;
                if (manager is null && value is not null)
                {
                    throw new InvalidOperationException(SharedMemoryMessages.NoManager);
                }

                if (value is not null)
                {
                    _ = manager!.PathOf(value);
                }

                previous = _segmentId;
                _segmentId = value;
                _local = null;
            }

            if (previous is not null && previous != value)
            {
                manager!.Free(previous);
            }
        }
    }

    /// <summary>Uses a manager's shared memory from now on; a value held in this process moves into a segment.</summary>
    /// <param name="manager">The run's manager (in a worker process, the attached one).</param>
    /// <exception cref="DatasetException">The value held in this process cannot be serialised.</exception>
    internal void SetManager(SharedMemoryManager manager)
    {
        ArgumentNullException.ThrowIfNull(manager);
        lock (_lock)
        {
            if (ReferenceEquals(_manager, manager))
            {
                return;
            }

            var oldManager = _manager;
            var oldSegment = _segmentId;
            string? segment = null;
            if (_local is { Value: { } value })
            {
                segment = manager.Write(DatasetName, value);
            }
            else if (oldManager is not null && oldSegment is not null && oldManager.Contains(oldSegment))
            {
                segment = manager.Write(DatasetName, oldManager.Read(oldSegment, typeof(object), DatasetName)!);
            }

            _manager = manager;
            _segmentId = segment;
            _local = null;
            if (oldManager is not null && oldSegment is not null)
            {
                oldManager.Free(oldSegment);
            }
        }
    }

    /// <inheritdoc/>
    /// <exception cref="DatasetException">Nothing has been saved (<c>Data for MemoryDataset has not been saved yet.</c>), or the value cannot be read as <paramref name="requestedType"/>.</exception>
    public object? Load(Type requestedType)
    {
        ArgumentNullException.ThrowIfNull(requestedType);
        if (Logger.IsEnabled(LogLevel.Debug))
        {
            Logger.LoadingDataset(ToString());
        }

        try
        {
            return LoadAs(requestedType);
        }
        catch (Exception exception) when (exception is not DatasetException and not OperationCanceledException)
        {
            throw SharedMemoryMessages.LoadFailed(this, exception);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="DatasetException">Nothing has been saved, or the value cannot be read as <paramref name="requestedType"/>.</exception>
    public ValueTask<object?> LoadAsync(Type requestedType, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<object?>(Load(requestedType));
    }

    /// <summary>A dataset reading (and, once saved, holding) a segment of <paramref name="manager"/>: how a worker process sees a value the parent told it about.</summary>
    /// <param name="manager">The run's manager (attached, in a worker).</param>
    /// <param name="segmentId">The segment, or <see langword="null"/> for an empty dataset that a producer will save to.</param>
    /// <param name="datasetName">The dataset's name in the catalog.</param>
    /// <returns>The dataset.</returns>
    internal static SharedMemoryDataset ForSegment(SharedMemoryManager manager, string? segmentId, string datasetName)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var dataset = new SharedMemoryDataset { DatasetName = datasetName };
        dataset.SetManager(manager);
        dataset.SegmentId = segmentId;
        return dataset;
    }

    /// <summary>
    /// Moves the value out of shared memory into this process and forgets the manager, so the dataset keeps working
    /// after the manager is disposed (the runner does this for the outputs it returns). The segment is freed.
    /// </summary>
    internal void Detach()
    {
        lock (_lock)
        {
            if (_manager is null)
            {
                return;
            }

            if (_segmentId is { } segment)
            {
                _local = _manager.Contains(segment) ? new StrongBox<object?>(_manager.Read(segment, typeof(object), DatasetName)) : null;
                _manager.Free(segment);
            }

            _manager = null;
            _segmentId = null;
        }

        ReleaseMappings();
    }

    /// <summary>
    /// Unmaps the segments that loads of Arrow tables read in place: the tables they returned must not be used any more
    /// (using one throws <see cref="ObjectDisposedException"/>). A worker process calls this when the node that loaded
    /// them has ended; <see cref="IDataset.Release"/> and <see cref="Detach"/> call it too.
    /// </summary>
    internal void ReleaseMappings()
    {
        MappedSegment[] mappings;
        lock (_mappings)
        {
            mappings = [.. _mappings];
            _mappings.Clear();
        }

        foreach (var mapping in mappings)
        {
            ((IDisposable)mapping).Dispose();
        }
    }

    /// <summary>The segments currently mapped by loads of Arrow tables.</summary>
    internal IReadOnlyList<MappedSegment> Mappings
    {
        get
        {
            lock (_mappings)
            {
                return [.. _mappings];
            }
        }
    }

    /// <inheritdoc/>
    /// <exception cref="DatasetException">Nothing has been saved: <c>Data for MemoryDataset has not been saved yet.</c></exception>
    protected override object? LoadCore() => LoadAs(typeof(object));

    /// <inheritdoc/>
    /// <exception cref="DatasetException">The value cannot be serialised; the message names its type.</exception>
    protected override void SaveCore(object? data)
    {
        SharedMemoryManager? manager;
        lock (_lock)
        {
            manager = _manager;
            if (manager is null)
            {
                _local = new StrongBox<object?>(data);
                return;
            }
        }

        ThrowIfGone(manager);
        var segment = manager.Write(DatasetName, data!);
        string? previous;
        lock (_lock)
        {
            if (!ReferenceEquals(_manager, manager))
            {
                // The manager changed while writing: the value belongs to the new state.
                manager.Free(segment);
                SaveCore(data);
                return;
            }

            previous = _segmentId;
            _segmentId = segment;
        }

        if (previous is not null)
        {
            manager.Free(previous);
        }
    }

    /// <inheritdoc/>
    protected override bool ExistsCore()
    {
        lock (_lock)
        {
            return _manager is null ? _local is not null : _segmentId is { } segment && _manager.Contains(segment);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Frees the segment (or drops the value held in this process).</remarks>
    protected override void ReleaseCore()
    {
        SharedMemoryManager? manager;
        string? segment;
        lock (_lock)
        {
            manager = _manager;
            segment = _segmentId;
            _segmentId = null;
            _local = null;
        }

        if (manager is not null && segment is not null)
        {
            manager.Free(segment);
        }

        ReleaseMappings();
    }

    /// <inheritdoc/>
    /// <remarks>Empty, as in Kedro: the dataset has no arguments.</remarks>
    protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?>();

    /// <summary>Creates the dataset from configuration (<c>type: SharedMemoryDataset</c>); it takes only <c>metadata</c>.</summary>
    internal static SharedMemoryDataset Create(DatasetFactoryContext context)
    {
        context.EnsureOnlyArguments("metadata");
        return new SharedMemoryDataset { DatasetName = context.DatasetName };
    }

    private object? LoadAs(Type requestedType)
    {
        SharedMemoryManager? manager;
        string? segment;
        lock (_lock)
        {
            manager = _manager;
            segment = _segmentId;
            if (manager is null)
            {
                return _local is { } box ? box.Value : throw new DatasetException(SharedMemoryMessages.NotSavedYet);
            }
        }

        ThrowIfGone(manager);
        if (segment is null)
        {
            throw new DatasetException(SharedMemoryMessages.NotSavedYet);
        }

        return manager.Read(segment, requestedType, DatasetName, KeepMapping);
    }

    private void KeepMapping(MappedSegment mapping)
    {
        lock (_mappings)
        {
            _mappings.Add(mapping);
        }
    }

    private void ThrowIfGone(SharedMemoryManager manager)
    {
        if (manager.IsDisposed)
        {
            throw new DatasetException(SharedMemoryMessages.ManagerDisposed(DatasetName, manager.Directory));
        }
    }
}
