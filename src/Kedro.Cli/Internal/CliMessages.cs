namespace Kedro.Cli.Internal;

/// <summary>Every message of the command line, in Kedro's wording where Kedro has one.</summary>
internal static class CliMessages
{
    public const string PipelineAndPipelines = "Options '--pipeline' and '--pipelines' cannot be used together";

    public const string Aborted = "Aborted!";

    public const string AsyncAndIsAsyncFalse = "Options '--async' and '--runner-params=is_async=False' cannot be used together.";

    public static string BadMaxWorkers(object? value) =>
        $"Invalid value of `runner_params` option: 'max_workers' must be a positive whole number, not '{value}'.";

    public static string UnknownRunnerParameter(string key) =>
        $"Invalid value of `runner_params` option: unknown runner parameter '{key}'. Use 'max_workers' or 'is_async'.";

    public static string ItemWithoutEquals(string option, string item) =>
        $"Invalid format of `{option}` option: Item `{item}` must contain a key and a value separated by `=`.";

    public static string EmptyKey(string option) => $"Invalid format of `{option}` option: Parameter key cannot be an empty string.";

    public static string LoadVersionForm(string item) =>
        $"Expected the form of 'load_versions' to be 'dataset_name:YYYY-MM-DDThh.mm.ss.sssZ',found {item} instead";

    public static string UnsafeVersion(string version) =>
        $"Version string '{version}' is not allowed. Version strings must be a single non-empty path component with no path separators ('/' or '\\') and must not be '.' or '..'.";

    public static string ConfSourceMissing(string value) => $"Invalid value for '--conf-source': Path '{value}' does not exist.";

    public static string UnknownRunner(string name, IEnumerable<string> known) =>
        $"Runner '{name}' is not known. Use one of: {string.Join(", ", known)}.";

    public static string ProjectNotFound(string directory, string confSource) =>
        $"Could not find a Kedro project: the current directory '{directory}' has no '{confSource}' folder and the program " +
        "sets no 'KedroProjectPath' assembly metadata. Run the command from the project folder, or add " +
        "<AssemblyMetadata Include=\"KedroProjectPath\" Value=\"$(MSBuildProjectDirectory)\" /> to the project file.";

    public static string ProjectPathMissing(string path) =>
        $"The project folder '{path}' does not exist. Check the path given to 'WithProjectPath' or the 'KedroProjectPath' assembly metadata.";

    public static string PipelineNotFoundForCatalog(string name, IEnumerable<string> existing) =>
        $"'{name}' pipeline not found! Existing pipelines: {string.Join(", ", existing.Order(StringComparer.Ordinal))}";

    public static string PipelineNotFoundForRegistry(string name, IEnumerable<string> existing) =>
        $"'{name}' pipeline not found. Existing pipelines: [{string.Join(", ", existing.Order(StringComparer.Ordinal))}]";

    /// <summary>click's <c>No such option</c>: one close match is suggested, several are listed, sorted.</summary>
    public static string NoSuchOption(string name, IReadOnlyList<string> matches) => matches.Count switch
    {
        0 => $"No such option: {name}",
        1 => $"No such option: {name} Did you mean {matches[0]}?",
        _ => $"No such option: {name} (Possible options: {string.Join(", ", matches.Order(StringComparer.Ordinal))})",
    };

    /// <summary>click's <c>No such command</c> with Kedro's suggestion of close command names.</summary>
    public static string NoSuchCommand(string name, IReadOnlyList<string> matches) => matches.Count switch
    {
        0 => $"No such command '{name}'.",
        1 => $"No such command '{name}'.\n\nDid you mean this?\n    {matches[0]}",
        _ => $"No such command '{name}'.\n\nDid you mean one of these?\n{string.Join('\n', matches.Select(static m => "    " + m))}",
    };

    /// <summary>click's message for arguments a command does not take.</summary>
    public static string UnexpectedArguments(IReadOnlyList<string> arguments) => arguments.Count == 1
        ? $"Got unexpected extra argument ({arguments[0]})"
        : $"Got unexpected extra arguments ({string.Join(' ', arguments)})";
}
