using System.Collections.Concurrent;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;

namespace Kedro.Hangfire.Internal;

/// <summary>
/// Hangfire's PostgreSQL storage as Kedro.NET uses it, the same on the driver and the workers: a short queue poll, a sliding invisibility timeout (a running node is never
/// taken by a second worker; a dead worker's node is taken after the timeout), and short distributed-lock timeouts (a
/// killed process's locks do not hold retries back for minutes). Storage and filters are passed explicitly everywhere;
/// only the type resolver and serializer settings are Hangfire globals, set once by <see cref="ConfigureProcess"/>.
/// </summary>
internal static class HangfireStorage
{
    private static readonly Lazy<bool> Configured = new(static () =>
    {
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseTypeResolver(JobTypeGuard.Resolve);
        return true;
    });

    private static readonly ConcurrentDictionary<string, Lazy<PostgreSqlStorage>> Storages = new(StringComparer.Ordinal);

    /// <summary>
    /// The storage of these options, created once per process and shared by every run (and runner) that uses the same
    /// database, schema, poll interval and invisibility timeout: creating one checks the schema in the database, which a
    /// second run of the same process need not repeat. A creation that fails is not remembered.
    /// </summary>
    /// <param name="options">The connection string, schema, poll interval and invisibility timeout.</param>
    /// <returns>The storage.</returns>
    public static PostgreSqlStorage Shared(HangfireOptions options)
    {
        var key = ConnectionString(options) + "|" + options.Schema + "|" + options.PollInterval.Ticks + "|" + options.InvisibilityTimeout.Ticks;
        var lazy = Storages.GetOrAdd(key, static (_, o) => new Lazy<PostgreSqlStorage>(() => Create(o)), options);
        try
        {
            return lazy.Value;
        }
        catch
        {
            Storages.TryRemove(new KeyValuePair<string, Lazy<PostgreSqlStorage>>(key, lazy));
            throw;
        }
    }

    /// <summary>Creates the storage; the schema is created or upgraded when missing.</summary>
    /// <param name="options">The connection string, schema, poll interval and invisibility timeout.</param>
    /// <returns>The storage.</returns>
    public static PostgreSqlStorage Create(HangfireOptions options)
    {
        ConfigureProcess();
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = options.Schema,
            PrepareSchemaIfNecessary = true,
            // Hangfire.PostgreSql's long polling (LISTEN new_job) was seen to leave a fetched job held by no worker,
            // its invisibility renewed for ever, so the run waited without end; a short poll is used instead.
            EnableLongPolling = false,
            QueuePollInterval = options.PollInterval,
            InvisibilityTimeout = options.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
            DistributedLockTimeout = TimeSpan.FromSeconds(30),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(ConnectionString(options), storageOptions), storageOptions);
    }

    /// <summary>The connection string Hangfire and the notifications use: the configured one, without a reset on each pooled open.</summary>
    public static string ConnectionString(HangfireOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.RequireConnectionString())
        {
            // Hangfire opens a pooled connection many times per job; DISCARD ALL on each is pure cost here.
            NoResetOnClose = true,
        };
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "Kedro.NET";
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// Sets Hangfire's process-wide settings once: the 1.8 data format (jobs carry their queue, so a retry stays on it),
    /// short type names, and a type resolver that resolves only the types of <see cref="NodeJob.RunAsync"/>: a job row
    /// naming any other method fails without loading anything.
    /// </summary>
    public static void ConfigureProcess() => _ = Configured.Value;
}
