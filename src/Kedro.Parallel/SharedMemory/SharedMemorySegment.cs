using System.Buffers;
using System.Buffers.Binary;
using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Kedro.IO;
using Kedro.IO.Serialization;
using Kedro.WorkerProcesses.Serialization;
using Microsoft.Win32.SafeHandles;

namespace Kedro.WorkerProcesses.SharedMemory;

/// <summary>
/// The segment format and its I/O. A segment is one file: a 64-byte header (magic <c>KSHM</c>, format version,
/// kind, element code, element count, payload length, payload offset, type name length), the stored type's
/// assembly-qualified name for serialised values, then the payload at a 64-byte boundary. Arrays and lists of primitive types
/// are their raw bytes; Arrow tables (and values a registered converter turns into one) are an Arrow IPC stream, read back
/// in place from the mapped file; other values are their serializer's bytes. A segment is written under a temporary name
/// and renamed when complete, so a reader never sees a partial one.
/// </summary>
internal static class SharedMemorySegment
{
    private const uint Magic = 0x4D48534B; // "KSHM", little-endian
    private const ushort FormatVersion = 1;
    private const int HeaderSize = 64;
    private const int Alignment = 64;
    private const int MaxChunkBytes = 1 << 30;

    private enum Kind : byte
    {
        Null = 0,
        RawArray = 1,
        Json = 2,
        Registered = 3,
        RawList = 4,
        Arrow = 5,
    }

    /// <summary>Whether values of a type travel as raw bytes: one-dimensional arrays and lists of primitive types.</summary>
    public static bool IsRawArray(Type type) => RawArrays.CodeOf(type) != 0;

