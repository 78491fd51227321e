using CustomerService.Core.Conversations;

namespace CustomerService.Core.Agent;

/// <summary>Produces the bot's reply to one customer turn. Extractive today; the LLM agent implements the same port.</summary>
public interface IResponder
{
    Task<AgentReply> RespondAsync(ConversationTurn turn, CancellationToken cancellationToken);
}

/// <param name="MatchedIntent">Intent of the knowledge entry the reply came from; null when none.</param>
/// <param name="SourceId">Id of that entry, for citations.</param>
/// <param name="Handoff">The conversation needs a human.</param>
/// <param name="HandoffReason">Why, for routing and reports: <c>low_confidence</c>, <c>customer_request</c> …</param>
public sealed record AgentReply(
    string Text,
    double Confidence,
    string? MatchedIntent,
    string? SourceId,
    bool Handoff,
    string? HandoffReason = null);
