using CustomerService.Core.Conversations;

namespace CustomerService.Core.Agent;

/// <summary>Produces the bot's reply to one customer turn. Extractive today; the LLM agent implements the same port.</summary>
public interface IResponder
{
    Task<AgentReply> RespondAsync(ConversationTurn turn, CancellationToken cancellationToken);
}

/// <param name="MatchedIntent">Intent of the knowledge entry the reply came from; null when none.</param>
/// <param name="Handoff">The conversation needs a human.</param>
/// <param name="HandoffReason">Why, for routing and reports: <c>low_confidence</c>, <c>customer_request</c> …; kept with
/// <paramref name="Handoff"/> false when the hand-off waits for business hours behind a ticket.</param>
public sealed record AgentReply(
    string Text,
    double Confidence,
    string? MatchedIntent,
    bool Handoff,
    string? HandoffReason = null)
{
    /// <summary>The knowledge the reply was taken from.</summary>
    public IReadOnlyList<Citation> Citations { get; init; } = [];

    /// <summary>The best knowledge entries for the turn, best first, whether or not one was used.</summary>
    public IReadOnlyList<Candidate> Candidates { get; init; } = [];

    /// <summary>The turn ends the conversation (the customer signed off); the next message opens a new one.</summary>
    public bool ClosesConversation { get; init; }
}

/// <param name="Id">The FAQ entry or document id.</param>
/// <param name="Title">What a person sees: the entry's canonical question, a document's title.</param>
public sealed record Citation(string Id, string Title);

public sealed record Candidate(string Id, string Intent, double Score);
