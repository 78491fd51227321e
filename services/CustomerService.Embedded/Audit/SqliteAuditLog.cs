using CustomerService.Abstractions.Audit;
using CustomerService.Embedded.Storage;

namespace CustomerService.Embedded.Audit;

internal sealed class SqliteAuditLog(SqliteDatabase database) : IAuditLog
{
    public Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Kind);
        // The id comes from the table, so entries keep the order in which they were written.
        return database.WriteAsync((c, t) => c.ExecuteAsync(
            """
            INSERT INTO audit_log (kind, conversation_id, customer_id, channel, detail, at)
            VALUES (@kind, @conversation, @customer, @channel, @detail, @at)
            """,
            t, cancellationToken, ("@kind", entry.Kind), ("@conversation", entry.ConversationId), ("@customer", entry.CustomerId),
            ("@channel", entry.Channel), ("@detail", entry.Detail), ("@at", entry.At.ToUnixMs())),
            cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await database.OpenReadAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT id, kind, conversation_id, customer_id, channel, detail, at FROM audit_log ORDER BY id DESC LIMIT @limit",
            null, ("@limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<AuditEntry> entries = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                SqliteCommands.FromUnixMs(reader.GetInt64(6))));
        }

        return entries;
    }
}