    /// <summary>Writes a segment and returns its size in bytes.</summary>
    /// <exception cref="DatasetException">The value cannot be serialised, or the file cannot be written.</exception>
    public static long Write(string directory, string id, string datasetName, object? value, ValueSerializerRegistry serializers)
    {
        var type = value?.GetType();
        var registered = type is null ? null : serializers.Find(type);
        var elementCode = type is not null && registered is null ? RawArrays.CodeOf(type) : (byte)0;
        string? refusal = null;
        var arrow = value is not null && registered is null && elementCode == 0 ? ArrowTables.TryPrepare(value, out refusal) : null;
        if (refusal is not null)
        {
            // A table type whose converter refused this value: JSON cannot carry a table either, so say why here.
            throw new DatasetException(SharedMemoryMessages.CannotSerialise(datasetName, type!, $"cannot cross as an Arrow table ({refusal.TrimEnd('.')})"));
        }

        ArrayBufferWriter<byte>? payload = null;
        var kind = Kind.Null;
        string typeName = string.Empty;
        long count = 0;
        long payloadLength = 0;
        if (arrow is not null)
        {
            kind = Kind.Arrow;
            elementCode = (byte)arrow.Shape;
            typeName = arrow.GivenType.AssemblyQualifiedName!;
            count = arrow.Batches.Sum(b => (long)b.Length);
        }
        else if (value is not null && elementCode != 0)
        {
            kind = type!.IsSZArray ? Kind.RawArray : Kind.RawList;
            count = value is Array array ? array.LongLength : ((ICollection)value).Count;
            payloadLength = count * RawArrays.ElementSize(elementCode);
        }
        else if (value is not null)
        {
            payload = new ArrayBufferWriter<byte>();
            var entry = serializers.Find(type!);
            string? problem;
            if (entry is not null)
            {
                kind = Kind.Registered;
                typeName = entry.ValueType.AssemblyQualifiedName!;
                problem = SerializeWith(entry, value, payload);
            }
            else
            {
                kind = Kind.Json;
                typeName = type!.AssemblyQualifiedName!;
                problem = SharedMemoryJson.TrySerialize(value, type, payload);
            }

            if (problem is not null)
            {
                throw new DatasetException(SharedMemoryMessages.CannotSerialise(datasetName, type!, problem));
            }

            payloadLength = payload.WrittenCount;
        }

        var nameBytes = Encoding.UTF8.GetBytes(typeName);
        long payloadOffset = Align(HeaderSize + nameBytes.Length);
        var header = new byte[payloadOffset];
        var span = header.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], FormatVersion);
        span[6] = (byte)kind;
        span[7] = elementCode;
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], count);
        BinaryPrimitives.WriteInt64LittleEndian(span[24..], payloadOffset);
        BinaryPrimitives.WriteInt32LittleEndian(span[32..], nameBytes.Length);
        nameBytes.CopyTo(span[HeaderSize..]);

        var final = Path.Combine(directory, id);
        var temporary = Path.Combine(directory, SharedMemoryFiles.TemporaryPrefix + id);
        try
        {
            using (var handle = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None))
            {
                if (arrow is not null)
                {
                    payloadLength = WriteArrow(handle, arrow, payloadOffset, datasetName);
                }

                BinaryPrimitives.WriteInt64LittleEndian(span[16..], payloadLength);
                RandomAccess.Write(handle, header, 0);
                if (kind is Kind.RawArray or Kind.RawList)
                {
                    RawArrays.Write(elementCode, handle, value!, payloadOffset);
                }
                else if (payload is not null)
                {
                    RandomAccess.Write(handle, payload.WrittenSpan, payloadOffset);
                }
            }

            File.Move(temporary, final, overwrite: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            SharedMemoryFiles.TryDeleteFile(temporary);
            throw new DatasetException($"Failed to write shared-memory segment '{final}': {e.Message}", e);
        }
        catch
        {
            SharedMemoryFiles.TryDeleteFile(temporary);
            throw;
        }

        return payloadOffset + payloadLength;
    }

    /// <summary>Reads a segment's value.</summary>
    /// <param name="path">The segment file.</param>
    /// <param name="requestedType">The type the consumer asks for; <see cref="object"/> for what was saved.</param>
    /// <param name="serializers">The registered serializers.</param>
    /// <param name="datasetName">The dataset's name, for messages.</param>
    /// <param name="keepMapping">
    /// Receives an Arrow table's mapping when it is read in place (its buffers point into the mapped file, and stay
    /// valid until the caller disposes the mapping); <see langword="null"/> to copy the table into this process instead.
    /// </param>
    /// <exception cref="DatasetException">The segment is missing or invalid, or the value cannot be read as asked.</exception>
    public static object? Read(string path, Type requestedType, ValueSerializerRegistry serializers, string datasetName = "data", Action<MappedSegment>? keepMapping = null)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DatasetException(SharedMemoryMessages.NotSavedYet, e);
        }

        using (handle)
        {
            Span<byte> header = stackalloc byte[HeaderSize];
            if (RandomAccess.Read(handle, header, 0) != HeaderSize
                || BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic
                || BinaryPrimitives.ReadUInt16LittleEndian(header[4..]) != FormatVersion)
            {
                throw new DatasetException(SharedMemoryMessages.NotASegment(path));
            }

            var kind = (Kind)header[6];
            var elementCode = header[7];
            var count = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
            var payloadLength = BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
            var payloadOffset = BinaryPrimitives.ReadInt64LittleEndian(header[24..]);
            var nameLength = BinaryPrimitives.ReadInt32LittleEndian(header[32..]);
            switch (kind)
            {
                case Kind.Null:
                    return null;
                case Kind.RawArray or Kind.RawList:
                    return RawArrays.Read(elementCode, handle, count, payloadOffset, kind == Kind.RawList);
                case Kind.Arrow:
                    return ReadArrow(path, handle, (ArrowShape)elementCode, nameLength, payloadLength, payloadOffset, requestedType, datasetName, keepMapping);
                case Kind.Json or Kind.Registered:
                    break;
                default:
                    throw new DatasetException(SharedMemoryMessages.NotASegment(path));
            }

            if (payloadLength > Array.MaxLength)
            {
                throw new DatasetException(SharedMemoryMessages.TooLarge(payloadLength));
            }

            var nameBytes = new byte[nameLength];
            RandomAccess.Read(handle, nameBytes, HeaderSize);
            var typeName = Encoding.UTF8.GetString(nameBytes);
            var buffer = ArrayPool<byte>.Shared.Rent((int)payloadLength);
            try
            {
                var data = buffer.AsSpan(0, (int)payloadLength);
                ReadExactly(handle, data, payloadOffset);
                var storedType = Type.GetType(typeName, throwOnError: false);
                if (kind == Kind.Registered)
                {
                    var entry = (storedType is null ? null : serializers.Find(storedType))
                        ?? throw new DatasetException(storedType is null
                            ? SharedMemoryMessages.StoredTypeNotFound(typeName)
                            : SharedMemoryMessages.NoSerializerForStoredType(storedType));
                    return entry.Deserialize(data);
                }

                if (requestedType != typeof(object) && (storedType is null || !requestedType.IsAssignableFrom(storedType)))
                {
                    // The consumer asked for another type (a record for a dictionary, say): read the JSON as that
                    // type when it can be; otherwise return the stored value and let the caller convert or report it.
                    if (SharedMemoryJson.TryDeserialize(data, requestedType, out var converted))
                    {
                        return converted;
                    }

                    if (storedType is null)
                    {
                        return SharedMemoryJson.Deserialize(data, requestedType);
                    }
                }

                return SharedMemoryJson.Deserialize(data, storedType ?? throw new DatasetException(SharedMemoryMessages.StoredTypeNotFound(typeName)));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Writes an Arrow IPC stream at <paramref name="offset"/> and returns its length.</summary>
    private static long WriteArrow(SafeFileHandle handle, ArrowPayload arrow, long offset, string datasetName)
    {
        using var stream = new HandleWriteStream(handle, offset);
        try
        {
            ArrowTables.Write(arrow, stream);
        }
        catch (Exception e) when (e is not IOException and not OperationCanceledException and not OutOfMemoryException)
        {
            throw new DatasetException(SharedMemoryMessages.CannotSerialise(
                datasetName, arrow.GivenType, $"cannot be written as an Arrow IPC stream ({e.GetType().Name}: {e.Message})"), e);
        }

        return stream.Position - offset;
    }

    /// <summary>Reads an Arrow segment: in place from the mapped file when <paramref name="keepMapping"/> is given, else from a copy.</summary>
    private static object ReadArrow(
        string path, SafeFileHandle handle, ArrowShape shape, int nameLength, long payloadLength, long payloadOffset,
        Type requestedType, string datasetName, Action<MappedSegment>? keepMapping)
    {
        var fileLength = RandomAccess.GetLength(handle);
        if (shape is not (ArrowShape.Batch or ArrowShape.Table or ArrowShape.Converted) || payloadOffset < HeaderSize + nameLength || nameLength < 0)
        {
            throw new DatasetException(SharedMemoryMessages.NotASegment(path));
        }

        if (payloadLength < 0 || payloadOffset + payloadLength > fileLength)
        {
            throw new DatasetException(SharedMemoryMessages.Truncated(path, payloadOffset + payloadLength, fileLength));
        }

        var nameBytes = new byte[nameLength];
        RandomAccess.Read(handle, nameBytes, HeaderSize);
        var typeName = Encoding.UTF8.GetString(nameBytes);
        var givenType = shape switch
        {
            ArrowShape.Batch => typeof(Apache.Arrow.RecordBatch),
            ArrowShape.Table => typeof(Apache.Arrow.Table),
            _ => Type.GetType(typeName, throwOnError: false),
        };
        if (givenType is null)
        {
            // Saved as a type this process does not know: a consumer that names its type gets the record batch to convert.
            shape = requestedType == typeof(object)
                ? throw new DatasetException(SharedMemoryMessages.StoredTypeNotFound(typeName))
                : ArrowShape.Batch;
            givenType = typeof(Apache.Arrow.RecordBatch);
        }

        MappedSegment? mapped = null;
        ReadOnlyMemory<byte> memory;
        if (keepMapping is not null && payloadLength <= int.MaxValue)
        {
            mapped = MappedSegment.Open(path, payloadOffset, (int)payloadLength);
            memory = mapped.Memory;
        }
        else
        {
            if (payloadLength > Array.MaxLength)
            {
                throw new DatasetException(SharedMemoryMessages.TooLarge(payloadLength));
            }

            var bytes = GC.AllocateUninitializedArray<byte>((int)payloadLength);
            ReadExactly(handle, bytes, payloadOffset);
            memory = bytes;
        }

        try
        {
            Apache.Arrow.Schema schema;
            List<Apache.Arrow.RecordBatch> batches;
            try
            {
                (schema, batches) = ArrowTables.Read(memory);
            }
            catch (InvalidDataException e)
            {
                throw new DatasetException(SharedMemoryMessages.ArrowCorrupt(datasetName, path, e.Message), e);
            }

            var value = ArrowTables.Materialise(datasetName, schema, batches, givenType, shape, requestedType);
            if (mapped is not null)
            {
                keepMapping!(mapped);
            }

            return value;
        }
        catch
        {
            ((IDisposable?)mapped)?.Dispose();
            throw;
        }
    }

    private static string? SerializeWith(SerializerEntry entry, object value, IBufferWriter<byte> output)
    {
        try
        {
            entry.Serialize(value, output);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"the serializer '{TypeNames.Of(entry.SerializerType)}' failed to write ({e.GetType().Name}: {e.Message})";
        }
    }

    private static void ReadExactly(SafeFileHandle handle, Span<byte> destination, long offset)
    {
        while (!destination.IsEmpty)
        {
            var read = RandomAccess.Read(handle, destination, offset);
            if (read <= 0)
            {
                throw new DatasetException("A shared-memory segment ended before its payload did.");
            }

            destination = destination[read..];
            offset += read;
        }
    }

    /// <summary>A write-only stream onto a file from an offset, that leaves the file open: what the Arrow writer writes to.</summary>
    private sealed class HandleWriteStream(SafeFileHandle handle, long position) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => position;
            set => throw new NotSupportedException();
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            RandomAccess.Write(handle, buffer, position);
            position += buffer.Length;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void WriteByte(byte value) => Write([value]);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private static long Align(long value) => (value + Alignment - 1) / Alignment * Alignment;


    /// <summary>Arrays and lists of primitive types, copied as raw bytes in large chunks.</summary>
    private static class RawArrays
    {
        private static readonly Type[] Types =
        [
            typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong),
            typeof(float), typeof(double), typeof(bool), typeof(char), typeof(decimal), typeof(Half),
        ];

        /// <summary>
        /// The element code (index + 1) of a one-dimensional zero-based array, or a <see cref="List{T}"/>, of a primitive
        /// type; 0 otherwise.
        /// </summary>
        public static byte CodeOf(Type type)
        {
            Type? element = null;
            if (type.IsSZArray)
            {
                element = type.GetElementType();
            }
            else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
            {
                element = type.GetGenericArguments()[0];
            }

            return element is null ? (byte)0 : (byte)(Array.IndexOf(Types, element) + 1);
        }

        public static int ElementSize(byte code) => code switch
        {
            1 or 2 or 11 => 1,
            3 or 4 or 12 or 14 => 2,
            5 or 6 or 9 => 4,
            7 or 8 or 10 => 8,
            13 => 16,
            _ => throw new ArgumentOutOfRangeException(nameof(code)),
        };

        public static void Write(byte code, SafeFileHandle handle, object value, long offset)
        {
            switch (code)
            {
                case 1: WriteValue<byte>(handle, value, offset); break;
                case 2: WriteValue<sbyte>(handle, value, offset); break;
                case 3: WriteValue<short>(handle, value, offset); break;
                case 4: WriteValue<ushort>(handle, value, offset); break;
                case 5: WriteValue<int>(handle, value, offset); break;
                case 6: WriteValue<uint>(handle, value, offset); break;
                case 7: WriteValue<long>(handle, value, offset); break;
                case 8: WriteValue<ulong>(handle, value, offset); break;
                case 9: WriteValue<float>(handle, value, offset); break;
                case 10: WriteValue<double>(handle, value, offset); break;
                case 11: WriteValue<bool>(handle, value, offset); break;
                case 12: WriteValue<char>(handle, value, offset); break;
                case 13: WriteValue<decimal>(handle, value, offset); break;
                case 14: WriteValue<Half>(handle, value, offset); break;
                default: throw new ArgumentOutOfRangeException(nameof(code));
            }
        }

        public static object Read(byte code, SafeFileHandle handle, long count, long offset, bool list) => code switch
        {
            1 => ReadValue<byte>(handle, count, offset, list),
            2 => ReadValue<sbyte>(handle, count, offset, list),
            3 => ReadValue<short>(handle, count, offset, list),
            4 => ReadValue<ushort>(handle, count, offset, list),
            5 => ReadValue<int>(handle, count, offset, list),
            6 => ReadValue<uint>(handle, count, offset, list),
            7 => ReadValue<long>(handle, count, offset, list),
            8 => ReadValue<ulong>(handle, count, offset, list),
            9 => ReadValue<float>(handle, count, offset, list),
            10 => ReadValue<double>(handle, count, offset, list),
            11 => ReadValue<bool>(handle, count, offset, list),
            12 => ReadValue<char>(handle, count, offset, list),
            13 => ReadValue<decimal>(handle, count, offset, list),
            14 => ReadValue<Half>(handle, count, offset, list),
            _ => throw new DatasetException("A shared-memory segment has an unknown element type."),
        };

        private static void WriteValue<T>(SafeFileHandle handle, object value, long offset)
            where T : unmanaged
        {
            ReadOnlySpan<T> span = value is T[] array ? array : CollectionsMarshal.AsSpan((List<T>)value);
            var size = Unsafe.SizeOf<T>();
            var chunk = MaxChunkBytes / size;
            for (var start = 0; start < span.Length; start += chunk)
            {
                var bytes = MemoryMarshal.AsBytes(span.Slice(start, Math.Min(chunk, span.Length - start)));
                RandomAccess.Write(handle, bytes, offset + ((long)start * size));
            }
        }

        private static object ReadValue<T>(SafeFileHandle handle, long count, long offset, bool list)
            where T : unmanaged
        {
            if (count > Array.MaxLength)
            {
                throw new DatasetException("A shared-memory segment holds more elements than an array can.");
            }

            object result;
            Span<T> span;
            if (list)
            {
                var values = new List<T>((int)count);
                CollectionsMarshal.SetCount(values, (int)count);
                span = CollectionsMarshal.AsSpan(values);
                result = values;
            }
            else
            {
                var values = GC.AllocateUninitializedArray<T>((int)count);
                SharedMemoryPages.AdviseHugePages(values, count * Unsafe.SizeOf<T>());
                span = values;
                result = values;
            }

            var size = Unsafe.SizeOf<T>();
            var chunk = MaxChunkBytes / size;
            for (var start = 0; start < span.Length; start += chunk)
            {
                var bytes = MemoryMarshal.AsBytes(span.Slice(start, Math.Min(chunk, span.Length - start)));
                ReadExactly(handle, bytes, offset + ((long)start * size));
            }

            return result;
        }
    }
}
