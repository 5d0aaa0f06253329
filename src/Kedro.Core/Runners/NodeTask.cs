using Kedro.Conversion;
using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kedro.Runners;

/// <summary>
/// Runs one node against a catalog (Kedro's <c>Task</c>): loads its inputs, calls the node hooks, runs the
/// node, saves its outputs and confirms its datasets, in Kedro's order. Runners make one per node; use it
/// directly to run a single node.
/// </summary>
public sealed class NodeTask
{
    private readonly DataCatalog _catalog;
    private readonly HookManager? _hookManager;
    private readonly bool _parallel;
    private readonly ILogger _logger;
    private readonly ILogger? _nodeLogger;
    private bool _failedInNodeFunction; // of the last run: the node's own function threw

    /// <summary>Creates the task for one node.</summary>
    /// <param name="node">The node to run.</param>
    /// <param name="catalog">Where its inputs are loaded from and its outputs saved to.</param>
    /// <param name="isAsync">Load the inputs and save the outputs concurrently.</param>
    /// <param name="hookManager">The hooks to call; required unless <paramref name="parallel"/> is set.</param>
    /// <param name="runId">The run's id, passed to the node hooks.</param>
    /// <param name="parallel">Whether the task runs in a worker of a parallel runner, which builds its own hooks.</param>
    /// <param name="logger">Where <c>Running node: ...</c> and node failures are logged; none by default.</param>
    public NodeTask(
        Node node,
        DataCatalog catalog,
        bool isAsync,
        HookManager? hookManager = null,
        string? runId = null,
        bool parallel = false,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(catalog);
        Node = node;
        _catalog = catalog;
        IsAsync = isAsync;
        _hookManager = hookManager;
        RunId = runId;
        _parallel = parallel;
        _logger = logger ?? NullLogger.Instance;
        _nodeLogger = logger; // the node's own warnings: the given logger, else the process-wide node logger
    }

    /// <summary>The node this task runs.</summary>
    public Node Node { get; }

    /// <summary>Whether inputs are loaded and outputs saved concurrently.</summary>
    public bool IsAsync { get; }

    /// <summary>The run's id, or <see langword="null"/>.</summary>
    public string? RunId { get; }

    /// <summary>Runs the node and blocks until its outputs are saved (Kedro's <c>Task.execute</c>).</summary>
    /// <returns>The node that ran.</returns>
    /// <exception cref="ArgumentException">An asynchronous task for a streaming node.</exception>
    /// <exception cref="TaskException">No hook manager was given outside a parallel runner.</exception>
    public Node Execute()
    {
        return SyncOverAsync.Wait(async () =>
        {
            await ExecuteCoreAsync(CancellationToken.None).ConfigureAwait(false);
            return Node;
        });
    }

    /// <summary>Runs the node without blocking a thread while it or its datasets wait.</summary>
    /// <param name="cancellationToken">Passed to the node and to asynchronous loads and saves.</param>
    /// <returns>The node that ran.</returns>
    public async ValueTask<Node> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await ExecuteCoreAsync(cancellationToken).ConfigureAwait(false);
        return Node;
    }

    /// <summary>
    /// Runs the node and reports how it ended instead of throwing: <see cref="NodeOutcome.Completed"/>, a failure with
    /// its exception (and whether the node's own function threw), or <see cref="NodeOutcome.Cancelled"/> when
    /// <paramref name="cancellationToken"/> stopped it. A synchronous node with synchronous datasets completes
    /// synchronously. This is how a <see cref="NodeExecutor"/> runs a node in its process.
    /// </summary>
    /// <param name="cancellationToken">Passed to the node and to asynchronous loads and saves.</param>
    /// <returns>How the node's run ended.</returns>
    public async ValueTask<NodeOutcome> RunAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await ExecuteCoreAsync(cancellationToken).ConfigureAwait(false);
            return NodeOutcome.Completed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return NodeOutcome.Cancelled;
        }
