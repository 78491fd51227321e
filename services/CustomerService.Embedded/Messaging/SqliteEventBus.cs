using CustomerService.Abstractions.Messaging;
using CustomerService.Embedded.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CustomerService.Embedded.Messaging;

/// <summary>
/// Publishing writes the event and one delivery per subscriber to the outbox in one transaction,
/// so an event that was published is delivered even if the process dies right after.
/// </summary>
internal sealed class SqliteEventBus(SqliteDatabase database, IOptions<EventSubscriptions> subscriptions, TimeProvider time) : IEventBus
{
    public WakeSignal Signal { get; } = new();

    public async Task PublishAsync(IntegrationEvent @event, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (await database.WriteAsync((connection, transaction) => EnlistAsync(connection, transaction, @event, cancellationToken), cancellationToken))
        {
            Signal.Notify();
        }
    }

    /// <summary>
    /// Writes the event to the outbox inside the caller's transaction, so that it is published if and only if the
    /// caller's own writes commit. True when a subscriber waits for it: call <see cref="WakeSignal.Notify"/> after the commit.
    /// </summary>
    public async Task<bool> EnlistAsync(SqliteConnection connection, SqliteTransaction transaction, IntegrationEvent @event, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var registry = subscriptions.Value;
        var type = EventSubscriptions.EventTypeName(@event.GetType());
        var payload = registry.Serialize(@event);
        var now = time.GetUtcNow().ToUnixMs();
        var subscribers = registry.For(type);

        var inserted = await connection.ExecuteAsync(
            "INSERT INTO outbox_events (id, type, payload, published_at) VALUES (@id, @type, @payload, @now) ON CONFLICT (id) DO NOTHING",
            transaction, cancellationToken, ("@id", @event.Id.ToString()), ("@type", type), ("@payload", payload), ("@now", now));
        if (inserted == 0)
        {
            return false; // the same event id was published before: deliver it once
        }

        foreach (var subscription in subscribers)
        {
            await connection.ExecuteAsync(
                "INSERT INTO outbox_deliveries (event_id, subscriber, due_at) VALUES (@id, @subscriber, @now)",
                transaction, cancellationToken, ("@id", @event.Id.ToString()), ("@subscriber", subscription.Subscriber), ("@now", now));
        }

        return subscribers.Count > 0;
    }
}
