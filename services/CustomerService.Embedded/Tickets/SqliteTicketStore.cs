using System.Globalization;
using CustomerService.Abstractions.Tickets;
using CustomerService.Embedded.Storage;
using Microsoft.Data.Sqlite;

namespace CustomerService.Embedded.Tickets;

internal sealed class SqliteTicketStore(SqliteDatabase database) : ITicketStore
{
    private const string Columns = "id, customer_id, conversation_id, channel, question, category, urgency, status, created_at";

    public Task<Ticket> CreateAsync(Ticket ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return database.WriteAsync(async (c, t) =>
        {
            // The write gate serialises writers, so MAX + 1 cannot hand the same number out twice.
            var next = (long)(await c.ScalarAsync("SELECT COALESCE(MAX(seq), 0) + 1 FROM tickets", t, cancellationToken))!;
            var stored = ticket with { Id = string.Create(CultureInfo.InvariantCulture, $"T-{next:D6}") };
            await c.ExecuteAsync(
                $"""
                INSERT INTO tickets (seq, {Columns})
                VALUES (@seq, @id, @customer, @conversation, @channel, @question, @category, @urgency, @status, @created)
                """,
                t, cancellationToken, ("@seq", next), ("@id", stored.Id), ("@customer", stored.CustomerId),
                ("@conversation", stored.ConversationId), ("@channel", stored.Channel), ("@question", stored.Question),
                ("@category", stored.Category), ("@urgency", stored.Urgency.ToString()), ("@status", stored.Status.ToString()),
                ("@created", stored.CreatedAt.ToUnixMs()));
            return stored;
        }, cancellationToken);
    }

    public async Task<Ticket?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        var found = await QueryAsync($"SELECT {Columns} FROM tickets WHERE id = @id", ("@id", id), cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<Ticket>> ListByCustomerAsync(string customerId, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM tickets WHERE customer_id = @customer ORDER BY seq DESC", ("@customer", customerId), cancellationToken);

    private async Task<IReadOnlyList<Ticket>> QueryAsync(string sql, (string Name, object? Value) parameter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        await using var command = connection.Command(sql, null, parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<Ticket> tickets = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            tickets.Add(Read(reader));
        }

        return tickets;
    }

    private static Ticket Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        Enum.Parse<TicketUrgency>(reader.GetString(6)),
        Enum.Parse<TicketStatus>(reader.GetString(7)),
        SqliteCommands.FromUnixMs(reader.GetInt64(8)));
}
