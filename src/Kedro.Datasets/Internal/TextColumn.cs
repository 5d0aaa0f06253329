using System.Globalization;

namespace Kedro.Datasets.Internal;

/// <summary>
/// One column of a delimited file as it is read. A column whose type is inferred is parsed while it is read, as
/// <see cref="long"/>, then <see cref="double"/> (the longs converted), or <see cref="bool"/>, so numbers are never held
/// as text; a column that turns out to be text after rows of numbers is marked <see cref="NeedsText"/> and read again as
/// text. A text column (declared, or for record binding, or not a number from its first value) keeps its raw text in one
/// growing character buffer with an end offset per row, so a million cells cost two arrays rather than a million strings.
/// Missing values (empty cells and the NA markers) are flagged either way.
/// </summary>
internal sealed class TextColumn
{
    private const NumberStyles Whole = NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    private readonly int _charsHint;
    private char[] _chars = [];
    private int[] _ends = [];
    private bool[] _missing;
    private long[]? _longs;
    private double[]? _doubles;
    private bool[]? _bools;
    private int _length;
    private bool _probing;

    /// <summary>Creates an empty column sized for about <paramref name="chars"/> characters in <paramref name="rows"/> rows.</summary>
    /// <param name="chars">The characters expected, for a text column.</param>
    /// <param name="rows">The rows expected.</param>
    /// <param name="infer">Whether to parse numbers and booleans while reading (else keep the text).</param>
    public TextColumn(int chars = 1024, int rows = 256, bool infer = false)
    {
        rows = Math.Max(16, rows);
        _missing = new bool[rows];
        _probing = infer;
        if (infer)
        {
            _charsHint = Math.Max(16, chars);
        }
        else
        {
            _chars = new char[Math.Max(16, chars)];
            _ends = new int[rows];
        }
    }

    /// <summary>The number of rows.</summary>
    public int Count { get; private set; }

    /// <summary>Whether any row is missing.</summary>
    public bool AnyMissing { get; private set; }

    /// <summary>Whether the column holds parsed values rather than text: <see cref="ColumnKind.Int64"/>, <see cref="ColumnKind.Float64"/> or <see cref="ColumnKind.Bool"/>; else <see cref="ColumnKind.String"/>.</summary>
    public ColumnKind Parsed => _longs is not null ? ColumnKind.Int64 : _doubles is not null ? ColumnKind.Float64 : _bools is not null ? ColumnKind.Bool : ColumnKind.String;

    /// <summary>Whether the column met text after numbers or booleans, and must be read again as text.</summary>
    public bool NeedsText { get; private set; }

    /// <summary>The parsed values (<see cref="long"/>, <see cref="double"/> or <see cref="bool"/>), trimmed to <see cref="Count"/>.</summary>
    public Array ParsedValues() => Parsed switch
    {
        ColumnKind.Int64 => _longs![..Count],
        ColumnKind.Float64 => _doubles![..Count],
        _ => _bools![..Count],
    };

    /// <summary>Appends a row's cell.</summary>
    public void Add(ReadOnlySpan<char> value, bool missing)
    {
        if (Count == _missing.Length)
        {
            Grow();
        }

        _missing[Count] = missing;
        AnyMissing |= missing;
        if (_probing)
        {
            if (!missing && !NeedsText)
            {
                Probe(value);
            }

            Count++;
            return;
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

        _ends[Count] = _length;
        Count++;
    }

    /// <summary>Whether a row is missing.</summary>
    public bool IsMissing(int row) => _missing[row];

    /// <summary>A row's text (empty for a missing row); text columns only.</summary>
    public ReadOnlySpan<char> this[int row]
    {
        get
        {
            var start = row == 0 ? 0 : _ends[row - 1];
            return _chars.AsSpan(start, _ends[row] - start);
        }
    }

    /// <summary>A row's text as a string, <see langword="null"/> when missing; text columns only.</summary>
    public string? StringAt(int row) => _missing[row] ? null : new string(this[row]);

    private void Probe(ReadOnlySpan<char> value)
    {
        var row = Count;
        if (_longs is not null)
        {
            if (long.TryParse(value, Whole, CultureInfo.InvariantCulture, out _longs[row]))
            {
                return;
            }

            if (IsWholeBeyondLong(value) || !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                NeedsText = true;
                return;
            }

            _doubles = new double[_longs.Length];
            for (var r = 0; r < row; r++)
            {
                _doubles[r] = _longs[r];
            }

            _longs = null;
            _doubles[row] = number;
            return;
        }

        if (_doubles is not null)
        {
            NeedsText |= IsWholeBeyondLong(value) || !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _doubles[row]);
            return;
        }

        if (_bools is not null)
        {
            NeedsText |= !TryBool(value, out _bools[row]);
            return;
        }

        // The first value decides what to try; rows before it are all missing.
        if (long.TryParse(value, Whole, CultureInfo.InvariantCulture, out var whole))
        {
            _longs = new long[_missing.Length];
            _longs[row] = whole;
        }
        else if (IsWholeBeyondLong(value))
        {
            // uint64 or text: decided when the column is read again as text, never a rounded double.
            NeedsText = true;
        }
        else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            _doubles = new double[_missing.Length];
            _doubles[row] = real;
        }
        else if (TryBool(value, out var flag))
        {
            _bools = new bool[_missing.Length];
            _bools[row] = flag;
        }
        else
        {
            // Text from the first value: keep text from here on (earlier rows are missing).
            _probing = false;
            _chars = new char[Math.Max(_charsHint, value.Length)];
            _ends = new int[_missing.Length];
            value.CopyTo(_chars);
            _length = value.Length;
            _ends[row] = _length;
        }
    }

    private void Grow()
    {
        var size = _missing.Length * 2;
        Array.Resize(ref _missing, size);
        if (_ends.Length > 0 || !_probing)
        {
            Array.Resize(ref _ends, size);
        }

        if (_longs is not null)
        {
            Array.Resize(ref _longs, size);
        }

        if (_doubles is not null)
        {
            Array.Resize(ref _doubles, size);
        }

        if (_bools is not null)
        {
            Array.Resize(ref _bools, size);
        }
    }

    /// <summary>
    /// Whether <paramref name="text"/> is a whole number (digits, perhaps a sign and surrounding spaces) too large for
    /// <see cref="long"/>: it loads as <see cref="ulong"/> or as text, never as a rounded <see cref="double"/>.
    /// </summary>
    public static bool IsWholeBeyondLong(ReadOnlySpan<char> text)
    {
        var trimmed = text.Trim();
        var digits = trimmed.Length > 0 && trimmed[0] is '-' or '+' ? trimmed[1..] : trimmed;
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9') && !long.TryParse(trimmed, Whole, CultureInfo.InvariantCulture, out _);
    }

    /// <summary>pandas' inferred booleans: True/False in three casings.</summary>
    public static bool TryBool(ReadOnlySpan<char> text, out bool value)
    {
        var trimmed = text.Trim();
        value = trimmed is "True" or "true" or "TRUE";
        return value || trimmed is "False" or "false" or "FALSE";
    }
}
