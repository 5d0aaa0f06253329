using System.Buffers;
using System.Buffers.Binary;

namespace Kedro.Runners.Parallel;

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
/// One message: <c>[int32 length][byte kind][int32 id][int32 header length][header: UTF-8 JSON][data]</c>, little
/// endian. The header describes the message; the data, when there is any, is a serialised value.
/// </summary>
internal readonly record struct Frame(FrameKind Kind, int Id, ReadOnlyMemory<byte> Header, ReadOnlyMemory<byte> Data)
{
    private const int PrefixLength = 13;
    private const int InlineDataLimit = 1 << 16;

    /// <summary>
    /// Writes a frame with a single write (the reader wakes once per frame, not once per part); callers serialise writes
    /// to one stream.
    /// </summary>
    public static void Write(Stream stream, FrameKind kind, int id, ReadOnlySpan<byte> header, ReadOnlySpan<byte> data)
    {
        var inline = data.Length <= InlineDataLimit;
        var total = PrefixLength + header.Length + (inline ? data.Length : 0);
        var buffer = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            var span = buffer.AsSpan(0, total);
            BinaryPrimitives.WriteInt32LittleEndian(span, 1 + 4 + 4 + header.Length + data.Length);
            span[4] = (byte)kind;
            BinaryPrimitives.WriteInt32LittleEndian(span[5..], id);
            BinaryPrimitives.WriteInt32LittleEndian(span[9..], header.Length);
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
    public static Frame? Read(Stream stream)
    {
        Span<byte> prefix = stackalloc byte[PrefixLength];
        try
        {
            stream.ReadExactly(prefix);
        }
        catch (EndOfStreamException)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        var kind = (FrameKind)prefix[4];
        var id = BinaryPrimitives.ReadInt32LittleEndian(prefix[5..]);
        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(prefix[9..]);
        var body = GC.AllocateUninitializedArray<byte>(length - 9);
        try
        {
            stream.ReadExactly(body);
        }
        catch (EndOfStreamException)
        {
            return null;
        }

        return new Frame(kind, id, body.AsMemory(0, headerLength), body.AsMemory(headerLength));
    }
}
