
namespace Kedro.Cli.Internal;

/// <summary>Creates the command line's exceptions with their messages, in Kedro's wording where Kedro has one.</summary>
internal static class CliErrors
{
    /// <summary>click's line when the user interrupts a command.</summary>
    public const string Aborted = "Aborted!";

    public static KedroCliException PipelineAndPipelines() => new("Options '--pipeline' and '--pipelines' cannot be used together");

    public static KedroCliException AsyncAndIsAsyncFalse() =>
        new("Options '--async' and '--runner-params=is_async=False' cannot be used together.");

    public static CliUsageException BadMaxWorkers(object? value) =>
        new($"Invalid value of `runner_params` option: 'max_workers' must be a positive whole number, not '{value}'.");

    public static CliUsageException UnknownRunnerParameter(string key, IEnumerable<string>? accepted = null) =>
        new($"Invalid value of `runner_params` option: unknown runner parameter '{key}'. Use 'max_workers' or 'is_async'"
            + (accepted?.Any() == true ? $", or one this runner accepts: {string.Join(", ", accepted.Order(StringComparer.Ordinal).Select(static k => "'" + k + "'"))}." : "."));

    public static CliUsageException BadRunnerParameter(string key, string value) =>
        new($"Invalid value of `runner_params` option: '{key}' must be a whole number of at least 0, not '{value}'.");

    public static CliUsageException ItemWithoutEquals(string option, string item) =>
        new($"Invalid format of `{option}` option: Item `{item}` must contain a key and a value separated by `=`.");

    public static CliUsageException EmptyKey(string option) => new($"Invalid format of `{option}` option: Parameter key cannot be an empty string.");

    public static KedroCliException LoadVersionForm(string item) =>
        new($"Expected the form of 'load_versions' to be 'dataset_name:YYYY-MM-DDThh.mm.ss.sssZ',found {item} instead");

    public static KedroCliException UnsafeVersion(string version) => new(DatasetFailureText.UnsafeVersion(version));

    public static CliUsageException ConfSourceMissing(string value) => new($"Invalid value for '--conf-source': Path '{value}' does not exist.");

    public static CliUsageException UnknownRunner(string name, IEnumerable<string> known) =>
        new($"Runner '{name}' is not known. Use one of: {string.Join(", ", known)}.");

    public static KedroCliException ProjectNotFound(string directory, string confSource) =>
        new($"Could not find a Kedro project: the current directory '{directory}' has no '{confSource}' folder and the program " +
            "sets no 'KedroProjectPath' assembly metadata. Run the command from the project folder, or add " +
            "<AssemblyMetadata Include=\"KedroProjectPath\" Value=\"$(MSBuildProjectDirectory)\" /> to the project file.");

    public static KedroCliException ProjectPathMissing(string path) =>
        new($"The project folder '{path}' does not exist. Check the path given to 'WithProjectPath' or the 'KedroProjectPath' assembly metadata.");

    public static KedroCliException PipelineNotFoundForCatalog(string name, IEnumerable<string> existing) =>
        new($"'{name}' pipeline not found! Existing pipelines: {string.Join(", ", existing.Order(StringComparer.Ordinal))}");

    public static KedroCliException PipelineNotFoundForRegistry(string name, IEnumerable<string> existing) =>
        new($"'{name}' pipeline not found. Existing pipelines: [{string.Join(", ", existing.Order(StringComparer.Ordinal))}]");
}
