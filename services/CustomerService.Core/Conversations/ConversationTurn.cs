using CustomerService.Abstractions.Conversations;
using CustomerService.Abstractions.Customers;
using CustomerService.Core.Agent;

namespace CustomerService.Core.Conversations;

/// <summary>A message as it arrives from any channel, already verified and normalised by the channel.</summary>
/// <param name="CustomerId">The channel's own id for the sender (web chat visitor id, WeCom external_userid …), not the OneID.</param>
/// <param name="Identity">What the channel verified about the sender (a signed login, a WeCom callback); links accounts into one customer.</param>
/// <param name="Source">The channel code (活码) the sender arrived through, when the channel knows one; recorded and tagged per customer.</param>
public sealed record InboundMessage(string Channel, string CustomerId, string Text, VerifiedIdentity? Identity = null, ChannelSource? Source = null);

/// <summary>What policies and the responder see of one customer turn; policies may shape it before the responder runs.</summary>
/// <param name="customerId">The sender's OneID; by default the conversation's channel account (turns built outside the pipeline).</param>
public sealed class ConversationTurn(Conversation conversation, InboundMessage message, string? customerId = null)
{
    /// <summary>The conversation on the message's channel account: replies, transcript and per-channel state follow it.</summary>
    public Conversation Conversation { get; } = conversation;

    /// <summary>The customer's OneID, across channels: tags, tickets and the profile belong to it.</summary>
    public string CustomerId { get; } = customerId ?? conversation.CustomerId;

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
