using System.Reflection;

namespace Kedro.Cli.Internal;

/// <summary>Finds the project folder: given, else the current directory with a configuration folder, else the entry assembly's metadata.</summary>
internal static class ProjectLocator
{
    public const string MetadataKey = "KedroProjectPath";

    /// <exception cref="KedroCliException">No project folder can be found.</exception>
    public static string Locate(string? given, string confSource, Assembly? entryAssembly)
    {
        if (given is not null)
        {
            return Directory.Exists(given) ? given : throw CliErrors.ProjectPathMissing(given);
        }

        var current = Directory.GetCurrentDirectory();
        if (Path.IsPathRooted(confSource) || Directory.Exists(Path.Combine(current, confSource)))
        {
            return current;
        }

        var fromMetadata = entryAssembly?.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(static a => a.Key == MetadataKey)?.Value;
        if (!string.IsNullOrEmpty(fromMetadata))
        {
            return Directory.Exists(fromMetadata) ? Path.GetFullPath(fromMetadata) : throw CliErrors.ProjectPathMissing(fromMetadata);
        }

        throw CliErrors.ProjectNotFound(current, confSource);
    }
}
