using System.Text.Json;
using CustomerService.Abstractions.Conversations;
using CustomerService.Embedded.Storage;
using Microsoft.Data.Sqlite;

namespace CustomerService.Embedded.Conversations;

internal sealed class SqliteConversationStore(SqliteDatabase database) : IConversationStore
{
    private const string Columns = "id, channel, customer_id, status, opened_at, updated_at";
    private const string MessageColumns = "id, role, text, sent_at, matched_intent, confidence, handoff, citations";

    public async Task<Conversation> GetOrOpenAsync(string channel, string customerId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        const string findOpen = $"SELECT {Columns} FROM conversations WHERE channel = @channel AND customer_id = @customer AND status <> 'closed' ORDER BY opened_at DESC LIMIT 1";
        await using (var connection = await database.OpenReadAsync(cancellationToken))
        {
            if (await ReadOneAsync(connection, null, findOpen, cancellationToken, ("@channel", channel), ("@customer", customerId)) is { } open)
            {
                return open;
            }
        }

        return await database.WriteAsync(async (c, t) =>
        {
            // Checked again under the write gate: two first messages must not open two conversations.
            if (await ReadOneAsync(c, t, findOpen, cancellationToken, ("@channel", channel), ("@customer", customerId)) is { } open)
            {
                return open;
            }

            var conversation = new Conversation(Guid.CreateVersion7().ToString("N"), channel, customerId, ConversationStatus.Open, now, now);
            await c.ExecuteAsync(
                "INSERT INTO conversations (id, channel, customer_id, status, opened_at, updated_at) VALUES (@id, @channel, @customer, 'open', @now, @now)",
                t, cancellationToken, ("@id", conversation.Id), ("@channel", channel), ("@customer", customerId), ("@now", now.ToUnixMs()));
            return conversation;
        }, cancellationToken);
    }

    public async Task<Conversation?> FindAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        return await ReadOneAsync(connection, null, $"SELECT {Columns} FROM conversations WHERE id = @id", cancellationToken, ("@id", conversationId));
    }

    public Task AppendAsync(ChatMessage message, CancellationToken cancellationToken = default) =>
        AppendAsync(message, status: null, cancellationToken);

    public Task AppendAsync(ChatMessage message, ConversationStatus status, CancellationToken cancellationToken = default) =>
        AppendAsync(message, (ConversationStatus?)status, cancellationToken);

    private Task AppendAsync(ChatMessage message, ConversationStatus? status, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync(
                """
                INSERT INTO messages (conversation_id, role, text, sent_at, matched_intent, confidence, handoff, citations)
                VALUES (@conversation, @role, @text, @sent, @intent, @confidence, @handoff, @citations)
                """,
                t, cancellationToken, ("@conversation", message.ConversationId), ("@role", ToText(message.Role)), ("@text", message.Text),
                ("@sent", message.SentAt.ToUnixMs()), ("@intent", message.MatchedIntent), ("@confidence", message.Confidence),
                ("@handoff", message.Handoff), ("@citations", message.Citations is { } cited ? JsonSerializer.Serialize(cited) : null));
            var updated = await c.ExecuteAsync(
                "UPDATE conversations SET updated_at = @now, status = COALESCE(@status, status) WHERE id = @id",
                t, cancellationToken, ("@now", message.SentAt.ToUnixMs()), ("@status", status is { } s ? ToText(s) : null), ("@id", message.ConversationId));
            if (updated == 0)
            {
                throw new InvalidOperationException($"Conversation '{message.ConversationId}' does not exist.");
            }
        }, cancellationToken);

    public async Task<IReadOnlyList<ChatMessage>> ListMessagesAsync(string conversationId, int limit, CancellationToken cancellationToken = default)
    {
        const string lastMessages = $"""
            SELECT {MessageColumns} FROM
              (SELECT * FROM messages WHERE conversation_id = @id ORDER BY id DESC LIMIT @limit)
            ORDER BY id
            """;
        var messages = await ReadMessagesAsync(lastMessages, conversationId, cancellationToken, ("@limit", Math.Clamp(limit, 1, 10_000)));
        return [.. messages.Select(m => m.Message)];
    }

    // The sequence is the AUTOINCREMENT row id: assigned inside the write transaction, never reused (not even after a
    // delete), so it orders a conversation's messages durably, across restarts.
    public Task<IReadOnlyList<SequencedMessage>> ListMessagesAfterAsync(string conversationId, long afterSequence, int limit,
        CancellationToken cancellationToken = default) =>
        ReadMessagesAsync(
            $"SELECT {MessageColumns} FROM messages WHERE conversation_id = @id AND id > @after ORDER BY id LIMIT @limit",
            conversationId, cancellationToken, ("@after", Math.Max(afterSequence, 0)), ("@limit", Math.Clamp(limit, 1, 10_000)));

    private async Task<IReadOnlyList<SequencedMessage>> ReadMessagesAsync(string sql, string conversationId, CancellationToken cancellationToken,
        params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        await using var command = connection.Command(sql, null, [("@id", conversationId), .. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<SequencedMessage> messages = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new SequencedMessage(reader.GetInt64(0), new ChatMessage(conversationId,
                Enum.Parse<MessageRole>(reader.GetString(1), ignoreCase: true), reader.GetString(2),
                SqliteCommands.FromUnixMs(reader.GetInt64(3)), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetDouble(5), reader.IsDBNull(6) ? null : reader.GetBoolean(6),
                reader.IsDBNull(7) ? null : JsonSerializer.Deserialize<string[]>(reader.GetString(7)))));
        }

        return messages;
    }

    private static async Task<Conversation?> ReadOneAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql,
        CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = connection.Command(sql, transaction, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new Conversation(reader.GetString(0), reader.GetString(1), reader.GetString(2), ParseStatus(reader.GetString(3)),
            SqliteCommands.FromUnixMs(reader.GetInt64(4)), SqliteCommands.FromUnixMs(reader.GetInt64(5)));
    }

    internal static string ToText(ConversationStatus status) => status switch
    {
        ConversationStatus.Open => "open",
        ConversationStatus.NeedsHuman => "needs_human",
        ConversationStatus.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    private static ConversationStatus ParseStatus(string text) => text switch
    {
        "open" => ConversationStatus.Open,
        "needs_human" => ConversationStatus.NeedsHuman,
        "closed" => ConversationStatus.Closed,
        _ => throw new InvalidOperationException($"Unknown conversation status '{text}'."),
    };

    private static string ToText(MessageRole role) => role.ToString().ToLowerInvariant();
}
