using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using Kedro.Hooks;
using Kedro.IO;
using Kedro.IO.Serialization;
using Kedro.WorkerProcesses.Protocol;
using Kedro.WorkerProcesses.Serialization;
using Kedro.WorkerProcesses.SharedMemory;
using Kedro.Pipelines;
using Kedro.Runners;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kedro.WorkerProcesses.Worker;

/// <summary>
/// The worker process's side: reads frames from standard input, runs each node it is sent with the same
/// <see cref="NodeTask"/> as the other runners against a catalog of that node's datasets only, asks the parent
/// (through requests) for hooks and parent-held data, and answers with the outcome. The messages travel on the
/// process's original standard input and output, which <see cref="WorkerStandardStreams"/> keeps away from the user's
/// code; what that code writes to the console reaches the parent's log through standard error.
/// </summary>
internal sealed class WorkerEntry
{
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly Lock _writeLock = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<Frame>> _pending = new();
    private readonly DatasetTypeRegistry _registry = new();
    private readonly HashSet<string> _registered = new(StringComparer.Ordinal);
    private int _nextRequest;
    private CancellationTokenSource? _running;

    private WorkerEntry(Stream input, Stream output)
    {
        _input = input;
        _output = output;
    }

    /// <summary>The worker's main loop, called by the worker process's entry point.</summary>
    /// <returns>The process exit code.</returns>
    public static int Run()
    {
        using var interrupt = IgnoreSignal(PosixSignal.SIGINT);
        using var terminate = IgnoreSignal(PosixSignal.SIGTERM);
        var (input, output) = WorkerStandardStreams.Take();
        NodeLogging.DefaultLoggerFactory = WorkerLogLines.CreateFactory(); // a node's own log entries go to the parent's log
        var worker = new WorkerEntry(new BufferedStream(input, 1 << 16), output);
        Running = worker;
        worker.Send(FrameKind.Ready, 0, "{}"u8, default);
        try
        {
            worker.Loop();
        }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine("The worker process stopped: its parent sent data that is not a ParallelRunner message (" + e.Message + ").");
            return 65;
        }

