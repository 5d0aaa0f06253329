using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Kedro.IO.Serialization;
using Kedro.WorkerProcesses;
using Kedro.WorkerProcesses.SharedMemory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kedro.IO;

/// <summary>
/// Owns the shared memory of one parallel run (the role of Kedro's multiprocessing <c>SyncManager</c>): a private
/// directory on a memory-backed file system (<c>/dev/shm</c> when it is writable, else the temporary folder) holding
/// one segment file per value that a <see cref="SharedMemoryDataset"/> saved. Every process of the run maps the same
/// files, so a value written once by its producer is read by each consumer without passing through another process.
/// </summary>
/// <remarks>
/// <para>
/// The process that creates the manager owns the directory: <see cref="Dispose"/> deletes it with every segment
/// left in it. Worker processes open the same directory with <see cref="Attach"/>; disposing an attached manager
/// deletes nothing. Creating a manager also removes, best effort, the directories that managers of processes which
/// no longer exist left behind (for example after the process was killed).
/// </para>
/// <para>This type is safe to use from many threads.</para>
/// </remarks>
internal sealed class SharedMemoryManager : IDisposable
{
    /// <summary>The prefix of every run directory: <c>kedro-shm-{pid}-{random}</c>.</summary>
    internal const string DirectoryPrefix = "kedro-shm-";

    private readonly ILogger _logger;
    private readonly string _token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private long _counter;
    private int _disposed;

    /// <summary>Creates the directory of a new run and removes stale directories of processes that no longer exist.</summary>
    /// <param name="serializers">The serializers for values that are not arrays of primitive types; <see cref="ValueSerializerRegistry.Default"/> when <see langword="null"/>.</param>
    /// <param name="root">Where the run directory is created; <see cref="DefaultRoot"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where segment activity is logged at debug level; none when <see langword="null"/>.</param>
    /// <exception cref="IOException">The directory cannot be created.</exception>
    public SharedMemoryManager(ValueSerializerRegistry? serializers = null, string? root = null, ILogger? logger = null)
    {
        _logger = logger ?? NullLogger.Instance;
        Serializers = serializers ?? ValueSerializerRegistry.Default;
        root ??= DefaultRoot;
        SweepStaleDirectories(root, _logger);
        var name = string.Create(CultureInfo.InvariantCulture, $"{DirectoryPrefix}{Environment.ProcessId}-{_token}");
        Directory = Path.Combine(Path.GetFullPath(root), name);
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        OwnsDirectory = true;
        _logger.SharedMemoryDirectoryCreated(Directory);
    }

    private SharedMemoryManager(string directory, ValueSerializerRegistry serializers, ILogger logger)
    {
        _logger = logger;
        Serializers = serializers;
        Directory = directory;
        OwnsDirectory = false;
    }

    /// <summary>
    /// Where run directories are created: <c>/dev/shm</c> when it exists and is writable (memory, never written to a
    /// disk), else <see cref="Path.GetTempPath"/>.
    /// </summary>
    public static string DefaultRoot { get; } = SharedMemoryFiles.FindDefaultRoot();

    /// <summary>The run directory holding the segments.</summary>
    public string Directory { get; }

    /// <summary>Whether this manager created the directory (and deletes it when disposed), rather than attached to it.</summary>
    public bool OwnsDirectory { get; }

    /// <summary>The serializers for values that are not arrays of primitive types.</summary>
    public ValueSerializerRegistry Serializers { get; }

