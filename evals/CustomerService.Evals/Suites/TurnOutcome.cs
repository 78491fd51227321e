namespace CustomerService.Evals.Suites;

/// <summary>What the bot did with one turn, as far as the target can observe it.</summary>
/// <param name="Error">Set when the turn could not be played (HTTP error, unsupported channel); the rest is then empty.</param>
/// <param name="TagsAdded">Tags the turn added to the customer; null when the target does not report tags.</param>
/// <param name="Tickets">Tickets the turn created; null when the target does not report tickets.</param>
internal sealed record TurnOutcome(
    string Reply,
    double Confidence,
    string? MatchedIntent,
    bool Handoff,
    IReadOnlyList<string> Citations,
    double LatencyMs,
    string? Error = null,
    IReadOnlyList<string>? TagsAdded = null,
    IReadOnlyList<TicketOutcome>? Tickets = null)
{
    public static TurnOutcome Failed(string error, double latencyMs) => new("", 0, null, false, [], latencyMs, error);
}

internal sealed record TicketOutcome(string? Category, string? Urgency);
