namespace Kedro.Datasets.Internal;

/// <summary>
/// The raw text of one column of a delimited file, held in one growing character buffer with an end offset per row, so a
/// million cells cost two arrays rather than a million strings. Missing values (empty cells and the NA markers) are flagged.
/// </summary>
internal sealed class TextColumn
{
    private char[] _chars = new char[1024];
    private int[] _ends = new int[256];
    private bool[] _missing = new bool[256];
    private int _length;

    /// <summary>The number of rows.</summary>
    public int Count { get; private set; }

    /// <summary>Whether any row is missing.</summary>
    public bool AnyMissing { get; private set; }

    /// <summary>Appends a row's cell.</summary>
    public void Add(ReadOnlySpan<char> value, bool missing)
    {
        if (Count == _ends.Length)
        {
            Array.Resize(ref _ends, _ends.Length * 2);
            Array.Resize(ref _missing, _missing.Length * 2);
        }

        if (!missing)
        {
            if (_length + value.Length > _chars.Length)
            {
                Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + value.Length));
            }

            value.CopyTo(_chars.AsSpan(_length));
            _length += value.Length;
        }
        else
        {
            AnyMissing = true;
        }

        _missing[Count] = missing;
        _ends[Count] = _length;
        Count++;
    }

    /// <summary>Whether a row is missing.</summary>
    public bool IsMissing(int row) => _missing[row];

    /// <summary>A row's text (empty for a missing row).</summary>
    public ReadOnlySpan<char> this[int row]
    {
        get
        {
            var start = row == 0 ? 0 : _ends[row - 1];
            return _chars.AsSpan(start, _ends[row] - start);
        }
    }

    /// <summary>A row's text as a string, <see langword="null"/> when missing.</summary>
    public string? StringAt(int row) => _missing[row] ? null : new string(this[row]);
}
