using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Kedro.WorkerProcesses.SharedMemory;

/// <summary>
/// A range of a segment file mapped read-only into this process and exposed as <see cref="Memory{T}"/>, so that an Arrow
/// reader builds its buffers over the segment's pages instead of copying them. The mapping lives as long as this object:
/// <see cref="IDisposable.Dispose"/> unmaps it, and so does the garbage collector once nothing refers to it (the view's
/// handle unmaps when it is finalised). The file may be deleted while it is mapped: its pages stay until the unmapping.
/// </summary>
/// <remarks>
/// After <see cref="IDisposable.Dispose"/>, asking for the memory throws <see cref="ObjectDisposedException"/> rather than
/// reading unmapped pages, so a value kept past its node fails loudly. Spans are limited to 2 GB, so only payloads
/// shorter than that are mapped.
/// </remarks>
internal sealed unsafe class MappedSegment : MemoryManager<byte>
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _start;
    private readonly int _length;
    private int _disposed;

    private MappedSegment(MemoryMappedFile file, MemoryMappedViewAccessor view, long offset, int length)
    {
        _file = file;
        _view = view;
        _length = length;
        // The view's handle is kept alive by this object, so its address stays valid until Dispose (or finalisation).
        _start = (byte*)view.SafeMemoryMappedViewHandle.DangerousGetHandle() + view.PointerOffset + offset;
    }

    /// <summary>The mapped payload's first byte's address.</summary>
    public nint Address => (nint)_start;

    /// <summary>The payload's length in bytes.</summary>
    public int Length => _length;

    /// <summary>Whether the mapping has been released.</summary>
    public bool IsReleased => Volatile.Read(ref _disposed) != 0;

    /// <summary>Maps <paramref name="length"/> bytes of a segment file from <paramref name="offset"/>, read-only.</summary>
    /// <param name="path">The segment file.</param>
    /// <param name="offset">Where the payload starts in the file.</param>
    /// <param name="length">The payload's length.</param>
    /// <returns>The mapping.</returns>
    /// <exception cref="IOException">The file cannot be mapped.</exception>
    public static MappedSegment Open(string path, long offset, int length)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        MemoryMappedFile? file = null;
        try
        {
            file = MemoryMappedFile.CreateFromFile(handle, mapName: null, capacity: 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            var view = file.CreateViewAccessor(0, offset + length, MemoryMappedFileAccess.Read);
            return new MappedSegment(file, view, offset, length);
        }
        catch
        {
            if (file is null)
            {
                handle.Dispose();
            }
            else
            {
                file.Dispose();
            }

            throw;
        }
    }

    /// <summary>Whether an address lies inside the mapped payload.</summary>
    public bool Contains(nint address) => address >= (nint)_start && address < (nint)_start + _length;

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The mapping has been released.</exception>
    public override Span<byte> GetSpan()
    {
        ObjectDisposedException.ThrowIf(IsReleased, this);
        return new Span<byte>(_start, _length);
    }

    /// <inheritdoc/>
    /// <remarks>Mapped pages never move: pinning only returns the address.</remarks>
    /// <exception cref="ObjectDisposedException">The mapping has been released.</exception>
    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ObjectDisposedException.ThrowIf(IsReleased, this);
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, _length);
        return new MemoryHandle(_start + elementIndex, pinnable: this);
    }

    /// <inheritdoc/>
    public override void Unpin()
    {
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _view.Dispose();
            _file.Dispose();
        }
    }
}
