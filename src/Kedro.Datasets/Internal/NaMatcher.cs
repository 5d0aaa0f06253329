namespace Kedro.Datasets.Internal;

/// <summary>
/// Tells whether a cell's text is one of the missing-value markers without hashing most cells: a marker is looked up only
/// when some marker has the cell's first character and length, so numbers and ordinary text are rejected in a few steps.
/// </summary>
internal sealed class NaMatcher
{
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly ulong[] _lengthsByFirstChar = new ulong[128];
    private readonly bool _empty;
    private readonly bool _anyLongOrNonAscii;

    public NaMatcher(HashSet<string> markers)
    {
        _lookup = markers.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var marker in markers)
        {
            if (marker.Length == 0)
            {
                _empty = true;
            }
            else if (marker[0] < 128 && marker.Length < 64)
            {
                _lengthsByFirstChar[marker[0]] |= 1UL << marker.Length;
            }
            else
            {
                _anyLongOrNonAscii = true;
            }
        }
    }

    /// <summary>Whether <paramref name="cell"/> is a missing value.</summary>
    public bool IsMissing(ReadOnlySpan<char> cell)
    {
        if (cell.Length == 0)
        {
            return _empty;
        }

        var first = cell[0];
        if (first < 128 && cell.Length < 64)
        {
            return ((_lengthsByFirstChar[first] >> cell.Length) & 1) != 0 && _lookup.Contains(cell);
        }

        return _anyLongOrNonAscii && _lookup.Contains(cell);
    }
}
