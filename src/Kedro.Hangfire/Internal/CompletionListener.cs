using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kedro.Hangfire.Internal;

/// <summary>
/// How the driver learns that a node's job ended: one PostgreSQL connection listening on
/// <see cref="NodeNotification.Channel"/>, opened before the run's first job, completes each job's waiter within
/// milliseconds of the worker's notification; a reconciliation loop reads the state of every job in flight about once a
/// second, so a lost notification (a dropped connection) or a job another party deleted only delays the run. A job's
/// first outcome wins; later and repeated ones (a superseded execution) are ignored.
/// </summary>
internal sealed class CompletionListener : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly JobStorage _storage;
    private readonly string _runId;
    private readonly TimeSpan _reconcileInterval;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TaskCompletionSource<NodeJobOutcome>> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeJobOutcome> _early = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ended = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private NpgsqlConnection? _connection;
    private Task _listening = Task.CompletedTask;
    private Task _reconciling = Task.CompletedTask;

    private CompletionListener(string connectionString, JobStorage storage, string runId, TimeSpan reconcileInterval, ILogger logger)
    {
        _connectionString = connectionString;
        _storage = storage;
        _runId = runId;
        _reconcileInterval = reconcileInterval;
        _logger = logger;
    }

    /// <summary>Opens the connection and starts listening; returns once <c>LISTEN</c> is in effect.</summary>
    public static async Task<CompletionListener> StartAsync(
        string connectionString, JobStorage storage, string runId, TimeSpan reconcileInterval, ILogger logger, CancellationToken cancellationToken)
    {
        var listener = new CompletionListener(connectionString, storage, runId, reconcileInterval, logger);
        try
        {
            listener._connection = await listener.ListenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await listener.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        listener._listening = Task.Run(listener.ListenLoopAsync, CancellationToken.None);
        listener._reconciling = Task.Run(listener.ReconcileLoopAsync, CancellationToken.None);
        return listener;
    }

    /// <summary>The job ids being waited for.</summary>
    public IReadOnlyList<string> InFlight
    {
        get
        {
            lock (_lock)
            {
                return [.. _pending.Keys];
            }
        }
    }

    /// <summary>Waits for the end of job <paramref name="jobId"/>; an outcome heard before this call is not lost.</summary>
    public Task<NodeJobOutcome> WatchAsync(string jobId)
    {
        lock (_lock)
        {
            if (_early.Remove(jobId, out var heard))
            {
                _ended.Add(jobId);
                return Task.FromResult(heard);
            }

            var waiter = new TaskCompletionSource<NodeJobOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending[jobId] = waiter;
            return waiter.Task;
        }
    }

    /// <summary>Stops waiting for a job (it was deleted and the wait gave up).</summary>
    public void Forget(string jobId)
    {
        lock (_lock)
        {
            if (_pending.Remove(jobId, out var waiter))
            {
                _ended.Add(jobId);
                waiter.TrySetResult(NodeJobOutcome.Cancelled);
            }
        }
    }

    /// <summary>Reads the state of the job in Hangfire's storage and completes its waiter if it has ended.</summary>
    public void Reconcile(string jobId)
    {
        StateData? state;
        using (var connection = _storage.GetConnection())
        {
            state = connection.GetStateData(jobId);
        }

        var name = state?.Name;
        NodeJobOutcome? outcome =
            name is null || name == DeletedState.StateName ? NodeJobOutcome.Cancelled
            : name == SucceededState.StateName ? NodeJobOutcome.Completed
            : name == FailedState.StateName ? NodeJobOutcome.Failed
            : null;
        if (outcome is { } ended)
        {
            Complete(jobId, ended);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_listening, _reconciling).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Ending the run must not fail because listening failed; the outcome is already known.
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (e is not OperationCanceledException)
            {
                _logger.ListenLost(e.Message);
            }
        }
        finally
        {
            if (_connection is not null)
            {
                try
                {
                    await _connection.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is NpgsqlException or IOException or ObjectDisposedException)
                {
                    _logger.ListenLost(e.Message);
                }
            }
        }

        lock (_lock)
        {
            foreach (var waiter in _pending.Values)
            {
                waiter.TrySetResult(NodeJobOutcome.Cancelled);
            }

            _pending.Clear();
        }

        _stop.Dispose();
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            connection.Notification += (_, e) => OnNotification(e.Payload);
            var command = new NpgsqlCommand($"LISTEN {NodeNotification.Channel}", connection);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task ListenLoopAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                _connection ??= await ListenAsync(token).ConfigureAwait(false);
                await _connection.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException or TimeoutException)
            {
                // The reconciliation loop covers what is missed meanwhile; listen again after a pause.
                _logger.ListenLost(e.Message);
                if (_connection is not null)
                {
                    await _connection.DisposeAsync().ConfigureAwait(false);
                    _connection = null;
                }

                try
                {
                    await Task.Delay(_reconcileInterval, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ReconcileLoopAsync()
    {
        using var timer = new PeriodicTimer(_reconcileInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                foreach (var jobId in InFlight)
                {
                    try
                    {
                        Reconcile(jobId);
                    }
#pragma warning disable CA1031 // A failed read is retried on the next tick; the notification may still arrive.
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        _logger.ReconcileFailed(jobId, e.Message);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void OnNotification(string payload)
    {
        if (NodeNotification.TryParse(payload) is not { } notification || notification.RunId != _runId)
        {
            return;
        }

        if (notification.Outcome == NodeJobOutcome.Cancelled)
        {
            // A worker also reports a node stopped by its own shutdown (the job goes back to the queue): only the
            // job's state says whether it was deleted. Read off the listening thread.
            _ = Task.Run(() =>
            {
                try
                {
                    Reconcile(notification.JobId);
                }
#pragma warning disable CA1031 // The reconciliation loop reads the state again.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    _logger.ReconcileFailed(notification.JobId, e.Message);
                }
            });
            return;
        }

        Complete(notification.JobId, notification.Outcome);
    }

    private void Complete(string jobId, NodeJobOutcome outcome)
    {
        lock (_lock)
        {
            if (_pending.Remove(jobId, out var waiter))
            {
                _ended.Add(jobId);
                waiter.TrySetResult(outcome);
            }
            else if (!_ended.Contains(jobId))
            {
                _early.TryAdd(jobId, outcome);
            }
        }
    }
}
