using Kedro.IO;

namespace Kedro.Framework.Internal;

/// <summary>Creates the exceptions of the framework layer with their messages, in Kedro's wording where Kedro has one.</summary>
internal static class FrameworkErrors
{
    public static KedroSessionException RunAlreadyCompleted() =>
        new("A run has already been completed as part of the active KedroSession. KedroSession has a 1-1 mapping with runs, and thus only one run should be executed per session.");

    public static InvalidOperationException RegistryReturnedNull() =>
        new("The pipeline registration function returned null. It must return the pipelines by name, with '__default__' for the default pipeline.");

    public static InvalidOperationException RegisteredPipelineNull(string name) =>
        new($"The pipeline registered as '{name}' is null. Register a Pipeline instance under that name or remove it from the registry.");

    public static ArgumentException PipelineNotFound(string name, IEnumerable<string> available)
    {
        var matches = CloseMatches.Find(name, available);
        var suggestion = matches.Count == 0
            ? string.Empty
            : "Did you mean one of these instead?\n" + string.Join('\n', matches.Select(static m => "    " + m));
        return new($"Failed to find the pipeline named '{name}'. It needs to be generated and returned by the 'register_pipelines' function. {suggestion}");
    }

    public static ArgumentException ProjectPathNotAbsolute(string path, string parameterName) =>
        new($"project_path must be an absolute path. Received: {path}", parameterName);

    public static KedroSessionException RuntimeParamMismatchesNode(
        string path, object? value, string expected, string node, string input, Type declared, string? reason) =>
        new($"Invalid value for {path}: {RuntimeParamsCheck.Display(value)}. Expected {expected}, as node '{node}' declares for " +
            $"'{input}' ({TypeNames.Of(declared)}){(reason is null ? string.Empty : ": " + reason.TrimEnd('.'))}. " +
            "Correct the value given with '--params'; no node has run.");

    public static KedroSessionException RuntimeParamMismatchesFile(string path, object? value, string expected, string declared, string location) =>
        new($"Invalid value for {path}: {RuntimeParamsCheck.Display(value)}. Expected {expected}, like '{declared}' in {location}. " +
            "Correct the value given with '--params'; no node has run.");

    /// <summary>Kedro's close-match suggestion, as a sentence to append to a log line, or nothing.</summary>
    public static string Suggestion(IReadOnlyList<string> matches) => matches.Count switch
    {
        0 => string.Empty,
        1 => $" Did you mean '{matches[0]}'?",
        _ => $" Did you mean one of these: {string.Join(", ", matches.Select(static m => "'" + m + "'"))}?",
    };

    /// <summary>A catalog error with the file and line of the catalog entry it is about.</summary>
    public static DatasetException WithCatalogLocation(DatasetException error, string location) =>
        new($"{Sentences.Of(error.Message)} The entry is in {location}.", error);
}
