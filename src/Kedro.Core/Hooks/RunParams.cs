namespace Kedro.Hooks;

/// <summary>
/// What a run was asked to do, as passed to the pipeline hooks (Kedro's <c>run_params</c>, same keys).
/// </summary>
public sealed record RunParams
{
    /// <summary>The run's id (the session id).</summary>
    public string? RunId { get; init; }

    /// <summary>The project's folder, with forward slashes.</summary>
    public string? ProjectPath { get; init; }

    /// <summary>The configuration environment given, or <see langword="null"/> for the default.</summary>
    public string? Env { get; init; }

    /// <summary>The version of Kedro.NET that ran.</summary>
    public string? KedroVersion { get; init; }

    /// <summary>The <c>--tags</c> filter.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The <c>--from-nodes</c> filter.</summary>
    public IReadOnlyList<string>? FromNodes { get; init; }

    /// <summary>The <c>--to-nodes</c> filter.</summary>
    public IReadOnlyList<string>? ToNodes { get; init; }

    /// <summary>The <c>--nodes</c> filter.</summary>
    public IReadOnlyList<string>? NodeNames { get; init; }

    /// <summary>The <c>--from-inputs</c> filter.</summary>
    public IReadOnlyList<string>? FromInputs { get; init; }

    /// <summary>The <c>--to-outputs</c> filter.</summary>
    public IReadOnlyList<string>? ToOutputs { get; init; }

    /// <summary>Dataset names mapped to the versions to load.</summary>
    public IReadOnlyDictionary<string, string>? LoadVersions { get; init; }

    /// <summary>The runtime parameters (<c>--params</c>).</summary>
    public IReadOnlyDictionary<string, object?> RuntimeParams { get; init; } = new Dictionary<string, object?>();

    /// <summary>The pipelines run, or <see langword="null"/> for the default one.</summary>
    public IReadOnlyList<string>? PipelineNames { get; init; }

    /// <summary>The <c>--namespaces</c> filter.</summary>
    public IReadOnlyList<string>? Namespaces { get; init; }

    /// <summary>The runner's type name, e.g. <c>SequentialRunner</c>.</summary>
    public string? Runner { get; init; }

    /// <summary>Whether only nodes with missing outputs ran.</summary>
    public bool OnlyMissingOutputs { get; init; }

    /// <summary>The parameters under Kedro's <c>run_params</c> keys (<c>run_id</c>, <c>project_path</c>, ...).</summary>
    /// <returns>A new dictionary with every key, in Kedro's order.</returns>
    public IReadOnlyDictionary<string, object?> ToDictionary() => new Dictionary<string, object?>
    {
        ["run_id"] = RunId,
        ["project_path"] = ProjectPath,
        ["env"] = Env,
        ["kedro_version"] = KedroVersion,
        ["tags"] = Tags,
        ["from_nodes"] = FromNodes,
        ["to_nodes"] = ToNodes,
        ["node_names"] = NodeNames,
        ["from_inputs"] = FromInputs,
        ["to_outputs"] = ToOutputs,
        ["load_versions"] = LoadVersions,
        ["runtime_params"] = RuntimeParams,
        ["pipeline_names"] = PipelineNames,
        ["namespaces"] = Namespaces,
        ["runner"] = Runner,
        ["only_missing_outputs"] = OnlyMissingOutputs,
    };
}
