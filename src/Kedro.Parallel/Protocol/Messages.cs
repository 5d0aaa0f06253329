using System.Text.Json.Serialization;

namespace Kedro.WorkerProcesses.Protocol;

/// <summary>Run one node in a worker.</summary>
internal sealed class RunNodeMessage
{
    public required FunctionIdentity Function { get; init; }

    public required string NodeName { get; init; }

    public string? GivenName { get; init; }

    public string? Namespace { get; init; }

    public string[] Tags { get; init; } = [];

    public required NamesMessage Inputs { get; init; }

    public required NamesMessage Outputs { get; init; }

    public required NamesMessage Confirms { get; init; }

    public required DatasetMessage[] Datasets { get; init; }

    /// <summary>The run's shared-memory directory.</summary>
    public string? SharedDirectory { get; init; }

    /// <summary>The serializers registered in the parent, to register in the worker.</summary>
    public SerializerMessage[] Serializers { get; init; } = [];

    /// <summary>The value converters registered in the parent, to register in the worker.</summary>
    public ConverterMessage[] Converters { get; init; } = [];

    public bool IsAsync { get; init; }

    public string? RunId { get; init; }

    /// <summary>The parent has node hooks: the worker asks it around the node run.</summary>
    public bool NodeHooks { get; init; }

    /// <summary>The parent has dataset hooks: the worker asks it around each load and save.</summary>
    public bool DatasetHooks { get; init; }
}

/// <summary>A node's inputs, outputs or confirms as given: none, one name, a list, or a dictionary.</summary>
internal sealed class NamesMessage
{
    public char Shape { get; init; }

    public string[] Names { get; init; } = [];

    public string[] Keys { get; init; } = [];
}

/// <summary>How the worker gets one dataset of the node.</summary>
internal sealed class DatasetMessage
{
    public required string Name { get; init; }

    /// <summary><c>config</c>: created from <see cref="Config"/>; <c>shared</c>: shared memory; <c>parent</c>: loads and saves go through the parent.</summary>
    public required string Kind { get; init; }

    /// <summary>The configuration (<c>type</c> and arguments) for <c>config</c>, as JSON text.</summary>
    public string? Config { get; init; }

    public string? LoadVersion { get; init; }

    public string? SaveVersion { get; init; }

    /// <summary>For <c>config</c>: the registered type name and the factory to register it with in the worker.</summary>
    public FactoryMessage[] Factories { get; init; } = [];

    /// <summary>For <c>shared</c>: the shared-memory dataset's state (its segment), as the dataset describes it.</summary>
    public string? Shared { get; init; }
}

/// <summary>A value serializer registration: the value type and the serializer type.</summary>
internal sealed class SerializerMessage
{
    public required string ValueType { get; init; }

    public required string SerializerType { get; init; }
}

/// <summary>A registered value converter: its type and where its assembly is.</summary>
internal sealed class ConverterMessage
{
    public required string Type { get; init; }

    public string? AssemblyPath { get; init; }
}

/// <summary>A dataset type registration: its names and its factory.</summary>
internal sealed class FactoryMessage
{
    public required string TypeName { get; init; }

    public required string[] Names { get; init; }

    public required FunctionIdentity Factory { get; init; }
}

/// <summary>The node succeeded.</summary>
internal sealed class NodeDoneMessage
{
    /// <summary>Per shared-memory output: its new state (segment), as the dataset describes it.</summary>
    public Dictionary<string, string> Shared { get; init; } = [];
}

/// <summary>An exception, described.</summary>
internal sealed class ErrorMessage
{
    public required string Type { get; init; }

    public required string Message { get; init; }

    public string? StackTrace { get; init; }

    public ErrorMessage? Inner { get; init; }

    /// <summary>The failure is a hook's exception in the parent, which the parent re-throws itself.</summary>
    public bool FromParent { get; init; }

    public bool Cancelled { get; init; }

    /// <summary>The node function itself failed (not a load, a save or a hook).</summary>
    public bool NodeFunctionFailed { get; init; }
}

/// <summary>A question from a worker while its node runs.</summary>
internal sealed class RequestMessage
{
    public required string Kind { get; init; }

    public string? Dataset { get; init; }

    public ValueMessage[] Values { get; init; } = [];

    public ErrorMessage? Error { get; init; }
}

/// <summary>The parent's answer.</summary>
internal sealed class ReplyMessage
{
    public ValueMessage[] Values { get; init; } = [];

    public ErrorMessage? Error { get; init; }
}

/// <summary>A value carried in a frame's data, or a reference to one already sent for the same node.</summary>
internal sealed class ValueMessage
{
    public required string Name { get; init; }

    /// <summary>The value is the one sent before under this name for the same node.</summary>
    public bool Same { get; init; }

    public string? Type { get; init; }

    public long Offset { get; init; }

    public long Length { get; init; }
}

/// <summary>Request kinds.</summary>
internal static class RequestKinds
{
    public const string BeforeLoad = "before_dataset_loaded";
    public const string AfterLoad = "after_dataset_loaded";
    public const string BeforeSave = "before_dataset_saved";
    public const string AfterSave = "after_dataset_saved";
    public const string BeforeNodeRun = "before_node_run";
    public const string AfterNodeRun = "after_node_run";
    public const string OnNodeError = "on_node_error";
    public const string ParentLoad = "load";
    public const string ParentSave = "save";
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunNodeMessage))]
[JsonSerializable(typeof(NodeDoneMessage))]
[JsonSerializable(typeof(ErrorMessage))]
[JsonSerializable(typeof(RequestMessage))]
[JsonSerializable(typeof(ReplyMessage))]
internal sealed partial class MessageJson : JsonSerializerContext;
