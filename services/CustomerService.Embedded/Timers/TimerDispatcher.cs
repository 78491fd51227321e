using CustomerService.Abstractions.Timers;
using CustomerService.Embedded.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerService.Embedded.Timers;

/// <summary>
/// Fires due timers through the handler registered for their kind. A fired timer is deleted, so it
/// fires once; a failing handler is retried with backoff and, after the last attempt, the timer is
/// kept with status <c>failed</c> for an operator.
/// </summary>
internal sealed partial class TimerDispatcher(
    SqliteDatabase database,
    SqliteDurableTimers timers,
    IOptions<TimerOptions> options,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<TimerDispatcher> logger) : PollingLoop(timers.Signal, time, logger)
{
    private sealed record DueTimer(DurableTimer Timer, int Attempts, string Generation);

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override Task<int> RunBatchAsync(CancellationToken cancellationToken) => FireDueAsync(cancellationToken);

    /// <summary>Fires one batch of due timers; returns how many were attempted.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var due = await ReadDueAsync(cancellationToken);
        foreach (var timer in due)
        {
            await FireAsync(timer, cancellationToken);
        }

        return due.Count;
    }

    private async Task<List<DueTimer>> ReadDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        await using var command = connection.Command(
            """
            SELECT key, kind, due_at, payload, attempts, generation FROM durable_timers
            WHERE status = 'scheduled' AND due_at <= @now ORDER BY due_at LIMIT @limit
            """,
            null, ("@now", Time.GetUtcNow().ToUnixMs()), ("@limit", options.Value.BatchSize));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<DueTimer> due = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            var timer = new DurableTimer(reader.GetString(0), reader.GetString(1), SqliteCommands.FromUnixMs(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3));
            due.Add(new DueTimer(timer, reader.GetInt32(4), reader.GetString(5)));
        }

        return due;
    }

    private async Task FireAsync(DueTimer due, CancellationToken cancellationToken)
    {
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var handler = scope.ServiceProvider.GetServices<IDurableTimerHandler>().FirstOrDefault(h => h.Kind == due.Timer.Kind)
                    ?? throw new InvalidOperationException($"No timer handler is registered for kind '{due.Timer.Kind}'.");
                await handler.OnTimerAsync(due.Timer, cancellationToken);
            }

            await database.WriteAsync((c, t) => c.ExecuteAsync(
                "DELETE FROM durable_timers WHERE key = @key AND generation = @generation",
                t, CancellationToken.None, ("@key", due.Timer.Key), ("@generation", due.Generation)), CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // shutting down: still scheduled, fires after the restart
        }
        catch (Exception e)
        {
            await RecordFailureAsync(due, e);
        }
    }

    private async Task RecordFailureAsync(DueTimer due, Exception error)
    {
        var attempts = due.Attempts + 1;
        var o = options.Value;
        var failed = attempts >= o.MaxAttempts;
        var retryAt = Time.GetUtcNow() + RetryBackoff.After(attempts, o.InitialBackoff, o.MaxBackoff);
        LogFailed(logger, due.Timer.Kind, due.Timer.Key, attempts, failed, error);
        await database.WriteAsync((c, t) => c.ExecuteAsync(
            """
            UPDATE durable_timers SET attempts = @attempts, last_error = @error,
                status = CASE WHEN @failed THEN 'failed' ELSE 'scheduled' END,
                due_at = CASE WHEN @failed THEN due_at ELSE @retry END
            WHERE key = @key AND generation = @generation
            """,
            t, CancellationToken.None, ("@attempts", attempts), ("@error", RetryBackoff.Describe(error)), ("@failed", failed),
            ("@retry", retryAt.ToUnixMs()), ("@key", due.Timer.Key), ("@generation", due.Generation)), CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {Kind} {Key} failed (attempt {Attempts}, given up: {GivenUp})")]
    private static partial void LogFailed(ILogger logger, string kind, string key, int attempts, bool givenUp, Exception error);
}
