using System.Collections.Concurrent;
using Kedro.WorkerProcesses.Serialization;
using Kedro.WorkerProcesses.SharedMemory;

namespace Kedro.IO.Serialization;

/// <summary>
/// The serializers <see cref="SharedMemoryDataset"/> uses for values that are not arrays of primitive numbers (those
/// travel as raw bytes). A type with no registered serializer goes through System.Text.Json; register your own for a
/// type that System.Text.Json cannot round-trip, or to make it travel faster.
/// </summary>
/// <remarks>
/// A serializer registered for a class also serves the classes derived from it. <c>ParallelRunner</c> uses
/// <see cref="Default"/>: register serializers there before a run. Its worker processes re-create every registered
/// serializer with its public parameterless constructor. This type is safe to use from many threads.
/// </remarks>
public sealed class ValueSerializerRegistry
{
    private readonly ConcurrentDictionary<Type, SerializerEntry> _entries = new();

    /// <summary>The registry of this process, which <c>ParallelRunner</c> and its workers use.</summary>
    public static ValueSerializerRegistry Default { get; } = new();

    /// <summary>A registry of its own (a run's, or a test's); users register in <see cref="Default"/>.</summary>
    internal ValueSerializerRegistry()
    {
    }

    /// <summary>The value types that have a registered serializer.</summary>
    public IReadOnlyCollection<Type> RegisteredTypes => _entries.Keys.ToList();

    /// <summary>Registers the serializer for values of type <typeparamref name="T"/>; a later registration for the same type replaces it.</summary>
    /// <typeparam name="T">The type of the values.</typeparam>
    /// <param name="serializer">The serializer; worker processes re-create it with its public parameterless constructor.</param>
    /// <returns>This registry, to chain registrations.</returns>
    public ValueSerializerRegistry Register<T>(IValueSerializer<T> serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        _entries[typeof(T)] = new SerializerEntry<T>(serializer);
        return this;
    }

    /// <summary>Whether values of a type go through a registered serializer (its own, or one registered for a base class).</summary>
    /// <param name="valueType">The type of the values.</param>
    /// <returns><see langword="true"/> when a registered serializer applies.</returns>
    public bool IsRegistered(Type valueType)
    {
        ArgumentNullException.ThrowIfNull(valueType);
        return Find(valueType) is not null;
    }

    /// <summary>The serializer for a type: the one registered for it, else for its nearest base class.</summary>
    internal SerializerEntry? Find(Type valueType)
    {
        for (var type = valueType; type is not null; type = type.BaseType)
        {
            if (_entries.TryGetValue(type, out var entry))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>
    /// The registrations as (value type, serializer type) assembly-qualified names, for a worker process to re-create
    /// with <see cref="ImportRegistrations"/>.
    /// </summary>
    /// <exception cref="DatasetException">Some serializers cannot be re-created in another process; the message lists them all.</exception>
    internal IReadOnlyList<SerializerRegistration> ExportRegistrations()
    {
        var problems = FindWorkerProblems();
        if (problems.Count > 0)
        {
            throw new DatasetException(SharedMemoryMessages.NotRecreatable(problems));
        }

        return _entries.Values
            .Select(e => new SerializerRegistration(e.ValueType.AssemblyQualifiedName!, e.SerializerType.AssemblyQualifiedName!))
            .OrderBy(r => r.ValueType, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>One line per registered serializer that a worker process could not re-create, with the reason.</summary>
    internal IReadOnlyList<string> FindWorkerProblems() =>
        _entries.Values
            .Select(e => SharedMemoryMessages.RecreationProblem(e.ValueType, e.SerializerType))
            .Where(p => p is not null)
            .Select(p => p!)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Registers serializers exported by <see cref="ExportRegistrations"/> in another process.</summary>
    /// <exception cref="DatasetException">A type cannot be found or the serializer cannot be created.</exception>
    internal void ImportRegistrations(IEnumerable<SerializerRegistration> registrations)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        foreach (var registration in registrations)
        {
            var entry = SerializerEntry.Recreate(registration);
            _entries[entry.ValueType] = entry;
        }
    }
}
