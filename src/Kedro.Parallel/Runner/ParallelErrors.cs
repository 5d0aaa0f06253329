using Kedro.WorkerProcesses.Protocol;
using Kedro.Pipelines;
using Kedro.Runners;

namespace Kedro.WorkerProcesses.Runner;

/// <summary>ParallelRunner's messages, built in one place.</summary>
internal static class ParallelErrors
{
    public const string MuxerNotFound =
        "ParallelRunner could not find the 'dotnet' executable to start its worker processes. Set DOTNET_ROOT or put 'dotnet' on the PATH.";

    public static string WorkerAssemblyMissing(string assembly) =>
        $"ParallelRunner starts its worker processes from the file '{assembly}', but that assembly was not loaded from a file "
        + "(a single-file application, or an assembly loaded from memory). Run the application from its build or publish folder, not as a single file.";

    public static string AssemblyMismatch(string assembly, string path) =>
        $"The worker process loaded a different build of '{assembly}' from '{path}' than the parent process runs. Rebuild the application so both use the same assembly.";

    public static string MethodNotFound(string type, int token) =>
        $"The worker process could not find method 0x{token:x8} in '{type}'.";

    public static string TypeNotFound(string type) =>
        $"The worker process could not load type '{type}'. Make sure its assembly is in the application's folder.";

    public static ArgumentException NodesNotSerialisable(IEnumerable<string> nodesWithReasons) =>
        new("The following nodes cannot be serialised: " + PythonList(nodesWithReasons)
            + "\nIn order to utilize multiprocessing you need to make sure all nodes are serialisable, i.e. nodes should not include lambda functions, nested functions, closures, etc."
            + "\nIn Kedro.NET a node function is serialisable when it is a static method, a lambda that captures nothing, or an instance method of an object without fields.");

    public static TaskException WorkerDied(Node node, int processId, string status) =>
        new($"Node '{node.Name}' failed: its worker process ({processId}) {status}. The worker was replaced; the node's outputs were not saved.");

    /// <summary>The status of a worker whose message channel held something that is not a frame (see <see cref="WorkerDied"/>).</summary>
    public static string SentUnreadableData(string detail) =>
        $"sent data that is not a ParallelRunner message and was stopped ({detail}); something in the worker wrote to its message channel";

    public static string NotAFrame(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> read) =>
        $"expected a message to start with '{Printable(expected)}' ({Convert.ToHexString(expected)}) but read '{Printable(read)}' ({Convert.ToHexString(read)})";

    public static string BadFrameLength(int length, int headerLength, int maxLength) =>
        $"read a message of {length} bytes with a header of {headerLength} bytes; a message is 9 to {maxLength} bytes long and holds its header";

    public static string FrameTooLarge(long length) =>
        $"A message between ParallelRunner and a worker process would be {length} bytes, more than the limit of {Frame.MaxLength} bytes (1 GiB). "
        + "Keep values this large in a SharedMemoryDataset (what ParallelRunner uses for datasets missing from the catalog) rather than in a MemoryDataset held by the parent, and do not send them to hooks.";

    public static TaskException WorkerFailedToStart(string detail) =>
        new($"ParallelRunner could not start a worker process: {detail}");

    public static InvalidOperationException ConcurrentRun() =>
        new("This ParallelRunner is already running a pipeline. A ParallelRunner runs one pipeline at a time; create another runner to run pipelines concurrently.");

    public static TaskException Remote(string nodeName, string type, string message, Exception? inner) =>
        inner is null
            ? new($"Node '{nodeName}' failed in its worker process with {type}: {message}")
            : new($"Node '{nodeName}' failed in its worker process with {type}: {message}", inner);

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            text[i] = bytes[i] is >= 0x20 and < 0x7F ? (char)bytes[i] : '.';
        }

        return new string(text);
    }

    /// <summary>Python's repr of a sorted list of strings: <c>['a', 'b']</c>.</summary>
    public static string PythonList(IEnumerable<string> items) =>
        "[" + string.Join(", ", items.Order(StringComparer.Ordinal).Select(item => $"'{item}'")) + "]";
}
