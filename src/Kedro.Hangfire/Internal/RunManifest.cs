using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kedro.WorkerProcesses.Protocol;

namespace Kedro.Hangfire.Internal;

/// <summary>
/// What a worker needs to re-create a distributed run's project as the driver has it (<c>run.json</c> in the run
/// folder): the pipelines, the configuration environment and source, the runtime parameters and the load versions. The
/// run id itself is the save version. Written atomically by the driver before its first job; never holds a credential.
/// </summary>
internal sealed record RunManifest
{
    /// <summary>The manifest format; a worker refuses a manifest of another format.</summary>
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")]
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The run id: the driver's session id, also the save version of versioned datasets.</summary>
    [JsonPropertyName("run_id")]
    public required string RunId { get; init; }

    /// <summary>The registered pipelines the run combines, in order (<c>__default__</c> when none was named).</summary>
    [JsonPropertyName("pipelines")]
    public required IReadOnlyList<string> Pipelines { get; init; }

    /// <summary>The configuration environment given to the driver's session, or <see langword="null"/> for the default.</summary>
    [JsonPropertyName("env")]
    public string? Env { get; init; }

    /// <summary>
    /// The configuration source given to the driver's session, or <see langword="null"/> for the project's own
    /// <c>conf</c> folder (each worker then reads its own copy of the project's configuration).
    /// </summary>
    [JsonPropertyName("conf_source")]
    public string? ConfSource { get; init; }

    /// <summary>The runtime parameters (<c>--params</c>) as configuration JSON.</summary>
    [JsonPropertyName("runtime_params")]
    public required JsonElement RuntimeParamsJson { get; init; }

    /// <summary>Dataset names mapped to the version to load.</summary>
    [JsonPropertyName("load_versions")]
    public required IReadOnlyDictionary<string, string> LoadVersions { get; init; }

    /// <summary>Whether nodes load their inputs and save their outputs concurrently.</summary>
    [JsonPropertyName("is_async")]
    public bool IsAsync { get; init; }

    /// <summary>The runtime parameters as the configuration loader takes them.</summary>
    [JsonIgnore]
    public Dictionary<string, object?> RuntimeParams => ConfigJson.Read(RuntimeParamsJson.GetRawText());

    /// <summary>The manifest of a run.</summary>
    /// <exception cref="ArgumentException">A runtime parameter is not plain configuration (text, numbers, booleans, lists, mappings).</exception>
    public static RunManifest Create(
        string runId,
        IReadOnlyList<string> pipelines,
        string? env,
        string? confSource,
        IReadOnlyDictionary<string, object?> runtimeParams,
        IReadOnlyDictionary<string, string> loadVersions,
        bool isAsync)
    {
        var json = ConfigJson.TryWrite(runtimeParams) ?? throw new ArgumentException(
            "A runtime parameter holds a value that is not plain configuration (text, numbers, booleans, lists and mappings), so it cannot reach a worker.",
            nameof(runtimeParams));
        using var document = JsonDocument.Parse(json);
        return new RunManifest
        {
            RunId = runId,
            Pipelines = pipelines,
            Env = env,
            ConfSource = confSource,
            RuntimeParamsJson = document.RootElement.Clone(),
            LoadVersions = loadVersions,
            IsAsync = isAsync,
        };
    }

    /// <summary>
    /// Creates the run folder with its data folder and writes <c>run.json</c> into it atomically (a reader sees the whole
    /// file or none). Saves of intermediate data never create folders, so nothing recreates a run folder once the run
    /// has removed it.
    /// </summary>
    public void Write(string runFolder)
    {
        Directory.CreateDirectory(Path.Combine(runFolder, RunFolder.DataFolderName));
        var path = Path.Combine(runFolder, RunFolder.ManifestFileName);
        var temp = Path.Combine(runFolder, $".{RunFolder.ManifestFileName}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(this));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads the manifest of the run folder.</summary>
    /// <exception cref="InvalidOperationException">There is no manifest, or it cannot be read; the message names the file.</exception>
    public static RunManifest Read(string runFolder)
    {
        var path = Path.Combine(runFolder, RunFolder.ManifestFileName);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidOperationException(
                $"The run's manifest '{path}' does not exist. The worker must see the driver's shared folder at the same path: the driver's shared_root (hangfire.yml or --runner-params shared_root=...) must be a folder every machine mounts at that path. The run may also have ended already (its folder is removed at the end of a run).",
                e);
        }

        RunManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<RunManifest>(bytes);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The run's manifest '{path}' is not valid: {e.Message}", e);
        }

        if (manifest is null || manifest.Version != CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The run's manifest '{path}' has format {manifest?.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}; this worker reads format {CurrentVersion}. Run the same Kedro.NET version on the driver and the workers.");
        }

        return manifest;
    }

    /// <inheritdoc/>
    public override string ToString() => Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(this));
}
