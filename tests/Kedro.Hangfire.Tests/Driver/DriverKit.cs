using Kedro.Framework;
using Kedro.Hangfire.Internal;
using Kedro.Pipelines;

namespace Kedro.Hangfire.Tests.Driver;

/// <summary>What the driver tests share: a run as a session would describe it.</summary>
internal static class DriverKit
{
    public const string RunId = "2026-12-06T15.04.05.123Z";

    public static RunOrigin Origin(TempFolder project, IReadOnlyDictionary<string, Pipeline> pipelines, params string[] names) =>
        new(
            RunId,
            project.Path,
            Path.Combine(project.Path, "conf"),
            Env: null,
            new Dictionary<string, object?>(StringComparer.Ordinal),
            names.Length == 0 ? [PipelineRegistry.DefaultPipelineName] : names,
            new Dictionary<string, string>(StringComparer.Ordinal),
            new ProjectSettings { Pipelines = new PipelineRegistry(() => pipelines) });

    public static object? Identity(object? x) => x;

    public static Node N(string name, string input, string output) => Node.Create(Identity, input, output, name: name);
}
