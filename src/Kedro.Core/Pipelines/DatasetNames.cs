using System.Collections;
using System.Runtime.CompilerServices;

namespace Kedro.Pipelines;

/// <summary>
/// The dataset names a node reads, writes or confirms, in one of Kedro's three shapes: a single name
/// (<c>"a"</c>), a list of names (<c>["a", "b"]</c>) or a dictionary (<c>{"param": "a"}</c>, mapping a function
/// parameter or a key of the returned dictionary to a dataset name).
/// </summary>
/// <remarks>
/// Converts implicitly from <see cref="string"/>, <see cref="string"/>[], <see cref="List{T}"/> and
/// <see cref="Dictionary{TKey, TValue}"/>, and can be written as a collection expression. The default value
/// (and any <see langword="null"/> converted to it) means "no names", like Kedro's <c>None</c>.
/// Enumerating yields the dataset names (the values for a dictionary, in its order).
/// </remarks>
[CollectionBuilder(typeof(DatasetNames), nameof(Create))]
public readonly struct DatasetNames : IEnumerable<string>, IEquatable<DatasetNames>
{
    private readonly string? _single;
    private readonly string[]? _list;
    private readonly KeyValuePair<string, string>[]? _dictionary;

    private DatasetNames(string? single, string[]? list, KeyValuePair<string, string>[]? dictionary)
    {
        _single = single;
        _list = list;
        _dictionary = dictionary;
    }

    /// <summary>Whether no names were given (Kedro's <c>None</c>).</summary>
    public bool IsNone => _single is null && _list is null && _dictionary is null;

    /// <summary>Whether a single name was given.</summary>
    public bool IsSingle => _single is not null;

    /// <summary>Whether a list of names was given (possibly empty).</summary>
    public bool IsList => _list is not null;

    /// <summary>Whether a dictionary was given.</summary>
    public bool IsDictionary => _dictionary is not null;

    /// <summary>Whether there are no names at all (none, or an empty list or dictionary): Kedro's "falsy".</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>The number of dataset names.</summary>
    public int Count => _single is not null ? 1 : _list?.Length ?? _dictionary?.Length ?? 0;

    /// <summary>The single name, when <see cref="IsSingle"/>; otherwise <see langword="null"/>.</summary>
    public string? SingleName => _single;

    /// <summary>The dataset names in order: the single name, the list, or the dictionary's values.</summary>
    public IReadOnlyList<string> Names =>
        _single is not null ? [_single]
        : _list is not null ? _list
        : _dictionary is not null ? Array.ConvertAll(_dictionary, pair => pair.Value)
        : [];

    /// <summary>The dictionary entries (key to dataset name) in the order given; empty unless <see cref="IsDictionary"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Entries => _dictionary ?? [];

    /// <summary>Builds a list of names (used by collection expressions).</summary>
    /// <param name="names">The names.</param>
    /// <returns>A list-shaped value.</returns>
    public static DatasetNames Create(ReadOnlySpan<string> names) => new(null, names.ToArray(), null);

    /// <summary>A single name; <see langword="null"/> gives no names.</summary>
    /// <param name="name">The dataset name.</param>
    public static implicit operator DatasetNames(string? name) => new(name, null, null);

    /// <summary>A list of names; <see langword="null"/> gives no names.</summary>
    /// <param name="names">The dataset names.</param>
    public static implicit operator DatasetNames(string[]? names) => new(null, names is null ? null : [.. names], null);

    /// <summary>A list of names; <see langword="null"/> gives no names.</summary>
    /// <param name="names">The dataset names.</param>
    public static implicit operator DatasetNames(List<string>? names) => new(null, names?.ToArray(), null);

    /// <summary>A dictionary of names; <see langword="null"/> gives no names.</summary>
    /// <param name="names">Parameter or output key to dataset name.</param>
    public static implicit operator DatasetNames(Dictionary<string, string>? names) =>
        new(null, null, names?.ToArray());

    /// <summary>Equality operator: same shape and names (dictionaries compare as sets of entries).</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(DatasetNames left, DatasetNames right) => left.Equals(right);

    /// <summary>Inequality operator.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(DatasetNames left, DatasetNames right) => !left.Equals(right);

    /// <summary>Creates a single name.</summary>
    /// <param name="name">The dataset name.</param>
    /// <returns>A single-name value.</returns>
    public static DatasetNames FromString(string? name) => name;

    /// <summary>Creates a list of names.</summary>
    /// <param name="names">The dataset names.</param>
    /// <returns>A list-shaped value.</returns>
    public static DatasetNames FromArray(string[]? names) => names;

    /// <summary>Creates a list of names.</summary>
    /// <param name="names">The dataset names.</param>
    /// <returns>A list-shaped value.</returns>
    public static DatasetNames FromList(List<string>? names) => names;

    /// <summary>Creates a dictionary of names.</summary>
    /// <param name="names">Parameter or output key to dataset name.</param>
    /// <returns>A dictionary-shaped value.</returns>
    public static DatasetNames FromDictionary(Dictionary<string, string>? names) => names;

    /// <summary>
    /// The same shape with every dataset name passed through <paramref name="rename"/>
    /// (dictionary keys are kept).
    /// </summary>
    /// <param name="rename">Maps an old dataset name to a new one.</param>
    /// <returns>The renamed value.</returns>
    public DatasetNames Rename(Func<string, string> rename)
    {
        ArgumentNullException.ThrowIfNull(rename);
        if (_single is not null)
        {
            return new(rename(_single), null, null);
        }

        if (_list is not null)
        {
            return new(null, Array.ConvertAll(_list, name => rename(name)), null);
        }

        if (_dictionary is not null)
        {
            return new(null, null, Array.ConvertAll(_dictionary, pair => new KeyValuePair<string, string>(pair.Key, rename(pair.Value))));
        }

        return this;
    }

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator() => Names.GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Kedro's equality of node inputs/outputs: a single name, a list (order matters) and a dictionary
    /// (order does not matter) are different shapes and never equal each other.
    /// </summary>
    /// <param name="other">The other value.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(DatasetNames other)
    {
        if (_single is not null || other._single is not null)
        {
            return string.Equals(_single, other._single, StringComparison.Ordinal);
        }

        if (_list is not null || other._list is not null)
        {
            return _list is not null && other._list is not null && _list.AsSpan().SequenceEqual(other._list);
        }

        if (_dictionary is not null || other._dictionary is not null)
        {
            return _dictionary is not null && other._dictionary is not null
                && _dictionary.Length == other._dictionary.Length
                && SortedEntries(_dictionary).SequenceEqual(SortedEntries(other._dictionary));
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DatasetNames other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        if (_single is not null)
        {
            hash.Add(1);
            hash.Add(_single, StringComparer.Ordinal);
        }
        else if (_list is not null)
        {
            hash.Add(2);
            foreach (var name in _list)
            {
                hash.Add(name, StringComparer.Ordinal);
            }
        }
        else if (_dictionary is not null)
        {
            hash.Add(3);
            foreach (var pair in SortedEntries(_dictionary))
            {
                hash.Add(pair.Key, StringComparer.Ordinal);
                hash.Add(pair.Value, StringComparer.Ordinal);
            }
        }

        return hash.ToHashCode();
    }

    /// <summary>Kedro's (Python) rendering: <c>a</c>, <c>['a', 'b']</c>, <c>{'k': 'a'}</c> or <c>None</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        _single ?? (_list is not null ? PythonLiterals.List(_list)
            : _dictionary is not null ? PythonLiterals.Dict(_dictionary)
            : "None");

    private static IEnumerable<KeyValuePair<string, string>> SortedEntries(KeyValuePair<string, string>[] entries) =>
        entries.OrderBy(pair => pair.Key, StringComparer.Ordinal).ThenBy(pair => pair.Value, StringComparer.Ordinal);
}
