namespace CustomerService.Core.BusinessHours;

/// <summary>
/// A conversation waits for the customer's message after an after-hours offer, until <paramref name="Until"/>.
/// </summary>
/// <param name="Question">What the customer asked when the bot would have handed off: context for whoever takes the ticket.</param>
/// <remarks>A hand-off a ticket rule files (a complaint) never waits here: <see cref="AfterHoursHandoff"/> files it at once.</remarks>
internal sealed record AwaitedMessage(string Question, DateTimeOffset Until)
{
    public static string Key(string conversationId) => $"leave-message/{conversationId}";
}
