using CustomerService.Abstractions.Conversations;
using CustomerService.Core.Agent;

namespace CustomerService.Core.Conversations;

/// <summary>A message as it arrives from any channel, already verified and normalised by the channel.</summary>
public sealed record InboundMessage(string Channel, string CustomerId, string Text);

/// <summary>What policies and the responder see of one customer turn; policies may shape it before the responder runs.</summary>
public sealed class ConversationTurn(Conversation conversation, InboundMessage message)
{
    public Conversation Conversation { get; } = conversation;

    /// <summary>The message as the customer sent it (and as the transcript keeps it).</summary>
    public InboundMessage Message { get; } = message;

    /// <summary>What the responder (and any LLM) sees: the message, unless a policy masked part of it.</summary>
    public string Text { get; set; } = message.Text;

    /// <summary>Lines sent before the reply, in order (a welcome, a notice about business hours …).</summary>
    public List<string> Prefaces { get; } = [];

    /// <summary>The transcript before this turn, read once for all the policies that look at it.</summary>
    internal Task<IReadOnlyList<ChatMessage>>? EarlierMessages { get; set; }
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
