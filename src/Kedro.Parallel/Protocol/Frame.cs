using System.Buffers;
using System.Buffers.Binary;
using Kedro.WorkerProcesses.Runner;

namespace Kedro.WorkerProcesses.Protocol;

/// <summary>The kinds of messages between the parent and a worker process.</summary>
internal enum FrameKind : byte
{
    /// <summary>Parent: run a node (payload <see cref="RunNodeMessage"/>).</summary>
    RunNode = 1,

    /// <summary>Parent: cancel the node that is running.</summary>
    Cancel = 2,

    /// <summary>Parent: the answer to a worker's request (same id; payload <see cref="ReplyMessage"/> + data).</summary>
    Reply = 3,

    /// <summary>Parent: exit.</summary>
    Shutdown = 4,

    /// <summary>Worker: started and ready (payload: nothing).</summary>
    Ready = 10,

    /// <summary>Worker: the node succeeded (payload <see cref="NodeDoneMessage"/>).</summary>
    Done = 11,

    /// <summary>Worker: the node failed (payload <see cref="ErrorMessage"/>).</summary>
    Failed = 12,

    /// <summary>Worker: a question to the parent while a node runs (payload <see cref="RequestMessage"/> + data).</summary>
    Request = 13,
}

/// <summary>
/// One message: <c>[marker "KDRO"][int32 length][byte kind][int32 id][int32 header length][header: UTF-8 JSON][data]</c>,
/// little endian, where length counts what follows it and is at most <see cref="MaxLength"/>. The header describes the
/// message; the data, when there is any, is a serialised value. A stream that does not follow this shape (anything but
/// the marker where a frame starts, or an impossible length) is refused with an <see cref="InvalidDataException"/>
/// saying what was read, rather than read as a length to wait for.
/// </summary>
internal readonly record struct Frame(FrameKind Kind, int Id, ReadOnlyMemory<byte> Header, ReadOnlyMemory<byte> Data)
{
    /// <summary>The most bytes a frame carries after its length (1 GiB): larger values belong in shared memory.</summary>
    public const int MaxLength = 1 << 30;

    private const int PrefixLength = 17;
    private const int FixedLength = 9;
    private const int InlineDataLimit = 1 << 16;
    private static readonly byte[] Marker = "KDRO"u8.ToArray();

    /// <summary>Whether a frame with this header and data stays within <see cref="MaxLength"/>.</summary>
    public static bool Fits(int headerLength, int dataLength) => (long)FixedLength + headerLength + dataLength <= MaxLength;

    /// <summary>
    /// Writes a frame with a single write (the reader wakes once per frame, not once per part); callers serialise writes
    /// to one stream.
    /// </summary>
    /// <exception cref="InvalidOperationException">The frame would be longer than <see cref="MaxLength"/>.</exception>
    public static void Write(Stream stream, FrameKind kind, int id, ReadOnlySpan<byte> header, ReadOnlySpan<byte> data)
    {
        if (!Fits(header.Length, data.Length))
        {
            throw new InvalidOperationException(ParallelErrors.FrameTooLarge((long)FixedLength + header.Length + data.Length));
        }

        var inline = data.Length <= InlineDataLimit;
        var total = PrefixLength + header.Length + (inline ? data.Length : 0);
        var buffer = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            var span = buffer.AsSpan(0, total);
            Marker.CopyTo(span);
            BinaryPrimitives.WriteInt32LittleEndian(span[4..], FixedLength + header.Length + data.Length);
            span[8] = (byte)kind;
            BinaryPrimitives.WriteInt32LittleEndian(span[9..], id);
            BinaryPrimitives.WriteInt32LittleEndian(span[13..], header.Length);
            header.CopyTo(span[PrefixLength..]);
            if (inline)
            {
                data.CopyTo(span[(PrefixLength + header.Length)..]);
            }

            stream.Write(span);
            if (!inline)
            {
                stream.Write(data);
            }

            stream.Flush();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a frame, or <see langword="null"/> at the end of the stream.</summary>
    /// <exception cref="InvalidDataException">The stream does not hold a frame here; the message shows what was read.</exception>
    public static Frame? Read(Stream stream)
    {
        Span<byte> prefix = stackalloc byte[PrefixLength];
        if (!TryReadExactly(stream, prefix[..Marker.Length]))
        {
            return null;
        }

        if (!prefix[..Marker.Length].SequenceEqual(Marker))
        {
            throw new InvalidDataException(ParallelErrors.NotAFrame(Marker, prefix[..Marker.Length]));
        }

        if (!TryReadExactly(stream, prefix[Marker.Length..]))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix[4..]);
        var kind = (FrameKind)prefix[8];
        var id = BinaryPrimitives.ReadInt32LittleEndian(prefix[9..]);
        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(prefix[13..]);
        if (length is < FixedLength or > MaxLength || headerLength < 0 || headerLength > length - FixedLength)
        {
            throw new InvalidDataException(ParallelErrors.BadFrameLength(length, headerLength, MaxLength));
        }

        var body = GC.AllocateUninitializedArray<byte>(length - FixedLength);
        return TryReadExactly(stream, body)
            ? new Frame(kind, id, body.AsMemory(0, headerLength), body.AsMemory(headerLength))
            : null;
    }

    private static bool TryReadExactly(Stream stream, Span<byte> buffer)
    {
        try
        {
            stream.ReadExactly(buffer);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }
}
