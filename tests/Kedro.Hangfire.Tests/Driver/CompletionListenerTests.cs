using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.States;
using Kedro.Hangfire.Internal;
using Kedro.Testing.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kedro.Hangfire.Tests.Driver;

/// <summary>The driver's completion listener against a real PostgreSQL: notifications as workers send them, and job states.</summary>
public sealed class CompletionListenerTests
{
    private const string RunId = DriverKit.RunId;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_notification_completes_its_job_once_whether_it_comes_before_or_after_the_wait()
    {
        var (options, storage) = Database();
        await using var listener = await Start(options, storage);
        var client = new BackgroundJobClient(storage, new JobFilterCollection());
        var early = Create(client);
        var late = Create(client);

        await Notify(options, new NodeNotification(RunId, "a", early, NodeJobOutcome.Completed));
        await Notify(options, new NodeNotification("2026-12-06T15.04.06.000Z", "b", late, NodeJobOutcome.Failed)); // another run
        await Notify(options, new NodeNotification(RunId, "a", early, NodeJobOutcome.Failed)); // a superseded execution
        var lateOutcome = listener.WatchAsync(late);
        await Notify(options, new NodeNotification(RunId, "b", late, NodeJobOutcome.Completed));

        // Notifications arrive in the order they were sent: once the late one is heard, so were those before it.
        Assert.Equal(NodeJobOutcome.Completed, await lateOutcome.WaitAsync(Bound));
        var earlyOutcome = listener.WatchAsync(early);
        Assert.True(earlyOutcome.IsCompleted, "an outcome heard before the wait is kept");
        Assert.Equal(NodeJobOutcome.Completed, await earlyOutcome);
    }

    [Fact]
    public async Task A_cancelled_notification_counts_only_when_the_job_was_deleted()
    {
        var (options, storage) = Database();
        await using var listener = await Start(options, storage);
        var client = new BackgroundJobClient(storage, new JobFilterCollection());
        var job = Create(client);
        var outcome = listener.WatchAsync(job);

        var marker = Create(client);
        var markerOutcome = listener.WatchAsync(marker);

        await Notify(options, new NodeNotification(RunId, "a", job, NodeJobOutcome.Cancelled)); // a worker's own shutdown
        await Notify(options, new NodeNotification(RunId, "m", marker, NodeJobOutcome.Completed));
        await markerOutcome.WaitAsync(Bound); // heard in order: the cancelled notification was heard too
        listener.Reconcile(job);
        Assert.False(outcome.IsCompleted, "a job still enqueued has not ended");

        client.Delete(job);
        Assert.Equal(NodeJobOutcome.Cancelled, await outcome.WaitAsync(Bound));
    }

    [Fact]
    public async Task Job_states_are_read_for_jobs_whose_notification_never_comes()
    {
        var (options, storage) = Database();
        await using var listener = await Start(options, storage);
        var client = new BackgroundJobClient(storage, new JobFilterCollection());
        var failed = Create(client);
        var succeeded = Create(client);
        var failedOutcome = listener.WatchAsync(failed);
        var succeededOutcome = listener.WatchAsync(succeeded);

        client.ChangeState(failed, new FailedState(new InvalidOperationException("boom")));
        client.ChangeState(succeeded, new SucceededState(null, 1, 1));

        Assert.Equal(NodeJobOutcome.Failed, await failedOutcome.WaitAsync(Bound));
        Assert.Equal(NodeJobOutcome.Completed, await succeededOutcome.WaitAsync(Bound));
    }

    private static (HangfireOptions Options, PostgreSqlStorage Storage) Database()
    {
        var options = new HangfireOptions { ConnectionString = PostgresServer.Shared.CreateDatabaseConnectionString() };
        return (options, HangfireStorage.Create(options));
    }

    private static Task<CompletionListener> Start(HangfireOptions options, PostgreSqlStorage storage) =>
        CompletionListener.StartAsync(HangfireStorage.ConnectionString(options), storage, RunId, TimeSpan.FromMilliseconds(200), NullLogger.Instance, CancellationToken.None);

    private static string Create(BackgroundJobClient client) =>
        client.Create(Job.FromExpression<NodeJob>(j => j.RunAsync(RunId, "__default__", "a", CancellationToken.None), "kedro"), new EnqueuedState("kedro"));

    private static async Task Notify(HangfireOptions options, NodeNotification notification)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        command.Parameters.AddWithValue("channel", NodeNotification.Channel);
        command.Parameters.AddWithValue("payload", notification.ToJson());
        await command.ExecuteNonQueryAsync();
    }
}
