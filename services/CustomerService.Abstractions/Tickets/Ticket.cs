namespace CustomerService.Abstractions.Tickets;

public enum TicketUrgency
{
    Low,
    Normal,
    High,
    Urgent,
}

public enum TicketStatus
{
    Open,
    InProgress,
    Resolved,
    Closed,
}

/// <summary>A question the bot could not settle, left for a person to follow up.</summary>
public sealed record Ticket(
    string Id,
    string CustomerId,
    string ConversationId,
    string Channel,
    string Question,
    string Category,
    TicketUrgency Urgency,
    TicketStatus Status,
    DateTimeOffset CreatedAt)
{
    public const int MaxQuestionLength = 2000;
    public const int MaxCategoryLength = 32;

    /// <summary>How the <c>create_ticket</c> tool's answer begins when a ticket was created (the ticket rules read it).</summary>
    public const string CreatedConfirmation = "Created ticket";
}
