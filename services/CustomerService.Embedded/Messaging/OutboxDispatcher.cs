using CustomerService.Abstractions.Messaging;
using CustomerService.Embedded.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerService.Embedded.Messaging;

/// <summary>
/// Delivers due outbox rows to their subscribers, one at a time in due order. Success removes the row;
/// failure reschedules it with backoff, and the last allowed failure parks it in <c>dead_letters</c>.
/// </summary>
internal sealed partial class OutboxDispatcher(
    SqliteDatabase database,
    SqliteEventBus bus,
    IOptions<EventSubscriptions> subscriptions,
    IOptions<EventBusOptions> options,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : PollingLoop(bus.Signal, time, logger)
{
    private sealed record Delivery(string EventId, string Subscriber, int Attempts, string Type, string Payload);

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.DispatchEnabled)
        {
            return base.ExecuteAsync(stoppingToken);
        }

        LogDispatchDisabled(logger);
        return Task.CompletedTask;
    }

    protected override Task<int> RunBatchAsync(CancellationToken cancellationToken) => DispatchDueAsync(cancellationToken);

    /// <summary>Delivers one batch of due rows; returns how many were attempted.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var batch = await ReadDueAsync(cancellationToken);
        foreach (var delivery in batch)
        {
            await DeliverAsync(delivery, cancellationToken);
        }

        return batch.Count;
    }

    /// <summary>When the next pending delivery becomes due; null when the outbox is empty.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var due = await connection.ScalarAsync("SELECT MIN(due_at) FROM outbox_deliveries", null, cancellationToken);
        return due is long ms ? SqliteCommands.FromUnixMs(ms) : null;
    }

    private async Task<List<Delivery>> ReadDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        await using var command = connection.Command(
            """
            SELECT d.event_id, d.subscriber, d.attempts, e.type, e.payload
            FROM outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id
            WHERE d.due_at <= @now ORDER BY d.due_at, e.published_at LIMIT @limit
            """,
            null, ("@now", Time.GetUtcNow().ToUnixMs()), ("@limit", options.Value.BatchSize));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<Delivery> batch = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            batch.Add(new Delivery(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4)));
        }

        return batch;
    }

    private async Task DeliverAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            var subscription = subscriptions.Value.Find(delivery.Type, delivery.Subscriber)
                ?? throw new InvalidOperationException($"No handler '{delivery.Subscriber}' is registered for '{delivery.Type}'.");
            var @event = subscriptions.Value.Deserialize(delivery.Type, delivery.Payload);
            await using (var scope = scopes.CreateAsyncScope())
            {
                await subscription.Invoke(scope.ServiceProvider, @event, cancellationToken);
            }

            await database.WriteAsync((c, t) => c.ExecuteAsync(
                "DELETE FROM outbox_deliveries WHERE event_id = @id AND subscriber = @subscriber",
                t, CancellationToken.None, ("@id", delivery.EventId), ("@subscriber", delivery.Subscriber)), CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // shutting down: the row stays due and is delivered after the restart
        }
        catch (Exception e)
        {
            await RecordFailureAsync(delivery, e);
        }
    }

    private async Task RecordFailureAsync(Delivery delivery, Exception error)
    {
        var attempts = delivery.Attempts + 1;
        var now = Time.GetUtcNow();
        var reason = RetryBackoff.Describe(error);
        var o = options.Value;
        if (attempts >= o.MaxAttempts)
        {
            LogParked(logger, delivery.Type, delivery.EventId, delivery.Subscriber, attempts, error);
            await database.WriteAsync(async (c, t) =>
            {
                await c.ExecuteAsync(
                    """
                    INSERT INTO dead_letters (event_id, event_type, subscriber, attempts, last_error, dead_at)
                    VALUES (@id, @type, @subscriber, @attempts, @error, @now)
                    """,
                    t, CancellationToken.None, ("@id", delivery.EventId), ("@type", delivery.Type), ("@subscriber", delivery.Subscriber),
                    ("@attempts", attempts), ("@error", reason), ("@now", now.ToUnixMs()));
                await c.ExecuteAsync("DELETE FROM outbox_deliveries WHERE event_id = @id AND subscriber = @subscriber",
                    t, CancellationToken.None, ("@id", delivery.EventId), ("@subscriber", delivery.Subscriber));
            }, CancellationToken.None);
            return;
        }

        var retryAt = now + RetryBackoff.After(attempts, o.InitialBackoff, o.MaxBackoff);
        LogRetry(logger, delivery.Type, delivery.EventId, delivery.Subscriber, attempts, retryAt, error);
        await database.WriteAsync((c, t) => c.ExecuteAsync(
            "UPDATE outbox_deliveries SET attempts = @attempts, due_at = @due, last_error = @error WHERE event_id = @id AND subscriber = @subscriber",
            t, CancellationToken.None, ("@attempts", attempts), ("@due", retryAt.ToUnixMs()), ("@error", reason),
            ("@id", delivery.EventId), ("@subscriber", delivery.Subscriber)), CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox dispatch is disabled on this instance (EventBus:DispatchEnabled=false)")]
    private static partial void LogDispatchDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler {Subscriber} failed on {EventType} {EventId} (attempt {Attempts}); retry at {RetryAt}")]
    private static partial void LogRetry(ILogger logger, string eventType, string eventId, string subscriber, int attempts, DateTimeOffset retryAt, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handler {Subscriber} failed on {EventType} {EventId} {Attempts} times; parked in dead letters")]
    private static partial void LogParked(ILogger logger, string eventType, string eventId, string subscriber, int attempts, Exception error);
}
