using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kedro.Hangfire.Internal;

/// <summary>How a node's job ended, as a worker tells the driver.</summary>
internal enum NodeJobOutcome
{
    /// <summary>The node ran and its outputs are saved.</summary>
    Completed,

    /// <summary>The node failed and has no retry left; its error is the job parameter <see cref="NodeNotification.ErrorParameter"/>.</summary>
    Failed,

    /// <summary>The job was deleted (the run was cancelled) while the node ran.</summary>
    Cancelled,
}

/// <summary>
/// The message a worker sends on PostgreSQL channel <see cref="Channel"/> when a node's job ends for good, so the driver
/// learns it within milliseconds instead of polling Hangfire's tables. The driver still reads the job's state now and
/// then, so a lost notification only delays the run.
/// </summary>
internal sealed record NodeNotification(
    [property: JsonPropertyName("run")] string RunId,
    [property: JsonPropertyName("node")] string Node,
    [property: JsonPropertyName("job")] string JobId,
    [property: JsonPropertyName("outcome")] NodeJobOutcome Outcome)
{
    /// <summary>The PostgreSQL channel (<c>LISTEN kedro_runs</c>).</summary>
    public const string Channel = "kedro_runs";

    /// <summary>The job parameter holding the retries a node's job may make (an integer).</summary>
    public const string RetriesParameter = "kedro_retries";

    /// <summary>
    /// The job parameter holding the driver's shared root (an absolute path): where the run's folder is, so that
    /// <c>--runner-params shared_root=...</c> reaches the workers. Without it a worker uses its own configured shared root.
    /// </summary>
    public const string SharedRootParameter = "kedro_shared_root";

    /// <summary>The job parameter counting the retries made so far (an integer).</summary>
    public const string AttemptParameter = "kedro_attempt";

    /// <summary>The job parameter holding a failed node's error (Kedro.Parallel's error message as JSON).</summary>
    public const string ErrorParameter = "kedro_error";

    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The payload of <c>pg_notify</c>: well under PostgreSQL's 8000-byte limit.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>
    /// A job parameter's text as it was given: Hangfire stores parameters as JSON, so a text arrives as a JSON string,
    /// or as it is when it was written raw. <see langword="null"/> when empty.
    /// </summary>
    /// <exception cref="JsonException">The parameter starts as a JSON string but is not one.</exception>
    public static string? ParameterText(string? raw) =>
        string.IsNullOrWhiteSpace(raw) ? null
        : raw.TrimStart().StartsWith('"') ? JsonSerializer.Deserialize<string>(raw)
        : raw;

    /// <summary>Reads a payload; <see langword="null"/> when it is not one of ours (another program on the channel).</summary>
    public static NodeNotification? TryParse(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<NodeNotification>(payload, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
