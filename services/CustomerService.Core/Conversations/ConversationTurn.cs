using CustomerService.Abstractions.Conversations;
using CustomerService.Core.Agent;

namespace CustomerService.Core.Conversations;

/// <summary>A message as it arrives from any channel, already verified and normalised by the channel.</summary>
public sealed record InboundMessage(string Channel, string CustomerId, string Text);

/// <summary>What policies and the responder see of one customer turn.</summary>
public sealed record ConversationTurn(Conversation Conversation, InboundMessage Message)
{
    public string Text => Message.Text;
}

/// <param name="Reply">What the customer is sent.</param>
public sealed record TurnResult(string ConversationId, AgentReply Reply);

/// <summary>
/// A rule that runs before the responder, in registration order, and may answer the turn itself
/// (business hours, sensitive words, an explicit request for a person …). Null lets the turn go on.
/// </summary>
public interface IConversationPolicy
{
    ValueTask<AgentReply?> EvaluateAsync(ConversationTurn turn, CancellationToken cancellationToken);
}
