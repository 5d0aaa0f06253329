using System.Diagnostics.CodeAnalysis;

namespace Kedro.Pipelines.Internal;

/// <summary>The outputs of a single-output node: one entry, one allocation (cheaper than a <see cref="Dictionary{TKey, TValue}"/>).</summary>
internal sealed class NodeSingleOutput(string name, object? value) : IReadOnlyDictionary<string, object?>
{
    public int Count => 1;

    public IEnumerable<string> Keys => [name];

    public IEnumerable<object?> Values => [value];

    public object? this[string key] =>
        string.Equals(key, name, StringComparison.Ordinal) ? value : throw new KeyNotFoundException($"The given key '{key}' was not present in the dictionary.");

    public bool ContainsKey(string key) => string.Equals(key, name, StringComparison.Ordinal);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? result)
    {
        var found = ContainsKey(key);
        result = found ? value : null;
        return found;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return new KeyValuePair<string, object?>(name, value);
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