        return 0;
    }

    /// <summary>The worker loop of this process, when it is a worker.</summary>
    internal static WorkerEntry? Running { get; private set; }

    /// <summary>
    /// Writes <paramref name="bytes"/> to the message channel as they are, not as a frame (to check that the parent
    /// refuses such a stream).
    /// </summary>
    internal void WriteUnframed(ReadOnlySpan<byte> bytes)
    {
        lock (_writeLock)
        {
            _output.Write(bytes);
            _output.Flush();
        }
    }

    /// <summary>
    /// Interrupt and termination signals are left to the parent, which receives them too when they are sent to the
    /// whole process group (Ctrl+C in a terminal, systemd): it cancels the run and stops its workers. A worker that
    /// exited on its own would turn a clean cancellation into a failure.
    /// </summary>
    private static PosixSignalRegistration? IgnoreSignal(PosixSignal signal)
    {
        try
        {
            return PosixSignalRegistration.Create(signal, static context => context.Cancel = true);
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }

    private void Loop()
    {
        while (Frame.Read(_input) is { } frame)
        {
            switch (frame.Kind)
            {
                case FrameKind.RunNode:
                    var message = JsonSerializer.Deserialize(frame.Header.Span, MessageJson.Default.RunNodeMessage)!;
                    var cancellation = new CancellationTokenSource();
                    Volatile.Write(ref _running, cancellation);
                    _ = Task.Run(() => RunNodeAsync(message, cancellation));
                    break;
                case FrameKind.Cancel:
                    try
                    {
                        Volatile.Read(ref _running)?.Cancel();
                    }
                    catch (ObjectDisposedException)
                    {
                        // the node has just finished
                    }

                    break;
                case FrameKind.Reply:
                    if (_pending.TryRemove(frame.Id, out var waiter))
                    {
                        waiter.TrySetResult(frame);
                    }

                    break;
                case FrameKind.Shutdown:
                    return;
            }
        }
    }

    private void Send(FrameKind kind, int id, ReadOnlySpan<byte> header, ReadOnlySpan<byte> data)
    {
        lock (_writeLock)
        {
            Frame.Write(_output, kind, id, header, data);
        }
    }

    /// <summary>Asks the parent and waits for its answer (hooks and parent-held datasets call this synchronously).</summary>
    internal (ReplyMessage Reply, ReadOnlyMemory<byte> Data) Ask(RequestMessage request, ReadOnlySpan<byte> data)
    {
        var id = Interlocked.Increment(ref _nextRequest);
        var waiter = new TaskCompletionSource<Frame>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = waiter;
        try
        {
            Send(FrameKind.Request, id, JsonSerializer.SerializeToUtf8Bytes(request, MessageJson.Default.RequestMessage), data);
        }
        catch
        {
            _pending.TryRemove(id, out _);
            throw;
        }

        var frame = waiter.Task.GetAwaiter().GetResult();
        var reply = JsonSerializer.Deserialize(frame.Header.Span, MessageJson.Default.ReplyMessage)!;
        if (reply.Error is { } error)
        {
            throw new ParentFailureException(error.Message);
        }

        return (reply, frame.Data);
    }

    private async Task RunNodeAsync(RunNodeMessage message, CancellationTokenSource cancellation)
    {
        var session = new WorkerNodeSession(this);
        DataCatalog? catalog = null;
        try
        {
            var node = CreateNode(message);
            catalog = CreateCatalog(message, session);
            var hooks = new HookManager();
            if (message.NodeHooks)
            {
                hooks.Register(new RemoteNodeHooks(session));
            }

            if (message.DatasetHooks)
            {
                hooks.Register(new RemoteDatasetHooks(session));
            }

            // The parent logs the run's lines ("Running node", "failed with error") from the outcome.
            var outcome = await new NodeTask(node, catalog, message.IsAsync, hooks, message.RunId, parallel: true, logger: NullLogger.Instance)
                .RunAsync(cancellation.Token).ConfigureAwait(false);
            ReleaseMappings(catalog);
            switch (outcome.Kind)
            {
                case NodeOutcomeKind.Completed:
                    var done = new NodeDoneMessage();
                    foreach (var output in node.Outputs)
                    {
                        if (SharedState.Describe(catalog, output) is { } segment)
                        {
                            done.Shared[output] = segment;
                        }
                    }

                    Send(FrameKind.Done, 0, JsonSerializer.SerializeToUtf8Bytes(done, MessageJson.Default.NodeDoneMessage), default);
                    break;
                case NodeOutcomeKind.Cancelled:
                    SendFailed(Describe(new OperationCanceledException(cancellation.Token), cancelled: true));
                    break;
                default:
                    SendFailed(Describe(outcome.Exception!, nodeFunctionFailed: outcome.FailedInNodeFunction));
                    break;
            }
        }
#pragma warning disable CA1031 // Every failure is reported to the parent, which re-throws it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            ReleaseMappings(catalog);
            SendFailed(Describe(exception, cancellation.IsCancellationRequested && exception is OperationCanceledException));
        }
        finally
        {
            Volatile.Write(ref _running, null);
            cancellation.Dispose();
        }
    }

    /// <summary>
    /// Unmaps the segments of the Arrow tables the node read in place, before its outcome is reported: the node has
    /// ended, and the parent may free the segments as soon as it hears so.
    /// </summary>
    private static void ReleaseMappings(DataCatalog? catalog)
    {
        foreach (var name in catalog?.Keys ?? [])
        {
            if (catalog!.Get(name) is SharedMemoryDataset shared)
            {
                shared.ReleaseMappings();
            }
        }
    }

    private void SendFailed(ErrorMessage error) =>
        Send(FrameKind.Failed, 0, JsonSerializer.SerializeToUtf8Bytes(error, MessageJson.Default.ErrorMessage), default);

    /// <summary>Describes an exception for the parent; a failure that started in the parent is marked so.</summary>
    internal static ErrorMessage Describe(Exception exception, bool cancelled = false, bool nodeFunctionFailed = false) => new()
    {
        Type = exception.GetType().FullName ?? exception.GetType().Name,
        Message = exception.Message,
        StackTrace = exception.StackTrace,
        Inner = exception.InnerException is { } inner ? Describe(inner) : null,
        FromParent = Chain(exception).Any(e => e is ParentFailureException),
        Cancelled = cancelled,
        NodeFunctionFailed = nodeFunctionFailed,
    };

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            yield return exception;
        }
    }

    private static Node CreateNode(RunNodeMessage message)
    {
        AssemblyFolders.Add(message.Function.AssemblyPath);
        var function = message.Function.Resolve();
        var node = Node.Create(function, ToNames(message.Inputs), ToNames(message.Outputs), message.GivenName,
            message.Tags, ToNames(message.Confirms), message.Namespace);
        return node.Name == message.NodeName
            ? node
            : throw new InvalidOperationException($"The worker re-created node '{message.NodeName}' as '{node.Name}'.");
    }

    private DataCatalog CreateCatalog(RunNodeMessage message, WorkerNodeSession session)
    {
        if (message.Serializers.Length > 0)
        {
            lock (_registered)
            {
                var fresh = message.Serializers.Where(s => _registered.Add("serializer:" + s.ValueType)).ToList();
                ValueSerializerRegistry.Default.ImportRegistrations(fresh.Select(s => new SerializerRegistration(s.ValueType, s.SerializerType)));
            }
        }

        if (message.Converters.Length > 0)
        {
            lock (_registered)
            {
                ConverterTransfer.Import(message.Converters.Where(c => _registered.Add("converter:" + c.Type)).ToList());
            }
        }

        var datasets = new Dictionary<string, IDataset>(StringComparer.Ordinal);
        foreach (var dataset in message.Datasets)
        {
            datasets[dataset.Name] = dataset.Kind switch
            {
                DatasetKinds.Config => CreateConfigured(dataset),
                DatasetKinds.Shared => SharedState.Create(message.SharedDirectory!, dataset.Name, dataset.Shared),
                _ => new ParentDataset(dataset.Name, session),
            };
        }

        return new DataCatalog(datasets, registry: _registry);
    }

    private IDataset CreateConfigured(DatasetMessage dataset)
    {
        foreach (var factory in dataset.Factories)
        {
            AssemblyFolders.Add(factory.Factory.AssemblyPath);
        }

        foreach (var factory in dataset.Factories)
        {
            lock (_registered)
            {
                if (_registered.Add(factory.TypeName))
                {
                    _registry.Register(new DatasetTypeRegistration(factory.TypeName, factory.Names, factory.Factory.Resolve()));
                }
            }
        }

        return new DatasetSpecification(dataset.Name, ConfigJson.Read(dataset.Config!), dataset.LoadVersion, dataset.SaveVersion).Create(_registry);
    }

    private static DatasetNames ToNames(NamesMessage names) => names.Shape switch
    {
        's' => names.Names[0],
        'l' => names.Names,
        'd' => names.Keys.Zip(names.Names).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal),
        _ => default,
    };

    /// <summary>A failure reported by the parent (a hook threw there); the parent re-throws its own exception.</summary>
    private sealed class ParentFailureException(string message) : Exception(message);
}

