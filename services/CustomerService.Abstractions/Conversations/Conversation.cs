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
public sealed record ChatMessage(
    string ConversationId,
    MessageRole Role,
    string Text,
    DateTimeOffset SentAt,
    string? MatchedIntent = null,
    double? Confidence = null);

/// <summary>
/// A stored message with its position: sequences only grow within a conversation and are never reused, so a reader
/// that remembers the last one it saw can resume exactly after it. They need not be consecutive.
/// </summary>
public sealed record SequencedMessage(long Sequence, ChatMessage Message);
