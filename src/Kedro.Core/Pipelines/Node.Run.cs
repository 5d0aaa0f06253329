using System.Collections;
using System.Runtime.CompilerServices;
using Kedro.Pipelines.Internal;
using Microsoft.Extensions.Logging;

namespace Kedro.Pipelines;

public sealed partial class Node
{
    private static readonly IReadOnlyDictionary<string, object?> NoInputs = new Dictionary<string, object?>();

    /// <summary>
    /// Runs the node on the given input values (dataset name to value) and returns its outputs
    /// (dataset name to value), Kedro's <c>node.run(inputs)</c>. Task results are waited for. For a streaming
    /// node every output holds the list of its chunks, in order.
    /// </summary>
    /// <param name="inputs">The input values by dataset name; <see langword="null"/> for none.</param>
    /// <returns>The output values by dataset name.</returns>
    /// <exception cref="ArgumentException">The inputs do not match the node's (Kedro's message).</exception>
    /// <exception cref="InvalidOperationException">The result does not fit the outputs (Kedro's message).</exception>
    public IReadOnlyDictionary<string, object?> Run(IReadOnlyDictionary<string, object?>? inputs = null) =>
        Run(inputs, logger: null);

    /// <summary>Runs the node; warnings go to <paramref name="logger"/> (default: the process-wide node logger).</summary>
    internal IReadOnlyDictionary<string, object?> Run(IReadOnlyDictionary<string, object?>? inputs, ILogger? logger)
    {
        logger ??= NodeWarnings.Logger;
        inputs ??= NoInputs;
        ValidateInputs(inputs);
        if (IsStreaming)
        {
            return CollectStream(inputs, logger);
        }

        var result = _function.Invoke(Func, _binding.Arguments(inputs, CancellationToken.None));
        if (_function.Await is not null)
        {
            var pending = _function.Await(result ?? throw NullTask());
            result = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        }

        return MapOutputs(result, logger);
    }

    /// <summary>
    /// Runs a non-streaming node: same binding and validation as <see cref="Run(IReadOnlyDictionary{string, object?}?)"/>,
    /// awaiting task results and passing <paramref name="cancellationToken"/> to a <see cref="CancellationToken"/> parameter.
    /// Like Kedro's runners, the caller logs "Running node" and failures; the node only warns.
    /// </summary>
    /// <exception cref="InvalidOperationException">The node is streaming (use <see cref="RunStreamingAsync"/>).</exception>
    internal ValueTask<IReadOnlyDictionary<string, object?>> RunAsync(IReadOnlyDictionary<string, object?> inputs,
        CancellationToken cancellationToken, ILogger? logger = null)
    {
        if (IsStreaming)
        {
            throw NodeErrors.RunStreamingNode(this);
        }

        logger ??= NodeWarnings.Logger;
        inputs ??= NoInputs;
        ValidateInputs(inputs);
        var result = _function.Invoke(Func, _binding.Arguments(inputs, cancellationToken));
        return _function.Await is null
            ? new ValueTask<IReadOnlyDictionary<string, object?>>(MapOutputs(result, logger))
            : AwaitAndMap(result, logger);
    }

    /// <summary>
    /// Runs a streaming node: one output dictionary per item the function yields, each item mapped to the outputs
    /// like a plain return value. The token reaches a <see cref="CancellationToken"/> parameter and the enumeration.
    /// </summary>
    internal async IAsyncEnumerable<IReadOnlyDictionary<string, object?>> RunStreamingAsync(
        IReadOnlyDictionary<string, object?> inputs, [EnumeratorCancellation] CancellationToken cancellationToken,
        ILogger? logger = null)
    {
        if (!IsStreaming)
        {
            throw NodeErrors.StreamNonStreamingNode(this);
        }

        logger ??= NodeWarnings.Logger;
        inputs ??= NoInputs;
        ValidateInputs(inputs);
        var stream = _function.Invoke(Func, _binding.Arguments(inputs, cancellationToken)) ?? throw NullTask();
        var items = _function.AsyncItems is not null
            ? _function.AsyncItems(stream, cancellationToken)
            : SyncItems((IEnumerable)stream, cancellationToken);
        await foreach (var item in items.ConfigureAwait(false))
        {
            yield return MapOutputs(item, logger);
        }
    }

