using System.Buffers;

namespace Kedro.IO.Serialization;

/// <summary>
/// Turns values of type <typeparamref name="T"/> into bytes and back, so that a <see cref="SharedMemoryDataset"/> can
/// hand them to another process. Register one with <see cref="ValueSerializerRegistry.Register{T}"/> for a type that
/// System.Text.Json cannot round-trip, or to make a type travel faster.
/// </summary>
/// <typeparam name="T">The type of the values.</typeparam>
/// <remarks>
/// Worker processes re-create the serializer with its public parameterless constructor, so it must have one and must
/// not depend on state given to the instance. Both methods may be called from several threads at once.
/// </remarks>
public interface IValueSerializer<T>
{
    /// <summary>Writes a value.</summary>
    /// <param name="value">The value, never <see langword="null"/>.</param>
    /// <param name="output">Where the bytes go.</param>
    void Serialize(T value, IBufferWriter<byte> output);

    /// <summary>Reads a value written by <see cref="Serialize"/>.</summary>
    /// <param name="data">Exactly the bytes <see cref="Serialize"/> wrote.</param>
    /// <returns>The value.</returns>
    T Deserialize(ReadOnlySpan<byte> data);
}
