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
