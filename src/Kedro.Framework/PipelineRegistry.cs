using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Kedro.Framework.Internal;
using Kedro.Pipelines;

namespace Kedro.Framework;

/// <summary>
/// The project's pipelines by name (Kedro's <c>pipelines</c> mapping filled by <c>register_pipelines()</c>). The
/// registration function is called once, on first access. <c>__default__</c> is the pipeline run when no name is given.
/// </summary>
public sealed class PipelineRegistry : IReadOnlyDictionary<string, Pipeline>
{
    /// <summary>The name of the pipeline run when none is given.</summary>
    public const string DefaultPipelineName = "__default__";

    private readonly Lazy<Dictionary<string, Pipeline>> _pipelines;

    /// <summary>Creates a registry that calls <paramref name="register"/> on first access.</summary>
    /// <param name="register">Returns the pipelines by name (Kedro's <c>register_pipelines</c>).</param>
    public PipelineRegistry(Func<IReadOnlyDictionary<string, Pipeline>> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        _pipelines = new Lazy<Dictionary<string, Pipeline>>(() => Load(register), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A registry without pipelines.</summary>
    public static PipelineRegistry Empty { get; } = new(static () => new Dictionary<string, Pipeline>());

    /// <inheritdoc/>
    public Pipeline this[string key] => TryGetValue(key, out var pipeline)
        ? pipeline
        : throw FrameworkErrors.PipelineNotFound(key, Keys);

    /// <summary>The names, in registration order.</summary>
    public IEnumerable<string> Keys => _pipelines.Value.Keys;

    /// <inheritdoc/>
    public IEnumerable<Pipeline> Values => _pipelines.Value.Values;

    /// <inheritdoc/>
    public int Count => _pipelines.Value.Count;

    /// <summary>Combines registries: pipelines of <paramref name="other"/> replace those of the same name here.</summary>
    /// <param name="other">The registry whose pipelines win.</param>
    /// <returns>A new lazy registry.</returns>
    public PipelineRegistry Merge(PipelineRegistry other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new PipelineRegistry(() =>
        {
            var merged = new Dictionary<string, Pipeline>(_pipelines.Value, StringComparer.Ordinal);
            foreach (var (name, pipeline) in other)
            {
                merged[name] = pipeline;
            }

            return merged;
        });
    }

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _pipelines.Value.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Pipeline value) => _pipelines.Value.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, Pipeline>> GetEnumerator() => _pipelines.Value.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static Dictionary<string, Pipeline> Load(Func<IReadOnlyDictionary<string, Pipeline>> register)
    {
        var registered = register() ?? throw FrameworkErrors.RegistryReturnedNull();
        var result = new Dictionary<string, Pipeline>(StringComparer.Ordinal);
        foreach (var (name, pipeline) in registered)
        {
            result[name] = pipeline ?? throw FrameworkErrors.RegisteredPipelineNull(name);
        }

        return result;
    }
}