    private static async IAsyncEnumerable<object?> SyncItems(IEnumerable items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static InvalidOperationException NullTask() =>
        new("The node function returned null where a Task, ValueTask or stream was expected.");

    private async ValueTask<IReadOnlyDictionary<string, object?>> AwaitAndMap(object? result, ILogger logger)
    {
        var value = await _function.Await!(result ?? throw NullTask()).ConfigureAwait(false);
        return MapOutputs(value, logger);
    }

    private Dictionary<string, object?> CollectStream(IReadOnlyDictionary<string, object?> inputs, ILogger logger)
    {
        var chunks = new Dictionary<string, object?>(_outputs.Length);
        var lists = Array.ConvertAll(_outputs, _ => new List<object?>());
        var stream = _function.Invoke(Func, _binding.Arguments(inputs, CancellationToken.None)) ?? throw NullTask();
        if (_function.AsyncItems is null)
        {
            foreach (var item in (IEnumerable)stream)
            {
                Append(MapOutputs(item, logger));
            }
        }
        else
        {
            var task = Drain(_function.AsyncItems(stream, CancellationToken.None));
            task.GetAwaiter().GetResult();
        }

        for (var i = 0; i < _outputs.Length; i++)
        {
            chunks[_outputs[i]] = lists[i];
        }

        return chunks;

        void Append(IReadOnlyDictionary<string, object?> mapped)
        {
            for (var i = 0; i < _outputs.Length; i++)
            {
                lists[i].Add(mapped[_outputs[i]]);
            }
        }

        async Task Drain(IAsyncEnumerable<object?> items)
        {
            await foreach (var item in items.ConfigureAwait(false))
            {
                Append(MapOutputs(item, logger));
            }
        }
    }

    private void ValidateInputs(IReadOnlyDictionary<string, object?> inputs)
    {
        if (_rawInputs.IsEmpty)
        {
            if (inputs.Count > 0)
            {
                throw NodeErrors.ExpectedNoInputs(this, [.. inputs.Keys]);
            }

            return;
        }

        if (_rawInputs.IsSingle)
        {
            if (inputs.Count != 1 || !inputs.ContainsKey(_rawInputs.SingleName!))
            {
                throw NodeErrors.ExpectedOneInput(this, _rawInputs.SingleName!, [.. inputs.Keys]);
            }

            return;
        }

        var expected = _binding.Distinct;
        var matches = inputs.Count == expected.Count;
        if (matches)
        {
            foreach (var name in expected)
            {
                if (!inputs.ContainsKey(name))
                {
                    matches = false;
                    break;
                }
            }
        }

        if (!matches)
        {
            throw _rawInputs.IsList
                ? NodeErrors.ExpectedInputs(this, _rawInputs.Names, inOrder: true, [.. inputs.Keys])
                : NodeErrors.ExpectedInputs(this, expected, inOrder: false, [.. inputs.Keys]);
        }
    }

    private IReadOnlyDictionary<string, object?> MapOutputs(object? result, ILogger logger)
    {
        if (_rawOutputs.IsEmpty)
        {
            if (result is not null && _function.ReturnKind != NodeReturnKind.Void)
            {
                Log.NodeReturnValueIgnored(logger, NodeErrors.ReturnValueIgnored(_givenName ?? _function.FuncName, result));
            }

            return NoInputs;
        }

        if (_rawOutputs.IsSingle)
        {
            return new NodeSingleOutput(_outputs[0], result);
        }

        if (_rawOutputs.IsDictionary)
        {
            return MapDictionary(result);
        }

        var outputs = new Dictionary<string, object?>(_outputs.Length);
        switch (result)
        {
            case ITuple tuple:
                CheckCount(tuple.Length);
                for (var i = 0; i < _outputs.Length; i++)
                {
                    outputs[_outputs[i]] = tuple[i];
                }

                break;
            case IList list:
                CheckCount(list.Count);
                for (var i = 0; i < _outputs.Length; i++)
                {
                    outputs[_outputs[i]] = list[i];
                }

                break;
            default:
                throw NodeErrors.OutputNotList(this, result);
        }

        return outputs;

        void CheckCount(int returned)
        {
            if (returned != _outputs.Length)
            {
                throw NodeErrors.OutputCountMismatch(this, returned, _outputs.Length);
            }
        }
    }

    private Dictionary<string, object?> MapDictionary(object? result)
    {
        var returned = new Dictionary<string, object?>(StringComparer.Ordinal);
        switch (result)
        {
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    returned[entry.Key?.ToString() ?? "None"] = entry.Value;
                }

                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                foreach (var pair in pairs)
                {
                    returned[pair.Key] = pair.Value;
                }

                break;
            default:
                throw NodeErrors.OutputNotDictionary(this, result);
        }

        var entries = _rawOutputs.Entries;
        var keysMatch = returned.Count == entries.Count;
        foreach (var (key, _) in entries)
        {
            keysMatch &= returned.ContainsKey(key);
        }

        if (!keysMatch)
        {
            throw NodeErrors.OutputKeysMismatch(this, returned.Keys, entries.Select(e => e.Key));
        }

        var outputs = new Dictionary<string, object?>(entries.Count);
        foreach (var (key, dataset) in entries)
        {
            outputs[dataset] = returned[key];
        }

        return outputs;
    }
}
