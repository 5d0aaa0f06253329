using System.Buffers;
using Kedro.IO;
using Kedro.IO.Serialization;
using Kedro.WorkerProcesses.SharedMemory;

namespace Kedro.WorkerProcesses.Serialization;

/// <summary>A registered serializer, callable without knowing its value type.</summary>
internal abstract class SerializerEntry
{
    /// <summary>The type the serializer was registered for.</summary>
    public abstract Type ValueType { get; }

    /// <summary>The serializer's class.</summary>
    public abstract Type SerializerType { get; }

    /// <summary>Writes a value (an instance of <see cref="ValueType"/>).</summary>
    public abstract void Serialize(object value, IBufferWriter<byte> output);

    /// <summary>Reads a value.</summary>
    public abstract object? Deserialize(ReadOnlySpan<byte> data);

    /// <summary>Re-creates a registration exported by another process.</summary>
    /// <exception cref="DatasetException">A type cannot be found, or the serializer does not fit or cannot be created.</exception>
    public static SerializerEntry Recreate(SerializerRegistration registration)
    {
        var valueType = Type.GetType(registration.ValueType, throwOnError: false)
            ?? throw new DatasetException(SharedMemoryMessages.SerializerTypeNotFound(registration.ValueType));
        var serializerType = Type.GetType(registration.SerializerType, throwOnError: false)
            ?? throw new DatasetException(SharedMemoryMessages.SerializerTypeNotFound(registration.SerializerType));
        if (SharedMemoryMessages.RecreationProblem(valueType, serializerType) is { } problem)
        {
            throw new DatasetException(SharedMemoryMessages.NotRecreatable([problem]));
        }

        var serializer = Activator.CreateInstance(serializerType)!;
        return (SerializerEntry)Activator.CreateInstance(typeof(SerializerEntry<>).MakeGenericType(valueType), serializer)!;
    }
}

/// <summary>A registered serializer for values of type <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="serializer">The serializer.</param>
internal sealed class SerializerEntry<T>(IValueSerializer<T> serializer) : SerializerEntry
{
    public override Type ValueType => typeof(T);

    public override Type SerializerType => serializer.GetType();

    public override void Serialize(object value, IBufferWriter<byte> output) => serializer.Serialize((T)value, output);

    public override object? Deserialize(ReadOnlySpan<byte> data) => serializer.Deserialize(data);
}
