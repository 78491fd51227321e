using CustomerService.Abstractions.Messaging;
using CustomerService.Embedded.Storage;
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
        var registry = subscriptions.Value;
        var type = EventSubscriptions.EventTypeName(@event.GetType());
        var payload = registry.Serialize(@event);
        var now = time.GetUtcNow().ToUnixMs();
        var subscribers = registry.For(type);

        await database.WriteAsync(async (connection, transaction) =>
        {
            var inserted = await connection.ExecuteAsync(
                "INSERT INTO outbox_events (id, type, payload, published_at) VALUES (@id, @type, @payload, @now) ON CONFLICT (id) DO NOTHING",
                transaction, cancellationToken, ("@id", @event.Id.ToString()), ("@type", type), ("@payload", payload), ("@now", now));
            if (inserted == 0)
            {
                return; // the same event id was published before: deliver it once
            }

            foreach (var subscription in subscribers)
            {
                await connection.ExecuteAsync(
                    "INSERT INTO outbox_deliveries (event_id, subscriber, due_at) VALUES (@id, @subscriber, @now)",
                    transaction, cancellationToken, ("@id", @event.Id.ToString()), ("@subscriber", subscription.Subscriber), ("@now", now));
            }
        }, cancellationToken);

        if (subscribers.Count > 0)
        {
            Signal.Notify();
        }
    }
}
