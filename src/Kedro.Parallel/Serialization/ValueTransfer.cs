using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Kedro.IO.Serialization;
using Kedro.WorkerProcesses.Runner;
using Kedro.WorkerProcesses.SharedMemory;

namespace Kedro.WorkerProcesses.Serialization;

/// <summary>
/// How a value crosses the pipe between the parent and a worker (hook data, parent-held datasets): arrays of
/// unmanaged types as raw bytes, values with a serializer registered in <see cref="ValueSerializerRegistry.Default"/>
/// through it, Arrow tables (and values a registered converter turns into one) as an Arrow IPC stream, anything else through System.Text.Json with its runtime type and the shared-memory options (values typed
/// <see cref="object"/> arrive as plain configuration values, not <see cref="JsonElement"/>s).
/// </summary>
internal static class ValueTransfer
{
    private const string NullTag = "null";
    private const string RawPrefix = "raw:";
    private const string RegisteredPrefix = "ser:";
    private const string JsonPrefix = "json:";
    private const string ArrowPrefix = "arrow:";

    /// <summary>Appends a value's bytes to <paramref name="output"/> and returns its type tag.</summary>
    public static string Write(object? value, ArrayBufferWriter<byte> output)
    {
        if (value is null)
        {
            return NullTag;
        }

        var type = value.GetType();
        if (value is Array array && type.IsSZArray && type.GetElementType()!.IsPrimitive)
        {
            var bytes = MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(array), Buffer.ByteLength(array));
            output.Write(bytes);
            return RawPrefix + type.AssemblyQualifiedName;
        }

        if (ValueSerializerRegistry.Default.Find(type) is { } entry)
        {
            entry.Serialize(value, output);
            return RegisteredPrefix + entry.ValueType.AssemblyQualifiedName;
        }

        if (ArrowTables.TryPrepare(value, out _) is { } arrow)
        {
            using var stream = new MemoryStream();
            ArrowTables.Write(arrow, stream);
            output.Write(stream.GetBuffer().AsSpan(0, (int)stream.Length));
            return ArrowPrefix + (char)('0' + (int)arrow.Shape) + arrow.GivenType.AssemblyQualifiedName;
        }

        using (var writer = new Utf8JsonWriter(output))
        {
            JsonSerializer.Serialize(writer, value, type, SharedMemoryJson.Options);
        }

        return JsonPrefix + type.AssemblyQualifiedName;
    }

    /// <summary>Reads a value written by <see cref="Write"/>.</summary>
    public static object? Read(string tag, ReadOnlySpan<byte> data)
    {
        if (tag == NullTag)
        {
            return null;
        }

        if (tag.StartsWith(RawPrefix, StringComparison.Ordinal))
        {
            var type = FindType(tag[RawPrefix.Length..]);
            var element = type.GetElementType()!;
            var array = Array.CreateInstance(element, data.Length / Buffer.ByteLength(Array.CreateInstance(element, 1)));
            data.CopyTo(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(array), data.Length));
            return array;
        }

        if (tag.StartsWith(RegisteredPrefix, StringComparison.Ordinal))
        {
            var type = FindType(tag[RegisteredPrefix.Length..]);
            var entry = ValueSerializerRegistry.Default.Find(type)
                ?? throw new InvalidOperationException($"No serializer is registered for '{type}' in the worker process.");
            return entry.Deserialize(data);
        }

        if (tag.StartsWith(ArrowPrefix, StringComparison.Ordinal))
        {
            // A copy: the table must outlive the frame it came in.
            var (schema, batches) = ArrowTables.Read(data.ToArray());
            var shape = (ArrowShape)(tag[ArrowPrefix.Length] - '0');
            return ArrowTables.Materialise("data", schema, batches, FindType(tag[(ArrowPrefix.Length + 1)..]), shape, typeof(object));
        }

        return JsonSerializer.Deserialize(data, FindType(tag[JsonPrefix.Length..]), SharedMemoryJson.Options);
    }

    private static Type FindType(string name) =>
        Type.GetType(name, throwOnError: false) ?? throw new InvalidOperationException(ParallelErrors.TypeNotFound(name));
}
