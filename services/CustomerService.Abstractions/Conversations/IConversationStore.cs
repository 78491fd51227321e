namespace CustomerService.Abstractions.Conversations;

/// <summary>Durable conversations and their transcripts.</summary>
public interface IConversationStore
{
    /// <summary>The customer's conversation on this channel that is not closed, or a new one.</summary>
    Task<Conversation> GetOrOpenAsync(string channel, string customerId, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<Conversation?> FindAsync(string conversationId, CancellationToken cancellationToken = default);

    Task AppendAsync(ChatMessage message, CancellationToken cancellationToken = default);

    /// <summary>Records the bot's reply and, in the same write, the conversation's new status.</summary>
    Task AppendAsync(ChatMessage message, ConversationStatus status, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ChatMessage>> ListMessagesAsync(string conversationId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The conversation's messages stored after <paramref name="afterSequence"/> (0: from the first), oldest first, at most
    /// <paramref name="limit"/>. Live views resume from the last sequence they showed, so nothing is missed or shown twice.
    /// </summary>
    Task<IReadOnlyList<SequencedMessage>> ListMessagesAfterAsync(string conversationId, long afterSequence, int limit,
        CancellationToken cancellationToken = default);
}
