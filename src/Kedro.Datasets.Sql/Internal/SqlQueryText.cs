using System.Text;
using Kedro.Datasets.Sql.Engines;

namespace Kedro.Datasets.Sql.Internal;

/// <summary>
/// A query's parameters as Kedro users write them with SQLAlchemy, <c>:name</c>, rewritten to the engine's placeholder by a
/// small scanner that leaves string literals, quoted identifiers, comments, dollar-quoted bodies and PostgreSQL's
/// <c>::</c> casts alone. The provider's own form (<c>@name</c>, and <c>$name</c> on DuckDB) is accepted as it is.
/// </summary>
internal static class SqlQueryText
{
    /// <summary>The query with each <c>:name</c> replaced, and the parameter names it uses, in order of first use.</summary>
    public static (string Sql, IReadOnlyList<string> Names) Rewrite(string sql, SqlEngine engine)
    {
        var output = new StringBuilder(sql.Length);
        var names = new List<string>();
        var native = engine is DuckDbEngine ? '$' : '@';
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            int end;
            if (c is '\'' or '"' or '`')
            {
                end = Quoted(sql, i, c);
            }
            else if (c == '-' && next == '-')
            {
                end = sql.IndexOf('\n', i);
                end = end < 0 ? sql.Length : end;
            }
            else if (c == '/' && next == '*')
            {
                end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? sql.Length : end + 2;
            }
            else if (c == '$' && engine is PostgresEngine && DollarTag(sql, i) is { } tag)
            {
                end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                end = end < 0 ? sql.Length : end + tag.Length;
            }
            else if (c == ':' && next == ':')
            {
                end = i + 2;
            }
            else if ((c == ':' || c == native) && IsNameStart(next) && (i == 0 || !IsNamePart(sql[i - 1])))
            {
                end = i + 2;
                while (end < sql.Length && IsNamePart(sql[end]))
                {
                    end++;
                }

                var name = sql[(i + 1)..end];
                if (!names.Contains(name, StringComparer.Ordinal))
                {
                    names.Add(name);
                }

                output.Append(engine.Placeholder(name));
                i = end;
                continue;
            }
            else
            {
                end = i + 1;
            }

            output.Append(sql, i, end - i);
            i = end;
        }

        return (output.ToString(), names);
    }

    private static int Quoted(string sql, int start, char quote)
    {
        var i = start + 1;
        while (i < sql.Length)
        {
            if (sql[i] == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return sql.Length;
    }

    // $$ or $tag$ opening a PostgreSQL dollar-quoted string.
    private static string? DollarTag(string sql, int start)
    {
        var i = start + 1;
        while (i < sql.Length && IsNamePart(sql[i]) && !char.IsDigit(sql[start + 1]))
        {
            i++;
        }

        return i < sql.Length && sql[i] == '$' ? sql[start..(i + 1)] : null;
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
