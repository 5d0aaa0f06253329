using Kedro.Framework;
using Kedro.Hangfire.Internal;
using Kedro.Pipelines;

namespace Kedro.Hangfire.Tests.Driver;

/// <summary>What the driver tests share: a run as a session would describe it.</summary>
internal static class DriverKit
{
    public const string RunId = "2026-12-06T15.04.05.123Z";

    public static RunOrigin Origin(TempFolder project, IReadOnlyDictionary<string, Pipeline> pipelines, params string[] names)
    {
        var settings = new ProjectSettings { Pipelines = new PipelineRegistry(() => pipelines) };
        using var session = KedroSession.Create(settings, project.Path);
        return new(
            RunId,
            project.Path,
            Path.Combine(project.Path, "conf"),
            Env: null,
            new Dictionary<string, object?>(StringComparer.Ordinal),
            names.Length == 0 ? [PipelineRegistry.DefaultPipelineName] : names,
            new Dictionary<string, string>(StringComparer.Ordinal),
            settings,
            session.LoadContext());
    }

    public static object? Identity(object? x) => x;

    public static Node N(string name, string input, string output) => Node.Create(Identity, input, output, name: name);
}