/// <summary>The kinds of <see cref="DatasetMessage"/>.</summary>
internal static class DatasetKinds
{
    public const string Config = "config";
    public const string Shared = "shared";
    public const string Parent = "parent";
}

/// <summary>
/// One node's conversation with the parent: the values already sent (a value the parent has seen under a name is sent
/// again only as a reference), and the requests.
/// </summary>
internal sealed class WorkerNodeSession(WorkerEntry worker)
{
    private readonly Dictionary<string, object?> _sent = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public ReplyMessage Ask(string kind, string? dataset, IEnumerable<KeyValuePair<string, object?>> values, out ReadOnlyMemory<byte> data)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var described = new List<ValueMessage>();
        lock (_lock)
        {
            foreach (var (name, value) in values)
            {
                if (_sent.TryGetValue(name, out var previous) && ReferenceEquals(previous, value) && value is not null)
                {
                    described.Add(new ValueMessage { Name = name, Same = true });
                    continue;
                }

                var offset = buffer.WrittenCount;
                var type = ValueTransfer.Write(value, buffer);
                described.Add(new ValueMessage { Name = name, Type = type, Offset = offset, Length = buffer.WrittenCount - offset });
                _sent[name] = value;
            }
        }

        var (reply, replyData) = worker.Ask(new RequestMessage { Kind = kind, Dataset = dataset, Values = [.. described] }, buffer.WrittenSpan);
        data = replyData;
        return reply;
    }

    public ReplyMessage AskError(Exception error) =>
        worker.Ask(new RequestMessage { Kind = RequestKinds.OnNodeError, Error = WorkerEntry.Describe(error) }, default).Reply;

    public static Dictionary<string, object?> ReadValues(ReplyMessage reply, ReadOnlyMemory<byte> data)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var value in reply.Values)
        {
            values[value.Name] = ValueTransfer.Read(value.Type!, data.Span.Slice((int)value.Offset, (int)value.Length));
        }

        return values;
    }
}

