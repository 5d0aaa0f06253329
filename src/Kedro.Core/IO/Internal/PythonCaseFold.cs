using System.Text;

namespace Kedro.IO.Internal;

/// <summary>
/// The case-insensitive comparison of Python's <c>re</c> with <c>IGNORECASE</c> (which Kedro's pattern matching uses):
/// two characters are equal when their simple lowercase mappings are equal, or when those are one of the few sets of
/// lowercase letters that share an uppercase (<c>i</c>/<c>ı</c>, <c>s</c>/<c>ſ</c>, <c>µ</c>/<c>μ</c>, <c>σ</c>/<c>ς</c>, ...).
/// </summary>
internal static class PythonCaseFold
{
    // Python's re extra case equivalences (re/_casefix.py): each set's members map to its first.
    private static readonly Dictionary<int, int> Canonical = BuildCanonical(
        [0x69, 0x131], [0x73, 0x17F], [0xB5, 0x3BC], [0x345, 0x3B9, 0x1FBE], [0x390, 0x1FD3], [0x3B0, 0x1FE3],
        [0x3B2, 0x3D0], [0x3B5, 0x3F5], [0x3B8, 0x3D1], [0x3BA, 0x3F0], [0x3C0, 0x3D6], [0x3C1, 0x3F1], [0x3C2, 0x3C3],
        [0x3C6, 0x3D5], [0x432, 0x1C80], [0x434, 0x1C81], [0x43E, 0x1C82], [0x441, 0x1C83], [0x442, 0x1C84, 0x1C85],
        [0x44A, 0x1C86], [0x463, 0x1C87], [0x1C88, 0xA64B], [0x1E61, 0x1E9B], [0xFB05, 0xFB06]);

    /// <summary>
    /// The text with every character replaced by its case-insensitive representative; the length and every character's
    /// position stay the same.
    /// </summary>
    public static string Fold(string text)
    {
        StringBuilder? folded = null;
        Span<char> buffer = stackalloc char[2];
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var representative = Representative(rune);
            if (representative != rune && representative.Utf16SequenceLength == rune.Utf16SequenceLength)
            {
                folded ??= new StringBuilder(text);
                var written = representative.EncodeToUtf16(buffer);
                for (var i = 0; i < written; i++)
                {
                    folded[index + i] = buffer[i];
                }
            }

            index += rune.Utf16SequenceLength;
        }

        return folded?.ToString() ?? text;
    }

    private static Rune Representative(Rune rune)
    {
        // Python lowercases 'İ' to 'i' (its simple mapping); .NET's invariant casing leaves it alone.
        var lower = rune.Value == 0x130 ? new Rune('i') : Rune.ToLowerInvariant(rune);
        return Canonical.TryGetValue(lower.Value, out var canonical) ? new Rune(canonical) : lower;
    }

    private static Dictionary<int, int> BuildCanonical(params int[][] sets)
    {
        var map = new Dictionary<int, int>();
        foreach (var set in sets)
        {
            foreach (var member in set)
            {
                map[member] = set[0];
            }
        }

        return map;
    }
}
