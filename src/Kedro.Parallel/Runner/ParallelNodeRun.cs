using System.Buffers;
using System.Text.Json;
using Kedro.Hooks;
using Kedro.WorkerProcesses.Pool;
using Kedro.WorkerProcesses.Protocol;
using Kedro.WorkerProcesses.Serialization;
using Kedro.WorkerProcesses.SharedMemory;
using Kedro.Pipelines;
using Kedro.Runners;

namespace Kedro.WorkerProcesses.Runner;

/// <summary>
/// One node running on one worker, seen from the parent: sends the node, answers the worker's requests (calling the
/// run's hooks with the data, loading and saving parent-held datasets), and completes when the worker reports the
/// outcome or dies. Cancellation sends a cancel message and kills the worker if it has not stopped within a second.
/// </summary>
internal sealed class ParallelNodeRun : IWorkerJob
{
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(1);
    private readonly ParallelExecutor _run;
    private readonly Node _node;
    private readonly WorkerProcess _worker;
    private readonly CancellationToken _cancellationToken;
    private readonly TaskCompletionSource<NodeOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    private Dictionary<string, object?>? _inputs;
    private Exception? _parentError;
    private Exception? _nodeError;
    private int _finished;

    public ParallelNodeRun(ParallelExecutor run, Node node, WorkerProcess worker, CancellationToken cancellationToken)
    {
        _run = run;
        _node = node;
        _worker = worker;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Whether the worker must be dropped rather than reused (it died or was killed).</summary>
    public bool WorkerLost { get; private set; }

    /// <summary>Sends the node and completes with its outcome.</summary>
    public async Task<NodeOutcome> RunAsync()
    {
        var message = _run.Describe(_node);
        _worker.Attach(this);
        _run.Logger.RunningNode(_node);
        if (!_worker.Send(FrameKind.RunNode, 0, JsonSerializer.SerializeToUtf8Bytes(message, MessageJson.Default.RunNodeMessage)))
        {
            OnExited(_worker, await _worker.Exited.ConfigureAwait(false));
        }

        using var registration = _cancellationToken.Register(static state => ((ParallelNodeRun)state!).Cancel(), this);
        return await _outcome.Task.ConfigureAwait(false);
    }

    public void OnFrame(WorkerProcess worker, Frame frame)
    {
        switch (frame.Kind)
        {
            case FrameKind.Request:
                Answer(frame);
                break;
            case FrameKind.Done:
                var done = JsonSerializer.Deserialize(frame.Header.Span, MessageJson.Default.NodeDoneMessage)!;
                try
                {
                    foreach (var (name, state) in done.Shared)
                    {
                        SharedState.Apply(_run.Catalog, name, state);
                    }

                    Finish(null);
                }
#pragma warning disable CA1031 // Any failure to adopt the outputs fails the node and is re-thrown by the run.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Finish(e);
                }

                break;
            case FrameKind.Failed:
                var error = JsonSerializer.Deserialize(frame.Header.Span, MessageJson.Default.ErrorMessage)!;
                Finish(ToException(error), error.NodeFunctionFailed);
                break;
        }
    }

    public void OnExited(WorkerProcess worker, string status)
    {
        WorkerLost = true;
        if (Volatile.Read(ref _finished) != 0)
        {
            return;
        }

        if (_cancellationToken.IsCancellationRequested)
        {
            Finish(new OperationCanceledException(_cancellationToken));
            return;
        }

        _run.Logger.WorkerDied(worker.Id, status, _node.Name);
        Finish(ParallelErrors.WorkerDied(_node, worker.Id, status));
    }

    private void Finish(Exception? error, bool inNodeFunction = false)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            return;
        }

        _outcome.TrySetResult(
            error is null ? NodeOutcome.Completed
            : error is OperationCanceledException && _cancellationToken.IsCancellationRequested ? NodeOutcome.Cancelled
            : NodeOutcome.Failed(error, inNodeFunction));
    }

    private void Cancel()
    {
        if (Volatile.Read(ref _finished) != 0)
        {
            return;
        }

        _worker.Send(FrameKind.Cancel, 0, []);
        _ = KillIfStillRunningAsync();
    }

    private async Task KillIfStillRunningAsync()
    {
        var finished = await Task.WhenAny(_outcome.Task, Task.Delay(CancelGrace, _run.TimeProvider)).ConfigureAwait(false);
        if (finished != _outcome.Task && Volatile.Read(ref _finished) == 0)
        {
            _run.Logger.WorkerKilledAfterCancel(_worker.Id, _node.Name);
            WorkerLost = true;
            _worker.Kill();
            Finish(new OperationCanceledException(_cancellationToken));
        }
    }

    private void Answer(Frame frame)
    {
        var request = JsonSerializer.Deserialize(frame.Header.Span, MessageJson.Default.RequestMessage)!;
        var reply = new ReplyMessage();
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            var values = ReadValues(request, frame.Data);
            reply = Handle(request, values, buffer);
        }
