using System.Text.RegularExpressions;

namespace Kedro.Framework.Internal;

/// <summary>
/// Finds where a key is written in a project's configuration folder, for messages: the file (and line) of the run
/// environment or <c>base</c> whose name starts as the configuration's (<c>parameters</c>, <c>catalog</c>) that declares
/// it, and whether any file reads a runtime parameter as <c>${runtime_params:...}</c>.
/// </summary>
/// <param name="projectPath">The project folder; paths are shown relative to it.</param>
/// <param name="confSource">The configuration folder (a URL finds nothing).</param>
/// <param name="environments">The environment folders, the one read last first.</param>
internal sealed class ConfigLocations(string projectPath, string confSource, IReadOnlyList<string> environments)
{
    private static readonly string[] Extensions = [".yml", ".yaml", ".json"];

    /// <summary>Where <paramref name="path"/> (dotted) is declared: <c>'conf/base/parameters.yml', line 3</c>, or <see langword="null"/>.</summary>
    /// <param name="configKey">The configuration the key belongs to: <c>parameters</c> or <c>catalog</c>.</param>
    /// <param name="path">The key; nested keys joined with dots.</param>
    public string? Locate(string configKey, string path) => Locate(configKey, path.Split('.'));

    /// <summary>Where the key <paramref name="keys"/> (outermost first) is declared, or <see langword="null"/>.</summary>
    public string? Locate(string configKey, string[] keys)
    {
        foreach (var file in Files(relative => relative.Split('/').Any(part => part.StartsWith(configKey, StringComparison.Ordinal))))
        {
            var line = LineOf(File.ReadAllLines(file), keys);
            if (line > 0)
            {
                return $"'{Shown(file)}', line {line}";
            }
        }

        return null;
    }

    /// <summary>Whether a configuration file reads <paramref name="path"/> with <c>${runtime_params:path}</c>.</summary>
    public bool Interpolates(string path)
    {
        var pattern = new Regex(@"\$\{\s*runtime_params\s*:\s*" + Regex.Escape(path) + @"\s*[,}]", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return Files(static _ => true).Any(file => pattern.IsMatch(File.ReadAllText(file)));
    }

    private IEnumerable<string> Files(Func<string, bool> include)
    {
        if (confSource.Contains("://", StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (var environment in environments)
        {
            var folder = Path.Combine(confSource, environment);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase)
                    && include(Path.GetRelativePath(folder, file).Replace('\\', '/')))
                {
                    yield return file;
                }
            }
        }
    }

    /// <summary>The 1-based line of the last key of <paramref name="keys"/>, each nested (indented) under the one before; 0 when not found.</summary>
    private static int LineOf(string[] lines, string[] keys)
    {
        var indent = -1;
        var start = 0;
        foreach (var key in keys)
        {
            var found = -1;
            var pattern = new Regex(@"^(\s*)[""']?" + Regex.Escape(key) + @"[""']?\s*:", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            for (var i = start; i < lines.Length; i++)
            {
                var text = lines[i];
                if (text.Trim().Length == 0 || text.TrimStart().StartsWith('#'))
                {
                    continue;
                }

                var own = text.Length - text.TrimStart().Length;
                if (indent >= 0 && own <= indent)
                {
                    break;
                }

                var match = pattern.Match(text);
                if (match.Success && (indent < 0 ? own == 0 : own > indent))
                {
                    found = i;
                    indent = own;
                    break;
                }
            }

            if (found < 0)
            {
                return 0;
            }

            start = found + 1;
        }

        return start;
    }

    private string Shown(string file)
    {
        var relative = Path.GetRelativePath(projectPath, file);
        return (relative.StartsWith("..", StringComparison.Ordinal) ? file : relative).Replace('\\', '/');
    }
}