/// <summary>Node hooks in the worker: each call is made in the parent, with the data.</summary>
internal sealed class RemoteNodeHooks(WorkerNodeSession session) : INodeHooks
{
    public IReadOnlyDictionary<string, object?>? BeforeNodeRun(NodeRunContext context)
    {
        var reply = session.Ask(RequestKinds.BeforeNodeRun, null, context.Inputs, out var data);
        return reply.Values.Length == 0 ? null : WorkerNodeSession.ReadValues(reply, data);
    }

    public void AfterNodeRun(NodeRunContext context, IReadOnlyDictionary<string, object?> outputs) =>
        session.Ask(RequestKinds.AfterNodeRun, null, outputs, out _);

    public void OnNodeError(Exception error, NodeRunContext context) => session.AskError(error);
}

/// <summary>Dataset hooks in the worker: each call is made in the parent, with the data.</summary>
internal sealed class RemoteDatasetHooks(WorkerNodeSession session) : IDatasetHooks
{
    public void BeforeDatasetLoaded(string datasetName, Node node) => session.Ask(RequestKinds.BeforeLoad, datasetName, [], out _);

    public void AfterDatasetLoaded(string datasetName, object? data, Node node) =>
        session.Ask(RequestKinds.AfterLoad, datasetName, [new(datasetName, data)], out _);

    public void BeforeDatasetSaved(string datasetName, object? data, Node node) =>
        session.Ask(RequestKinds.BeforeSave, datasetName, [new(datasetName, data)], out _);

    public void AfterDatasetSaved(string datasetName, object? data, Node node) =>
        session.Ask(RequestKinds.AfterSave, datasetName, [new(datasetName, data)], out _);
}

/// <summary>A dataset held by the parent (for example a <see cref="MemoryDataset"/> of the catalog): loads and saves go through it.</summary>
internal sealed class ParentDataset(string name, WorkerNodeSession session) : IDataset
{
    public bool IsEphemeral => true;

    public bool IsSingleProcess => false;

    public object? Load()
    {
        var reply = session.Ask(RequestKinds.ParentLoad, name, [], out var data);
        return WorkerNodeSession.ReadValues(reply, data)[name];
    }

    public void Save(object? data) => session.Ask(RequestKinds.ParentSave, name, [new(name, data)], out _);

    public bool Exists() => true;

    public void Release()
    {
    }

    public IReadOnlyDictionary<string, object?> Describe() => new Dictionary<string, object?> { ["held_by"] = "parent" };

    public ValueTask<object?> LoadAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Load());

    public ValueTask SaveAsync(object? data, CancellationToken cancellationToken = default)
    {
        Save(data);
        return ValueTask.CompletedTask;
    }
}
