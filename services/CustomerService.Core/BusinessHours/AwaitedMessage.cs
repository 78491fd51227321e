namespace CustomerService.Core.BusinessHours;

/// <summary>
/// A conversation waits for the customer's message after an after-hours offer, until <paramref name="Until"/>.
/// </summary>
/// <param name="Question">What the customer asked when the bot would have handed off: context for whoever takes the ticket.</param>
/// <param name="HandoffReason">Why it would have handed off; a ticket rule for that reason sets the ticket's category and urgency.</param>
internal sealed record AwaitedMessage(string Question, string? HandoffReason, DateTimeOffset Until)
{
    public static string Key(string conversationId) => $"leave-message/{conversationId}";
}
