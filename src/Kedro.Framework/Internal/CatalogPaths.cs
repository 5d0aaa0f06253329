using System.Text.RegularExpressions;

namespace Kedro.Framework.Internal;

/// <summary>
/// Makes the relative local paths of catalog entries absolute against the project folder (Kedro's
/// <c>_convert_paths_to_absolute_posix</c>): string values of <c>filepath</c>, <c>filename</c> and <c>path</c>, in
/// nested mappings too (not inside lists), with forward slashes; URLs and absolute paths are kept.
/// </summary>
internal static partial class CatalogPaths
{
    private static readonly string[] PathKeys = ["filepath", "filename", "path"];

    public static void MakeAbsolute(Dictionary<string, object?> config, string projectPath)
    {
        if (!IsAbsoluteProjectPath(projectPath))
        {
            throw FrameworkErrors.ProjectPathNotAbsolute(projectPath, nameof(projectPath));
        }

        var root = projectPath.Replace('\\', '/').TrimEnd('/');
        Convert(config, root);
    }

    public static bool IsRelativePath(string path)
    {
        if (DriveRegex().IsMatch(path))
        {
            return false;
        }

        if (SchemeRegex().IsMatch(path))
        {
            return false;
        }

        return !path.StartsWith('/');
    }

    private static bool IsAbsoluteProjectPath(string path) => DriveRegex().IsMatch(path) || path.StartsWith('/') || Path.IsPathFullyQualified(path);

    private static void Convert(Dictionary<string, object?> config, string root)
    {
        foreach (var key in config.Keys.ToList())
        {
            var value = config[key];
            if (value is Dictionary<string, object?> nested)
            {
                Convert(nested, root);
                continue;
            }

            if (value is not string text || !PathKeys.Contains(key, StringComparer.Ordinal))
            {
                continue;
            }

            if (IsRelativePath(text))
            {
                var relative = text.StartsWith("./", StringComparison.Ordinal) ? text[2..] : text;
                config[key] = root + "/" + relative;
            }
            else if (DriveRegex().IsMatch(text))
            {
                config[key] = text.Replace('\\', '/');
            }
        }
    }

    [GeneratedRegex(@"^[A-Za-z]:")]
    private static partial Regex DriveRegex();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]+:")]
    private static partial Regex SchemeRegex();
}