#pragma warning disable CA1031 // A hook's or dataset's exception goes back to the worker, and the run re-throws it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _parentError = e;
            reply = new ReplyMessage { Error = new ErrorMessage { Type = e.GetType().FullName ?? e.GetType().Name, Message = e.Message } };
            buffer.Clear();
        }

        var header = JsonSerializer.SerializeToUtf8Bytes(reply, MessageJson.Default.ReplyMessage);
        if (!Frame.Fits(header.Length, buffer.WrittenCount))
        {
            var tooLarge = new InvalidOperationException(ParallelErrors.FrameTooLarge((long)header.Length + buffer.WrittenCount));
            _parentError = tooLarge;
            header = JsonSerializer.SerializeToUtf8Bytes(
                new ReplyMessage { Error = new ErrorMessage { Type = tooLarge.GetType().FullName!, Message = tooLarge.Message } }, MessageJson.Default.ReplyMessage);
            buffer.Clear();
        }

        _worker.Send(FrameKind.Reply, frame.Id, header, buffer.WrittenSpan);
    }

    private Dictionary<string, object?> ReadValues(RequestMessage request, ReadOnlyMemory<byte> data)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var value in request.Values)
        {
            if (!value.Same)
            {
                _values[value.Name] = ValueTransfer.Read(value.Type!, data.Span.Slice((int)value.Offset, (int)value.Length));
            }

            values[value.Name] = _values[value.Name];
        }

        return values;
    }

    private ReplyMessage Handle(RequestMessage request, Dictionary<string, object?> values, ArrayBufferWriter<byte> buffer)
    {
        var hooks = _run.Hooks;
        var name = request.Dataset ?? string.Empty;
        switch (request.Kind)
        {
            case RequestKinds.BeforeLoad:
                hooks.BeforeDatasetLoaded(name, _node);
                break;
            case RequestKinds.AfterLoad:
                hooks.AfterDatasetLoaded(name, values[name], _node);
                break;
            case RequestKinds.BeforeSave:
                hooks.BeforeDatasetSaved(name, values[name], _node);
                break;
            case RequestKinds.AfterSave:
                hooks.AfterDatasetSaved(name, values[name], _node);
                break;
            case RequestKinds.BeforeNodeRun:
                return BeforeNodeRun(values, buffer);
            case RequestKinds.AfterNodeRun:
                hooks.AfterNodeRun(Context(), values);
                break;
            case RequestKinds.OnNodeError:
                _nodeError = RemoteErrors.Recreate(_node.Name, request.Error!);
                hooks.OnNodeError(_nodeError, Context());
                break;
            case RequestKinds.ParentLoad:
                var loaded = _run.Catalog.Load(name);
                var offset = buffer.WrittenCount;
                var type = ValueTransfer.Write(loaded, buffer);
                return new ReplyMessage { Values = [new ValueMessage { Name = name, Type = type, Offset = offset, Length = buffer.WrittenCount - offset }] };
            case RequestKinds.ParentSave:
                _run.Catalog.Save(name, values[name]);
                break;
        }

        return new ReplyMessage();
    }

    private ReplyMessage BeforeNodeRun(Dictionary<string, object?> inputs, ArrayBufferWriter<byte> buffer)
    {
        var context = new NodeRunContext(_node, _run.Catalog, new Dictionary<string, object?>(inputs, StringComparer.Ordinal), _run.IsAsync, _run.RunId);
        var overrides = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var answer in _run.Hooks.BeforeNodeRun(context))
        {
            foreach (var (key, value) in answer)
            {
                overrides[key] = value;
            }
        }

        _inputs = inputs;
        if (overrides.Count == 0)
        {
            return new ReplyMessage();
        }

        var described = new List<ValueMessage>();
        foreach (var (key, value) in overrides)
        {
            inputs[key] = value;
            var offset = buffer.WrittenCount;
            var type = ValueTransfer.Write(value, buffer);
            described.Add(new ValueMessage { Name = key, Type = type, Offset = offset, Length = buffer.WrittenCount - offset });
        }

        return new ReplyMessage { Values = [.. described] };
    }

    private NodeRunContext Context() =>
        new(_node, _run.Catalog, _inputs ?? new Dictionary<string, object?>(StringComparer.Ordinal), _run.IsAsync, _run.RunId);

    private Exception ToException(ErrorMessage error)
    {
        if (error.FromParent && _parentError is not null)
        {
            return _parentError;
        }

        if (error.Cancelled && _cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException(_cancellationToken);
        }

        var exception = _nodeError ?? RemoteErrors.Recreate(_node.Name, error);
        if (_nodeError is null && error.NodeFunctionFailed)
        {
            _run.Logger.NodeFailed(_node, error.Message);
        }

        return exception;
    }
}
