namespace Kedro.Shared.Text;

/// <summary>Python's <c>difflib.get_close_matches</c> (Ratcliff/Obershelp similarity, no junk heuristic), for Kedro's suggestions.</summary>
/// <remarks>Compiled into every Kedro.NET assembly that suggests names (src/Shared/Text).</remarks>
internal static class CloseMatches
{
    /// <summary>The best matches of <paramref name="word"/> among <paramref name="possibilities"/>, best first.</summary>
    public static IReadOnlyList<string> Find(string word, IEnumerable<string> possibilities, int count = 3, double cutoff = 0.6)
    {
        var scored = new List<(double Score, string Candidate)>();
        foreach (var candidate in possibilities)
        {
            var score = Ratio(candidate, word);
            if (score >= cutoff)
            {
                scored.Add((score, candidate));
            }
        }

        return [.. scored
            .OrderByDescending(item => item.Score)
            .ThenByDescending(item => item.Candidate, StringComparer.Ordinal)
            .Take(count)
            .Select(item => item.Candidate)];
    }

    /// <summary><c>SequenceMatcher(None, a, b).ratio()</c>.</summary>
    public static double Ratio(string a, string b)
    {
        var total = a.Length + b.Length;
        return total == 0 ? 1.0 : 2.0 * Matches(a, 0, a.Length, b, 0, b.Length) / total;
    }

    private static int Matches(string a, int alo, int ahi, string b, int blo, int bhi)
    {
        var (i, j, k) = LongestMatch(a, alo, ahi, b, blo, bhi);
        if (k == 0)
        {
            return 0;
        }

        return k + Matches(a, alo, i, b, blo, j) + Matches(a, i + k, ahi, b, j + k, bhi);
    }

    private static (int I, int J, int K) LongestMatch(string a, int alo, int ahi, string b, int blo, int bhi)
    {
        int bestI = alo, bestJ = blo, bestK = 0;
        var previous = new int[bhi - blo + 1];
        var current = new int[bhi - blo + 1];
        for (var i = alo; i < ahi; i++)
        {
            for (var j = blo; j < bhi; j++)
            {
                var k = a[i] == b[j] ? previous[j - blo] + 1 : 0;
                current[j - blo + 1] = k;
                if (k > bestK)
                {
                    bestI = i - k + 1;
                    bestJ = j - k + 1;
                    bestK = k;
                }
            }

            (previous, current) = (current, previous);
            Array.Clear(current);
        }

        return (bestI, bestJ, bestK);
    }
}
