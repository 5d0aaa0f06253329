using Kedro.IO.Internal;
using Kedro.Pipelines.Internal;

namespace Kedro.Framework.Internal;

/// <summary>Every message of the framework layer, in Kedro's wording where Kedro has one.</summary>
internal static class FrameworkMessages
{
    public const string RunAlreadyCompleted =
        "A run has already been completed as part of the active KedroSession. KedroSession has a 1-1 mapping with runs, and thus only one run should be executed per session.";

    public const string RegistryReturnedNull =
        "The pipeline registration function returned null. It must return the pipelines by name, with '__default__' for the default pipeline.";

    public const string SessionDisposed = "The KedroSession has been disposed. Create a new session with 'KedroSession.Create'.";

    public static string RegisteredPipelineNull(string name) =>
        $"The pipeline registered as '{name}' is null. Register a Pipeline instance under that name or remove it from the registry.";

    public static string PipelineNotFound(string name, IEnumerable<string> available)
    {
        var matches = PipelineCloseMatches.Find(name, available);
        var suggestion = matches.Count == 0
            ? string.Empty
            : "Did you mean one of these instead?\n" + string.Join('\n', matches.Select(static m => "    " + m));
        return $"Failed to find the pipeline named '{name}'. It needs to be generated and returned by the 'register_pipelines' function. {suggestion}";
    }

    public static string ProjectPathNotAbsolute(string path) => $"project_path must be an absolute path. Received: {path}";

    public static string RuntimeParamMismatchesNode(
        string path, object? value, string expected, string node, string input, Type declared, string? reason) =>
        $"Invalid value for {path}: {RuntimeParamsCheck.Display(value)}. Expected {expected}, as node '{node}' declares for " +
        $"'{input}' ({declared.Name}){(reason is null ? string.Empty : ": " + reason.TrimEnd('.'))}. " +
        "Correct the value given with '--params'; no node has run.";

    public static string RuntimeParamMismatchesFile(string path, object? value, string expected, string declared, string location) =>
        $"Invalid value for {path}: {RuntimeParamsCheck.Display(value)}. Expected {expected}, like '{declared}' in {location}. " +
        "Correct the value given with '--params'; no node has run.";

    /// <summary>Kedro's close-match suggestion, as a sentence to append, or nothing.</summary>
    public static string Suggestion(IReadOnlyList<string> matches) => matches.Count switch
    {
        0 => string.Empty,
        1 => $" Did you mean '{matches[0]}'?",
        _ => $" Did you mean one of these: {string.Join(", ", matches.Select(static m => "'" + m + "'"))}?",
    };

    public static string WithCatalogLocation(string message, string location) =>
        $"{CatalogMessages.Sentence(message)} The entry is in {location}.";
}
