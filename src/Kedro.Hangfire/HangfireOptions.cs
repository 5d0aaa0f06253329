using System.Globalization;
using System.Text.RegularExpressions;
using Kedro.Config;
using Kedro.Framework;

namespace Kedro.Hangfire;

/// <summary>
/// How <c>HangfireRunner</c> and the <c>worker</c> command reach Hangfire and run nodes: the PostgreSQL
/// connection, the queue, the shared folder of a run's intermediate data, retries and timeouts. In a project the values
/// come from <c>conf/&lt;env&gt;/hangfire.yml</c> (<see cref="FromConfiguration"/>), the connection string from
/// <see cref="ConnectionVariable"/> or the credentials, and <c>--runner-params</c> or the worker's options override them.
/// </summary>
public sealed partial class HangfireOptions
{
    /// <summary>The environment variable holding the PostgreSQL connection string; it wins over the credentials.</summary>
    public const string ConnectionVariable = "KEDRO_HANGFIRE_CONNECTION";

    /// <summary>The credentials entry holding the connection string as <c>connection</c>: <c>hangfire: {connection: "..."}</c>.</summary>
    public const string CredentialsKey = "hangfire";

    /// <summary>The configuration key of <c>hangfire.yml</c> (file patterns <c>hangfire*</c> and <c>hangfire*/**</c>).</summary>
    public const string ConfigKey = "hangfire";

    /// <summary>The configuration file patterns of <see cref="ConfigKey"/>.</summary>
    public static IReadOnlyList<string> ConfigPatterns { get; } = ["hangfire*", "hangfire*/**"];

    private static readonly string[] Keys =
        ["queue", "schema", "shared_root", "retries", "node_retries", "retry_delay", "invisibility_timeout", "poll_interval", "workers", "max_workers"];

    /// <summary>
    /// The PostgreSQL connection string in Npgsql's form (<c>Host=...;Port=...;Username=...;Password=...;Database=...</c>);
    /// never logged.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The Hangfire queue the driver enqueues nodes on and the workers take them from: <c>kedro</c> by default.</summary>
    public string Queue { get; set; } = "kedro";

    /// <summary>The PostgreSQL schema of Hangfire's tables: <c>hangfire</c> by default.</summary>
    public string Schema { get; set; } = "hangfire";

    /// <summary>
    /// The folder every driver and worker reaches at the same path, holding each run's intermediate data under
    /// <c>{SharedRoot}/{run id}/</c>; relative to the project folder. <c>data/.runs</c> by default.
    /// </summary>
    public string SharedRoot { get; set; } = "data/.runs";

    /// <summary>How many times a failed node is run again before the run fails (Kedro's default: 0).</summary>
    public int Retries { get; set; }

    /// <summary>Retries of particular nodes by node name, overriding <see cref="Retries"/>.</summary>
    public IDictionary<string, int> NodeRetries { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>The wait before the first retry, doubled for each later one: one second by default.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a node's job stays invisible to other workers without a sign of life from the worker running it: when a
    /// worker dies (a machine lost, <c>kill -9</c>), its nodes run again elsewhere after this time. The worker renews it
    /// while the node runs, so a long node is never taken away. Ten seconds by default.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a waiting worker looks for new jobs: each of its threads asks the database this often, so it bounds how
    /// long a ready node waits for a worker. 50 ms by default (Hangfire's smallest); raise it to lower the database's load.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The worker: how many nodes it runs at once; the processor count when <see langword="null"/>.</summary>
    public int? WorkerCount { get; set; }

    /// <summary>The driver: at most this many nodes in flight; as many as the pipeline can run at once when <see langword="null"/>.</summary>
    public int? MaxWorkers { get; set; }

    /// <summary>
    /// The options of a project: <c>hangfire.yml</c> of the context's environment (if any), and the connection string
    /// from <see cref="ConnectionVariable"/> or the credentials entry <see cref="CredentialsKey"/>.
    /// </summary>
    /// <param name="context">The project context.</param>
    /// <returns>The options.</returns>
    /// <exception cref="BadConfigException">A value in <c>hangfire.yml</c> or the credentials is not what is expected.</exception>
    public static HangfireOptions FromConfiguration(KedroContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = new HangfireOptions();
        Dictionary<string, object?>? config;
        try
        {
            config = context.ConfigLoader.Get(ConfigKey);
        }
        catch (MissingConfigException)
        {
            config = null;
        }

        if (config is not null)
        {
            options.Apply(config);
        }

        options.ConnectionString = Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } fromVariable
            ? fromVariable
            : ConnectionFromCredentials(context);
        return options;
    }

    /// <summary>The connection string, or a clear error saying where to put it.</summary>
    /// <returns>The connection string.</returns>
    /// <exception cref="InvalidOperationException">No connection string is configured.</exception>
    public string RequireConnectionString() => string.IsNullOrWhiteSpace(ConnectionString)
        ? throw new InvalidOperationException(
            $"Kedro.NET's Hangfire runner needs a PostgreSQL connection string. Set the environment variable {ConnectionVariable} " +
            $"(for example 'Host=db.example.com;Port=5432;Username=kedro;Password=...;Database=kedro'), or add it to the " +
            $"environment's credentials (conf/local/credentials.yml):{Environment.NewLine}{CredentialsKey}:{Environment.NewLine}  connection: \"Host=...;Username=...;Password=...;Database=...\"")
        : ConnectionString;