#pragma warning disable CA1031 // The failure is the outcome; the runner re-throws it with its stack trace.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return NodeOutcome.Failed(exception, _failedInNodeFunction);
        }
    }

    /// <summary>
    /// Runs the node, one path for every kind: loads the inputs (concurrently when <see cref="IsAsync"/>), calls
    /// <c>before_node_run</c>, runs the node, then, for a node that returns its outputs, calls <c>after_node_run</c> and
    /// saves them; for a streaming node, saves each chunk as it comes and calls <c>after_node_run</c> with the last
    /// chunk of each output. Confirms last. Completes synchronously when the node and its datasets do.
    /// </summary>
    internal async ValueTask ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        _failedInNodeFunction = false;
        if (IsAsync && Node.IsStreaming)
        {
            throw RunnerErrors.AsyncStreamingNode(Node);
        }

        var hooks = _hookManager ?? (_parallel ? new HookManager() : throw RunnerErrors.NoHookManager());
        var inputs = IsAsync ? await LoadInputsAsync(hooks, cancellationToken).ConfigureAwait(false) : LoadInputs(hooks);
        var context = hooks.HasNodeHooks ? ApplyBeforeNodeRun(hooks, inputs) : null;
        _logger.RunningNode(Node);
        if (Node.IsStreaming)
        {
            var last = await RunStreamingAsync(hooks, context, inputs, cancellationToken).ConfigureAwait(false);
            if (context is not null)
            {
                hooks.AfterNodeRun(context, last);
            }
        }
        else
        {
            IReadOnlyDictionary<string, object?> outputs;
            try
            {
                outputs = await Node.RunAsync(inputs, cancellationToken, _nodeLogger).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                NotifyNodeError(hooks, context, exception, cancellationToken);
                throw;
            }

            if (context is not null)
            {
                hooks.AfterNodeRun(context, outputs);
            }

            if (IsAsync)
            {
                await SaveOutputsAsync(hooks, outputs, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                SaveOutputs(hooks, outputs);
            }
        }

        Confirm();
    }

    /// <summary>Runs a streaming node, saving each chunk as it comes; returns the last chunk of each output.</summary>
    private async ValueTask<Dictionary<string, object?>> RunStreamingAsync(
        HookManager hooks, NodeRunContext? context, Dictionary<string, object?> inputs, CancellationToken cancellationToken)
    {
        IAsyncEnumerator<IReadOnlyDictionary<string, object?>> chunks;
        try
        {
            chunks = Node.RunStreamingAsync(inputs, cancellationToken, _nodeLogger).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception exception)
        {
            NotifyNodeError(hooks, context, exception, cancellationToken);
            throw;
        }

        // Each yielded item is saved as a chunk, outputs interleaved (out1 chunk1, out2 chunk1, out1 chunk2, ...).
        var last = new Dictionary<string, object?>(StringComparer.Ordinal);
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await chunks.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    NotifyNodeError(hooks, context, exception, cancellationToken);
                    throw;
                }

                if (!more)
                {
                    break;
                }

                SaveOutputs(hooks, chunks.Current);
                foreach (var (name, data) in chunks.Current)
                {
                    last[name] = data;
                }
            }
        }
        finally
        {
            await chunks.DisposeAsync().ConfigureAwait(false);
        }

        return last;
    }

    private Dictionary<string, object?> LoadInputs(HookManager hooks)
    {
        var names = Node.Inputs;
        var inputs = new Dictionary<string, object?>(names.Count, StringComparer.Ordinal);
        var datasetHooks = hooks.HasDatasetHooks;
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (datasetHooks)
            {
                hooks.BeforeDatasetLoaded(name, Node);
            }

            var data = LoadInput(name);
            if (datasetHooks)
            {
                hooks.AfterDatasetLoaded(name, data, Node);
            }

            inputs[name] = data;
        }

        return inputs;
    }

    private async ValueTask<Dictionary<string, object?>> LoadInputsAsync(HookManager hooks, CancellationToken cancellationToken)
    {
        var names = Node.Inputs;
        var inputs = new Dictionary<string, object?>(names.Count, StringComparer.Ordinal);
        if (names.Count == 1)
        {
            inputs[names[0]] = await LoadOneAsync(hooks, names[0], cancellationToken).ConfigureAwait(false);
        }
        else if (names.Count > 1)
        {
            // Loads run concurrently on the thread pool (Kedro's thread pool), each between its own hooks.
            var loads = new Task<object?>[names.Count];
            for (var i = 0; i < names.Count; i++)
            {
                var name = names[i];
                loads[i] = Task.Run(() => LoadOneAsync(hooks, name, cancellationToken), cancellationToken);
            }

            await Task.WhenAll(loads).ConfigureAwait(false);
            for (var i = 0; i < names.Count; i++)
            {
                inputs[names[i]] = await loads[i].ConfigureAwait(false);
            }
        }

        return inputs;
    }

    private async Task<object?> LoadOneAsync(HookManager hooks, string name, CancellationToken cancellationToken)
    {
        hooks.BeforeDatasetLoaded(name, Node);
        var type = Node.InputType(name);
        var data = await _catalog.LoadUnconvertedAsync(name, type ?? typeof(object), null, cancellationToken).ConfigureAwait(false);
        data = ConvertInput(name, data, type);
        hooks.AfterDatasetLoaded(name, data, Node);
        return data;
    }

    /// <summary>Loads an input as the type of the parameter it fills (<see cref="object"/> when unknown), converting when safe.</summary>
    private object? LoadInput(string name)
    {
        var type = Node.InputType(name);
        return ConvertInput(name, _catalog.LoadUnconverted(name, type ?? typeof(object)), type);
    }

    private object? ConvertInput(string name, object? data, Type? type)
    {
        if (type is null || type.IsInstanceOfType(data))
        {
            return data;
        }

        return ValueConversion.TryConvert(data, type, out var converted, out var reason)
            ? converted
            : throw RunnerErrors.NodeInputNotConvertible(Node.Name, name, data, type, reason);
    }

    private void SaveOutputs(HookManager hooks, IReadOnlyDictionary<string, object?> outputs)
    {
        var datasetHooks = hooks.HasDatasetHooks;
        foreach (var (name, data) in outputs)
        {
            if (datasetHooks)
            {
                hooks.BeforeDatasetSaved(name, data, Node);
            }

            _catalog.Save(name, data);
            if (datasetHooks)
            {
                hooks.AfterDatasetSaved(name, data, Node);
            }
        }
    }

    private async ValueTask SaveOutputsAsync(HookManager hooks, IReadOnlyDictionary<string, object?> outputs, CancellationToken cancellationToken)
    {
        if (outputs.Count <= 1)
        {
            foreach (var (name, data) in outputs)
            {
                hooks.BeforeDatasetSaved(name, data, Node);
                await SaveOneAsync(hooks, name, data, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        // before_dataset_saved in order on this thread; the saves run concurrently; after_dataset_saved as each completes.
        var saves = new List<Task>(outputs.Count);
        try
        {
            foreach (var (name, data) in outputs)
            {
                hooks.BeforeDatasetSaved(name, data, Node);
                saves.Add(Task.Run(() => SaveOneAsync(hooks, name, data, cancellationToken), cancellationToken));
            }
        }
        catch
        {
            // A hook failed for a later output: the node fails with the hook's exception, but only once the saves
            // already started have finished, so none keeps running after the run has been reported as failed.
            await Task.WhenAll(saves).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        await Task.WhenAll(saves).ConfigureAwait(false);
    }

    private async Task SaveOneAsync(HookManager hooks, string name, object? data, CancellationToken cancellationToken)
    {
        await _catalog.SaveAsync(name, data, cancellationToken).ConfigureAwait(false);
        hooks.AfterDatasetSaved(name, data, Node);
    }

    private void Confirm()
    {
        foreach (var name in Node.Confirms)
        {
            _catalog.Confirm(name);
        }
    }

    private NodeRunContext ApplyBeforeNodeRun(HookManager hooks, Dictionary<string, object?> inputs)
    {
        var before = new NodeRunContext(Node, _catalog, new Dictionary<string, object?>(inputs, StringComparer.Ordinal), IsAsync, RunId);

        // Answers merge in call order, so the implementation called last (registered first) wins, as in Kedro.
        foreach (var overrides in hooks.BeforeNodeRun(before))
        {
            foreach (var (name, value) in overrides)
            {
                inputs[name] = value;
            }
        }

        return new NodeRunContext(Node, _catalog, inputs, IsAsync, RunId);
    }

    private void NotifyNodeError(HookManager hooks, NodeRunContext? context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return;
        }

        _failedInNodeFunction = true;

        _logger.NodeFailed(Node, exception.Message);
        if (context is not null)
        {
            hooks.OnNodeError(exception, context);
        }
    }
}
