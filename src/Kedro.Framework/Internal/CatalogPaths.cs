using System.Text.RegularExpressions;

namespace Kedro.Framework.Internal;

/// <summary>
/// Makes the relative local paths of catalog entries absolute against the project folder (Kedro's
/// <c>_convert_paths_to_absolute_posix</c>): string values of <c>filepath</c>, <c>filename</c> and <c>path</c>, in
/// nested mappings too (not inside lists), with forward slashes; URLs and absolute paths are kept. Kedro.NET also
/// resolves the relative database file of a SQLite or DuckDB connection URL (<c>con: sqlite:///data/x.db</c>) against
/// the project folder, in the catalog and in the credentials, so a run does not depend on the current directory there
/// either (Kedro leaves it to the current directory, which its CLI requires to be the project).
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

    /// <summary>
    /// Rewrites every <c>con</c> value that is a SQLite or DuckDB URL with a relative file (<c>sqlite:///data/x.db</c>,
    /// <c>duckdb:///x.duckdb</c>) to the absolute form (<c>sqlite:////project/data/x.db</c>), in nested mappings too (not
    /// inside lists). Absolute files (<c>sqlite:////x.db</c>, <c>sqlite:///C:/x.db</c>), in-memory databases, other URLs
    /// and ADO.NET connection strings are kept.
    /// </summary>
    public static void MakeDatabaseFilesAbsolute(Dictionary<string, object?> config, string projectPath)
    {
        if (!IsAbsoluteProjectPath(projectPath))
        {
            throw FrameworkErrors.ProjectPathNotAbsolute(projectPath, nameof(projectPath));
        }

        ConvertConnections(config, projectPath.Replace('\\', '/').TrimEnd('/'));
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

    private static void ConvertConnections(Dictionary<string, object?> config, string root)
    {
        foreach (var key in config.Keys.ToList())
        {
            var value = config[key];
            if (value is Dictionary<string, object?> nested)
            {
                ConvertConnections(nested, root);
            }
            else if (key == "con" && value is string text && FileUrlRegex().Match(text) is { Success: true } match)
            {
                var file = match.Groups["file"].Value;
                if (file.Length > 0 && file != ":memory:" && IsRelativePath(file))
                {
                    var relative = file.StartsWith("./", StringComparison.Ordinal) ? file[2..] : file;
                    config[key] = match.Groups["scheme"].Value + ":///" + root + "/" + relative;
                }
            }
        }
    }

    [GeneratedRegex(@"^(?<scheme>(?i:sqlite|duckdb)(\+[A-Za-z0-9_]+)?):///(?<file>.*)$", RegexOptions.Singleline)]
    private static partial Regex FileUrlRegex();

    [GeneratedRegex(@"^[A-Za-z]:")]
    private static partial Regex DriveRegex();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]+:")]
    private static partial Regex SchemeRegex();
}
