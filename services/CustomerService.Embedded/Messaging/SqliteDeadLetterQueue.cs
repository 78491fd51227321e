using CustomerService.Abstractions.Messaging;
using CustomerService.Embedded.Storage;

namespace CustomerService.Embedded.Messaging;

internal sealed class SqliteDeadLetterQueue(SqliteDatabase database, SqliteEventBus bus, TimeProvider time) : IDeadLetterQueue
{
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT id, event_id, event_type, subscriber, attempts, last_error, dead_at FROM dead_letters ORDER BY id DESC LIMIT @limit",
            null, ("@limit", Math.Clamp(limit, 1, 1000)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<DeadLetter> letters = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(new DeadLetter(
                reader.GetInt64(0), Guid.Parse(reader.GetString(1)), reader.GetString(2), reader.GetString(3),
                reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetString(5), SqliteCommands.FromUnixMs(reader.GetInt64(6))));
        }

        return letters;
    }

    public async Task<bool> RetryAsync(long id, CancellationToken cancellationToken = default)
    {
        var requeued = await database.WriteAsync(async (c, t) =>
        {
            var moved = await c.ExecuteAsync(
                """
                INSERT INTO outbox_deliveries (event_id, subscriber, attempts, due_at)
                SELECT event_id, subscriber, 0, @now FROM dead_letters WHERE id = @id
                ON CONFLICT (event_id, subscriber) DO NOTHING
                """,
                t, cancellationToken, ("@id", id), ("@now", time.GetUtcNow().ToUnixMs()));
            var deleted = await c.ExecuteAsync("DELETE FROM dead_letters WHERE id = @id", t, cancellationToken, ("@id", id));
            return deleted > 0 || moved > 0;
        }, cancellationToken);

        if (requeued)
        {
            bus.Signal.Notify();
        }

        return requeued;
    }
}