    /// <summary>
    /// Opens the run directory of a manager created in another process (a worker process does this), to read and
    /// write segments there. Disposing the returned manager deletes nothing.
    /// </summary>
    /// <param name="directory">The owner's <see cref="Directory"/>.</param>
    /// <param name="serializers">The serializers, registered as in the owner's process; <see cref="ValueSerializerRegistry.Default"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where segment activity is logged at debug level.</param>
    /// <returns>The attached manager.</returns>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static SharedMemoryManager Attach(string directory, ValueSerializerRegistry? serializers = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw new DirectoryNotFoundException(SharedMemoryMessages.RunDirectoryMissing(full));
        }

        return new SharedMemoryManager(full, serializers ?? ValueSerializerRegistry.Default, logger ?? NullLogger.Instance);
    }

    /// <summary>The ids of the segments currently in the directory, in ordinal order.</summary>
    /// <returns>The segment ids; empty after the owner was disposed.</returns>
    public IReadOnlyList<string> Segments()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return System.IO.Directory.EnumerateFiles(Directory)
            .Select(Path.GetFileName)
            .Where(name => name is not null && SharedMemoryFiles.IsSegmentId(name))
            .Select(name => name!)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Frees a segment: it disappears at once (later loads find nothing; readers that already opened it finish
    /// reading), and its memory is returned in the background, so the caller does not wait for a large value's pages.
    /// </summary>
    /// <param name="segmentId">The segment id, as <see cref="SharedMemoryDataset"/> reports it.</param>
    /// <returns><see langword="true"/> when the segment existed.</returns>
    /// <exception cref="ArgumentException"><paramref name="segmentId"/> is not a segment id.</exception>
    public bool Free(string segmentId)
    {
        var path = PathOf(segmentId);
        var doomed = Path.Combine(Directory, SharedMemoryFiles.FreedPrefix + segmentId);
        try
        {
            File.Move(path, doomed, overwrite: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.SharedMemoryCleanupFailed(path, e.Message);
            return false;
        }

        _logger.SharedMemorySegmentFreed(segmentId);
        ThreadPool.UnsafeQueueUserWorkItem(static file => SharedMemoryFiles.TryDeleteFile(file), doomed, preferLocal: false);
        return true;
    }

    /// <summary>Deletes the run directory and every segment in it, when this manager owns it; otherwise does nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || !OwnsDirectory)
        {
            return;
        }

        if (SharedMemoryFiles.TryDeleteDirectory(Directory, out var error))
        {
            _logger.SharedMemoryDirectoryDeleted(Directory);
        }
        else
        {
            _logger.SharedMemoryCleanupFailed(Directory, error!);
        }
    }

    /// <summary>
    /// Deletes, best effort, the run directories under <paramref name="root"/> whose owning process no longer exists
    /// (left behind by a process that was killed). Called by every new manager.
    /// </summary>
    /// <param name="root">Where run directories are; <see cref="DefaultRoot"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where removals are logged.</param>
    /// <returns>The number of directories removed.</returns>
    public static int SweepStaleDirectories(string? root = null, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        root ??= DefaultRoot;
        var removed = 0;
        IEnumerable<string> candidates;
        try
        {
            candidates = System.IO.Directory.EnumerateDirectories(root, DirectoryPrefix + "*").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        foreach (var directory in candidates)
        {
            if (SharedMemoryFiles.OwnerPid(Path.GetFileName(directory)) is not { } pid || pid == Environment.ProcessId || ProcessExists(pid))
            {
                continue;
            }

            if (SharedMemoryFiles.TryDeleteDirectory(directory, out _))
            {
                logger.SharedMemoryStaleDirectoryRemoved(directory, pid);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Writes a value into a new segment and returns its id; the segment appears complete or not at all.</summary>
    /// <param name="datasetName">The dataset's name, part of the segment's file name and of error messages.</param>
    /// <param name="value">The value, not <see langword="null"/>.</param>
    /// <returns>The new segment's id.</returns>
    /// <exception cref="DatasetException">The value cannot be serialised (the message names the dataset and the value's type) or written.</exception>
    internal string Write(string datasetName, object value)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var id = string.Create(
            CultureInfo.InvariantCulture,
            $"{SharedMemoryFiles.Sanitise(datasetName)}-{_token}-{Interlocked.Increment(ref _counter)}");
        var bytes = SharedMemorySegment.Write(Directory, id, datasetName, value, Serializers);
        _logger.SharedMemorySegmentWritten(id, bytes);
        return id;
    }

    /// <summary>Reads a segment's value, as <paramref name="requestedType"/> when that is not <see cref="object"/> and the stored value is not already one.</summary>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="requestedType">The type the consumer wants; <see cref="object"/> for the stored type.</param>
    /// <param name="datasetName">The dataset's name, for messages.</param>
    /// <param name="keepMapping">Receives the mapping of an Arrow table read in place (see <see cref="SharedMemorySegment.Read"/>); <see langword="null"/> to copy it.</param>
    /// <returns>A fresh copy of the value, or an Arrow table over the mapped segment when <paramref name="keepMapping"/> is given.</returns>
    /// <exception cref="DatasetException">The segment does not exist (<c>Data for MemoryDataset has not been saved yet.</c>) or cannot be read as asked.</exception>
    internal object? Read(string segmentId, Type requestedType, string datasetName = "data", Action<MappedSegment>? keepMapping = null)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0 && OwnsDirectory, this);
        return SharedMemorySegment.Read(PathOf(segmentId), requestedType, Serializers, datasetName, keepMapping);
    }

    /// <summary>Whether this manager owned its directory and has deleted it.</summary>
    internal bool IsDisposed => OwnsDirectory && Volatile.Read(ref _disposed) != 0;

    /// <summary>Whether a segment exists.</summary>
    internal bool Contains(string segmentId) => File.Exists(PathOf(segmentId));

    /// <summary>The file of a segment; refuses anything but a plain segment id.</summary>
    internal string PathOf(string segmentId)
    {
        ArgumentNullException.ThrowIfNull(segmentId);
        if (!SharedMemoryFiles.IsSegmentId(segmentId))
        {
            throw new ArgumentException(SharedMemoryMessages.InvalidSegmentId(segmentId), nameof(segmentId));
        }

        return Path.Combine(Directory, segmentId);
    }

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
