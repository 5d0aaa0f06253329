using System.Collections;
using Kedro.IO;

namespace Kedro.Hangfire.Internal;

/// <summary>
/// The <c>inputs</c> or <c>outputs</c> a driver-side node hook receives: the node's dataset names, each value loaded from
/// the run's catalog only when a hook reads it (then kept), so a run whose hooks look at no values reads nothing.
/// </summary>
internal sealed class LazyValues : IReadOnlyDictionary<string, object?>
{
    private readonly DataCatalog _catalog;
    private readonly IReadOnlyList<string> _names;
    private readonly Dictionary<string, object?> _loaded = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public LazyValues(DataCatalog catalog, IEnumerable<string> names)
    {
        _catalog = catalog;
        _names = [.. names.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>How many values were loaded so far.</summary>
    public int LoadedCount
    {
        get
        {
            lock (_lock)
            {
                return _loaded.Count;
            }
        }
    }

    public int Count => _names.Count;

    public IEnumerable<string> Keys => _names;

    public IEnumerable<object?> Values => _names.Select(Load);

    public object? this[string key] => ContainsKey(key) ? Load(key) : throw new KeyNotFoundException($"'{key}' is not a dataset of this node.");

    public bool ContainsKey(string key) => _names.Contains(key, StringComparer.Ordinal);

    public bool TryGetValue(string key, out object? value)
    {
        if (!ContainsKey(key))
        {
            value = null;
            return false;
        }

        value = Load(key);
        return true;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
        _names.Select(name => new KeyValuePair<string, object?>(name, Load(name))).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private object? Load(string name)
    {
        lock (_lock)
        {
            if (!_loaded.TryGetValue(name, out var value))
            {
                value = _catalog.Load(name);
                _loaded[name] = value;
            }

            return value;
        }
    }
}