    /// <summary>Checks the values; the message names the option and says what is expected.</summary>
    /// <exception cref="ArgumentException">A value is out of range or not a valid name.</exception>
    public void Validate()
    {
        if (!QueuePattern().IsMatch(Queue ?? string.Empty))
        {
            throw new ArgumentException($"The Hangfire queue '{Queue}' is not valid: use lower-case letters, digits, '_' and '-' only (for example 'kedro').", nameof(Queue));
        }

        if (!SchemaPattern().IsMatch(Schema ?? string.Empty))
        {
            throw new ArgumentException($"The Hangfire schema '{Schema}' is not valid: use a lower-case PostgreSQL identifier (letters, digits and '_', starting with a letter or '_').", nameof(Schema));
        }

        if (string.IsNullOrWhiteSpace(SharedRoot))
        {
            throw new ArgumentException("The shared root of HangfireRunner is empty: give a folder every driver and worker reaches at the same path.", nameof(SharedRoot));
        }

        if (Retries < 0 || NodeRetries.Any(static p => p.Value < 0))
        {
            throw new ArgumentException("Retries must be 0 or more.", nameof(Retries));
        }

        if (RetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"The retry delay must be 0 or more, not {RetryDelay.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", nameof(RetryDelay));
        }

        if (InvisibilityTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"The invisibility timeout must be at least 1 second, not {InvisibilityTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", nameof(InvisibilityTimeout));
        }

        if (PollInterval < TimeSpan.FromMilliseconds(50))
        {
            throw new ArgumentException($"The poll interval must be at least 0.05 seconds, not {PollInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", nameof(PollInterval));
        }

        if (WorkerCount is <= 0 || MaxWorkers is <= 0)
        {
            throw new ArgumentException("The number of workers must be at least 1.", WorkerCount is <= 0 ? nameof(WorkerCount) : nameof(MaxWorkers));
        }
    }

    /// <summary>The retries of one node: its own entry in <see cref="NodeRetries"/>, else <see cref="Retries"/>.</summary>
    /// <param name="nodeName">The node's full name.</param>
    /// <returns>The number of retries.</returns>
    public int RetriesOf(string nodeName) => NodeRetries.TryGetValue(nodeName, out var retries) ? retries : Retries;

    private void Apply(Dictionary<string, object?> config)
    {
        foreach (var (key, value) in config)
        {
            switch (key)
            {
                case "queue":
                    Queue = Text(key, value);
                    break;
                case "schema":
                    Schema = Text(key, value);
                    break;
                case "shared_root":
                    SharedRoot = Text(key, value);
                    break;
                case "retries":
                    Retries = Count(key, value);
                    break;
                case "node_retries":
                    if (value is not IReadOnlyDictionary<string, object?> and not IDictionary<string, object?>)
                    {
                        throw Bad(key, value, "a mapping of node names to retry counts, such as {train_model_node: 3}");
                    }

                    foreach (var (node, retries) in (IEnumerable<KeyValuePair<string, object?>>)value)
                    {
                        NodeRetries[node] = Count($"node_retries.{node}", retries);
                    }

                    break;
                case "retry_delay":
                    RetryDelay = Seconds(key, value);
                    break;
                case "invisibility_timeout":
                    InvisibilityTimeout = Seconds(key, value);
                    break;
                case "poll_interval":
                    PollInterval = Seconds(key, value);
                    break;
                case "workers":
                    WorkerCount = Count(key, value);
                    break;
                case "max_workers":
                    MaxWorkers = Count(key, value);
                    break;
                default:
                    throw new BadConfigException(
                        $"Unknown key '{key}' in hangfire.yml. Known keys: {string.Join(", ", Keys)}. The connection string belongs in the credentials or {ConnectionVariable}.");
            }
        }
    }

    private static string? ConnectionFromCredentials(KedroContext context)
    {
        Dictionary<string, object?> credentials;
        try
        {
            credentials = context.ConfigLoader["credentials"];
        }
        catch (MissingConfigException)
        {
            return null;
        }

        if (!credentials.TryGetValue(CredentialsKey, out var entry) || entry is null)
        {
            return null;
        }

        return entry is IReadOnlyDictionary<string, object?> mapping && mapping.TryGetValue("connection", out var connection) && connection is string text
            ? text
            : throw new BadConfigException(
                $"The credentials entry '{CredentialsKey}' must be a mapping with a 'connection' string: {CredentialsKey}: {{connection: \"Host=...;Username=...;Password=...;Database=...\"}}.");
    }

    private static string Text(string key, object? value) =>
        value is string { Length: > 0 } text ? text : throw Bad(key, value, "a non-empty text");

    private static int Count(string key, object? value) => value switch
    {
        int i when i >= 0 => i,
        long l when l is >= 0 and <= int.MaxValue => (int)l,
        _ => throw Bad(key, value, "a whole number, 0 or more"),
    };

    private static TimeSpan Seconds(string key, object? value) => value switch
    {
        int i when i >= 0 => TimeSpan.FromSeconds(i),
        long l when l >= 0 => TimeSpan.FromSeconds(l),
        double d when d >= 0 && double.IsFinite(d) => TimeSpan.FromSeconds(d),
        _ => throw Bad(key, value, "a number of seconds, 0 or more (for example 10 or 0.5)"),
    };

    private static BadConfigException Bad(string key, object? value, string expected) =>
        new($"'{key}' in hangfire.yml is {(value is null ? "empty" : $"'{Convert.ToString(value, CultureInfo.InvariantCulture)}'")}; expected {expected}.");

    [GeneratedRegex("^[a-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex QueuePattern();

    [GeneratedRegex("^[a-z_][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaPattern();
}
