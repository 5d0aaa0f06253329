using System.Text.RegularExpressions;
using Kedro.Config;

namespace Kedro.Framework.Internal;

/// <summary>
/// Finds where a key is written in a project's configuration folder, for messages: the file and line where the
/// configuration loader read it (<see cref="OmegaConfigLoader.Locate"/>), and whether any file reads a runtime parameter
/// as <c>${runtime_params:...}</c>.
/// </summary>
/// <param name="projectPath">The project folder; paths are shown relative to it.</param>
/// <param name="loader">The project's configuration loader.</param>
internal sealed class ConfigLocations(string projectPath, OmegaConfigLoader loader)
{
    private static readonly string[] Extensions = [".yml", ".yaml", ".json"];

    /// <summary>Where <paramref name="path"/> (dotted) is declared: <c>'conf/base/parameters.yml', line 3</c>, or <see langword="null"/>.</summary>
    /// <param name="configKey">The configuration the key belongs to: <c>parameters</c> or <c>catalog</c>.</param>
    /// <param name="path">The key; nested keys joined with dots.</param>
    public string? Locate(string configKey, string path) => Locate(configKey, path.Split('.'));

    /// <summary>Where the key <paramref name="keys"/> (outermost first) is declared, or <see langword="null"/>.</summary>
    public string? Locate(string configKey, string[] keys) =>
        loader.Locate(configKey, keys) is { } location ? $"'{Shown(location.File)}', line {location.Line}" : null;

    /// <summary>Whether a configuration file reads <paramref name="path"/> with <c>${runtime_params:path}</c>.</summary>
    public bool Interpolates(string path)
    {
        var pattern = new Regex(@"\$\{\s*runtime_params\s*:\s*" + Regex.Escape(path) + @"\s*[,}]", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return Files().Any(file => pattern.IsMatch(File.ReadAllText(file)));
    }

    private IEnumerable<string> Files()
    {
        if (loader.ConfSource.Contains("://", StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (var environment in loader.Env == loader.BaseEnv ? [loader.BaseEnv] : new[] { loader.Env, loader.BaseEnv })
        {
            var folder = Path.Combine(loader.ConfSource, environment);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                {
                    yield return file;
                }
            }
        }
    }

    private string Shown(string file)
    {
        var relative = Path.GetRelativePath(projectPath, file);
        return (relative.StartsWith("..", StringComparison.Ordinal) ? file : relative).Replace('\\', '/');
    }
}
