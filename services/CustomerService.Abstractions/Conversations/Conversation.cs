namespace CustomerService.Abstractions.Conversations;

public enum ConversationStatus
{
    Open,
    NeedsHuman,
    Closed,
}

public sealed record Conversation(
    string Id,
    string Channel,
    string CustomerId,
    ConversationStatus Status,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt);

public enum MessageRole
{
    Customer,
    Bot,
    Agent,
    System,
}

/// <param name="MatchedIntent">For bot replies: the knowledge entry the reply came from.</param>
/// <param name="Handoff">For bot replies: the reply handed the conversation to a person; null for other messages and
/// replies stored before it was recorded.</param>
/// <param name="Citations">For bot replies: the ids of the FAQ entries or documents the reply cites (empty: none); null as
/// for <paramref name="Handoff"/>.</param>
public sealed record ChatMessage(
    string ConversationId,
    MessageRole Role,
    string Text,
    DateTimeOffset SentAt,
    string? MatchedIntent = null,
    double? Confidence = null,
    bool? Handoff = null,
    IReadOnlyList<string>? Citations = null);

/// <summary>
/// A stored message with its position: sequences only grow within a conversation and are never reused, so a reader
/// that remembers the last one it saw can resume exactly after it. They need not be consecutive.
/// </summary>
public sealed record SequencedMessage(long Sequence, ChatMessage Message);
