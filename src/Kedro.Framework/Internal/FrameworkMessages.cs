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
}
