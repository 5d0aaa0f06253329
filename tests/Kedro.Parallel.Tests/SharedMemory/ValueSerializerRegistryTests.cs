using System.Buffers;
using Kedro.IO;
using Kedro.IO.Serialization;
using Kedro.WorkerProcesses.Serialization;

namespace Kedro.Parallel.Tests.SharedMemory;

public class ValueSerializerRegistryTests
{
    public class Animal
    {
        public string Name { get; set; } = "";
    }

    public sealed class Dog : Animal;

    public sealed class AnimalSerializer : IValueSerializer<Animal>
    {
        public static int Created { get; private set; }

        public AnimalSerializer() => Created++;

        public void Serialize(Animal value, IBufferWriter<byte> output) => output.Write(System.Text.Encoding.UTF8.GetBytes(value.Name));

        public Animal Deserialize(ReadOnlySpan<byte> data) => new() { Name = System.Text.Encoding.UTF8.GetString(data) };
    }

    public sealed class ConfiguredSerializer(string prefix) : IValueSerializer<string>
    {
        public void Serialize(string value, IBufferWriter<byte> output) => output.Write(System.Text.Encoding.UTF8.GetBytes(prefix + value));

        public string Deserialize(ReadOnlySpan<byte> data) => System.Text.Encoding.UTF8.GetString(data)[prefix.Length..];
    }

    private sealed class HiddenSerializer : IValueSerializer<int>
    {
        public void Serialize(int value, IBufferWriter<byte> output) => output.Write(BitConverter.GetBytes(value));

        public int Deserialize(ReadOnlySpan<byte> data) => BitConverter.ToInt32(data);
    }

    [Fact]
    public void Register_ServesTheTypeAndItsDerivedClasses()
    {
        var registry = new ValueSerializerRegistry().Register(new AnimalSerializer());

        Assert.True(registry.IsRegistered(typeof(Animal)));
        Assert.True(registry.IsRegistered(typeof(Dog)));
        Assert.False(registry.IsRegistered(typeof(string)));
        Assert.Equal([typeof(Animal)], registry.RegisteredTypes);
    }

    [Fact]
    public void ExportAndImport_RecreateTheSerializersInAnotherRegistry()
    {
        var exported = new ValueSerializerRegistry().Register(new AnimalSerializer()).ExportRegistrations();
        var before = AnimalSerializer.Created;

        var imported = new ValueSerializerRegistry();
        imported.ImportRegistrations(exported);

        Assert.Equal(
            [new SerializerRegistration(typeof(Animal).AssemblyQualifiedName!, typeof(AnimalSerializer).AssemblyQualifiedName!)],
            exported);
        Assert.True(imported.IsRegistered(typeof(Animal)));
        Assert.Equal(before + 1, AnimalSerializer.Created);
    }

    [Fact]
    public void ExportRegistrations_WhenSerializersCannotBeRecreated_ListsEveryOne()
    {
        var registry = new ValueSerializerRegistry()
            .Register(new ConfiguredSerializer(">"))
            .Register(new HiddenSerializer())
            .Register(new AnimalSerializer());

        var error = Assert.Throws<DatasetException>(() => registry.ExportRegistrations());

        Assert.StartsWith("The following value serializers cannot be re-created in a worker process:", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConfiguredSerializer' (for 'string'): it has no public parameterless constructor.", error.Message, StringComparison.Ordinal);
        Assert.Contains("HiddenSerializer' (for 'int'): it is not a public, concrete class.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AnimalSerializer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportRegistrations_WhenATypeIsUnknown_NamesIt()
    {
        var registry = new ValueSerializerRegistry();

        var error = Assert.Throws<DatasetException>(() => registry.ImportRegistrations(
            [new SerializerRegistration("No.Such.Type, NoSuchAssembly", typeof(AnimalSerializer).AssemblyQualifiedName!)]));

        Assert.Contains("'No.Such.Type, NoSuchAssembly'", error.Message, StringComparison.Ordinal);
    }
}
