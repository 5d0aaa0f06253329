namespace Kedro.WorkerProcesses.Serialization;

/// <summary>A registered serializer as assembly-qualified type names, shipped to worker processes.</summary>
/// <param name="ValueType">The value type's assembly-qualified name.</param>
/// <param name="SerializerType">The serializer class's assembly-qualified name.</param>
internal sealed record SerializerRegistration(string ValueType, string SerializerType);
