namespace Kedro.Config.Internal;

/// <summary>Finds the configuration files of one environment folder that match a key's glob patterns.</summary>
internal static class ConfigFiles
{
    private static readonly EnumerationOptions AllFiles = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = 0,
        IgnoreInaccessible = true,
        ReturnSpecialDirectories = false,
    };

    /// <summary>
    /// The <c>.yml</c>, <c>.yaml</c> and <c>.json</c> files under <paramref name="folder"/> whose path relative to it matches
    /// any pattern, without duplicates, in ordinal path order; hidden files and files in hidden folders (relative to
    /// <paramref name="confSource"/>) are left out when <paramref name="ignoreHidden"/> is set.
    /// </summary>
    public static List<string> Find(string confSource, string folder, IReadOnlyList<string> patterns, bool ignoreHidden)
    {
        var matchers = patterns.Select(Glob).ToList();
        var confRoot = Path.GetFullPath(confSource);
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", AllFiles))
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            if (!IsConfigFile(file)
                || !matchers.Exists(matcher => matcher.IsMatch(relative))
                || (ignoreHidden && IsHidden(confRoot, file)))
            {
                continue;
            }

            found.Add(file);
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static bool IsConfigFile(string path)
    {
        var extension = Path.GetExtension(path);
        return extension is ".yml" or ".yaml" or ".json";
    }

    /// <summary>Whether any part of the path below the configuration root starts with a dot.</summary>
    public static bool IsHidden(string confRoot, string file)
    {
        var relative = Path.GetRelativePath(confRoot, Path.GetFullPath(file)).Replace('\\', '/');
        return relative.Split('/').Any(part => part.StartsWith('.') && part is not "." and not "..");
    }

    /// <summary>
    /// A glob over '/'-separated relative paths: <c>*</c> and <c>?</c> stay within one folder, <c>**</c> spans any number
    /// of folders (including none; at the end, anything below), <c>[...]</c> and <c>[!...]</c> are character classes.
    /// </summary>
    public static GlobPattern Glob(string pattern) => new(pattern.Replace('\\', '/').Split('/'));

    /// <summary>A compiled glob (matched by hand: a regular expression would cost start-up time on every run).</summary>
    internal sealed class GlobPattern(string[] segments)
    {
        public bool IsMatch(string path) => MatchSegments(0, path.Split('/'), 0);

        private bool MatchSegments(int patternIndex, string[] parts, int partIndex)
        {
            if (patternIndex == segments.Length)
            {
                return partIndex == parts.Length;
            }

            if (segments[patternIndex] == "**")
            {
                if (patternIndex == segments.Length - 1)
                {
                    return partIndex < parts.Length;
                }

                for (var skip = partIndex; skip <= parts.Length; skip++)
                {
                    if (MatchSegments(patternIndex + 1, parts, skip))
                    {
                        return true;
                    }
                }

                return false;
            }

            return partIndex < parts.Length
                && MatchSegment(segments[patternIndex], 0, parts[partIndex], 0)
                && MatchSegments(patternIndex + 1, parts, partIndex + 1);
        }

        private static bool MatchSegment(string pattern, int p, string text, int t)
        {
            while (p < pattern.Length)
            {
                var c = pattern[p];
                if (c == '*')
                {
                    for (var rest = t; rest <= text.Length; rest++)
                    {
                        if (MatchSegment(pattern, p + 1, text, rest))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                if (t >= text.Length)
                {
                    return false;
                }

                if (c == '[' && pattern.IndexOf(']', p + 2) is var close and > 0)
                {
                    if (!MatchClass(pattern.AsSpan(p + 1, close - p - 1), text[t]))
                    {
                        return false;
                    }

                    p = close + 1;
                    t++;
                    continue;
                }

                if (c != '?' && c != text[t])
                {
                    return false;
                }

                p++;
                t++;
            }

            return t == text.Length;
        }

        private static bool MatchClass(ReadOnlySpan<char> set, char c)
        {
            var negate = set.Length > 0 && set[0] == '!';
            if (negate)
            {
                set = set[1..];
            }

            var found = false;
            for (var i = 0; i < set.Length; i++)
            {
                if (i + 2 < set.Length && set[i + 1] == '-')
                {
                    found |= c >= set[i] && c <= set[i + 2];
                    i += 2;
                }
                else
                {
                    found |= c == set[i];
                }
            }

            return found != negate;
        }
    }
}
