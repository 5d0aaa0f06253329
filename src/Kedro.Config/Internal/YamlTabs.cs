namespace Kedro.Config.Internal;

/// <summary>
/// Refuses tabs where Kedro's YAML loader refuses them. PyYAML only skips spaces between tokens, so a tab anywhere but
/// inside a quoted or block scalar or a comment (in the indentation, after a colon or a comma, at the end of a line)
/// is a character that cannot start any token.
/// </summary>
internal static class YamlTabs
{
    /// <summary>The text up to the end of the line after the 1-based <paramref name="line"/>.</summary>
    public static string ThroughLineAfter(string text, int line)
    {
        var end = -1;
        for (var i = 0; i <= line; i++)
        {
            end = text.IndexOf('\n', end + 1);
            if (end < 0)
            {
                return text;
            }
        }

        return text[..end];
    }

    /// <summary>Checks a document's text given the spans of its quoted and block scalars.</summary>
    /// <exception cref="BadConfigException">A tab stands where YAML expects the next token.</exception>
    public static void Check(string text, string source, IReadOnlyList<(int Start, int End)> quotedSpans)
    {
        if (!text.Contains('\t', StringComparison.Ordinal))
        {
            return;
        }

        var spans = quotedSpans.OrderBy(span => span.Start).ToList();
        var next = 0;
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            while (next < spans.Count && spans[next].End <= i)
            {
                next++;
            }

            var c = text[i];
            if (next < spans.Count && spans[next].Start <= i)
            {
                if (c == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }

                continue;
            }

            switch (c)
            {
                case '\n':
                    line++;
                    lineStart = i + 1;
                    break;
                case '#' when i == 0 || text[i - 1] is ' ' or '\n' or '\r':
                    var end = text.IndexOf('\n', i);
                    i = (end < 0 ? text.Length : end) - 1;
                    break;
                case '\t':
                    throw ConfigErrors.InvalidYaml(source, line, i - lineStart + 1,
                        "Found character '\\t' that cannot start any token: YAML allows tabs only inside quoted values and "
                        + "comments; indent and separate values with spaces.", null);
                default:
                    break;
            }
        }
    }
}
