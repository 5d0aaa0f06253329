using Kedro.Pipelines.Internal;

namespace Kedro.Framework.Internal;

/// <summary>Python's <c>difflib.get_close_matches</c>, as the core computes it, for the command line's suggestions.</summary>
internal static class CloseMatches
{
    /// <summary>The best matches of <paramref name="word"/> among <paramref name="possibilities"/>, best first.</summary>
    public static IReadOnlyList<string> Find(string word, IEnumerable<string> possibilities, int count = 3, double cutoff = 0.6) =>
        PipelineCloseMatches.Find(word, possibilities, count, cutoff);
}
