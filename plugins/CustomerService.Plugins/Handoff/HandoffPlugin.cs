using System.ComponentModel;
using CustomerService.Abstractions.Conversations;
using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Messaging;

namespace CustomerService.Plugins.Handoff;

/// <summary>Hands the current conversation to a human agent.</summary>
public sealed class HandoffPlugin(IEventBus bus, IConversationContextAccessor conversation, TimeProvider time)
{
    /// <summary>The routing code on <see cref="HandoffRequested.Reason"/>, next to <c>low_confidence</c> and <c>customer_request</c>.</summary>
    public const string ReasonCode = "agent_request";

    /// <summary>What the web chat shows while a person is found.</summary>
    public const string CustomerNotice = "正在为您转接人工客服…";

    [Description("Requests a human agent for this conversation: when the customer asks for a person, when the retrieved context does not answer the question, or when the customer is upset. Write a summary so the human does not have to ask again.")]
    public async Task<string> RequestHumanAsync(
        [Description("Why a human is needed, in one short sentence.")] string reason,
        [Description("A summary of the conversation for the human agent: what the customer wants, what was already tried or answered, and the details given (order number, dates).")] string summary,
        CancellationToken cancellationToken = default)
    {
        if (conversation.Current is not { } context)
        {
            return PluginReplies.NoConversation;
        }

        // The pipeline announces HandoffRequested once, when it marks the conversation needs_human (the responder
        // reports this call as a hand-off); the plugin adds what only the model knows: its reason and summary.
        // Never refused for a thin reason or summary: a customer who needs a person must get one.
        var now = time.GetUtcNow();
        await bus.PublishAsync(
            new HandoffSummaryWritten(context.ConversationId, reason?.Trim() ?? "", summary?.Trim() ?? "") { OccurredAt = now },
            cancellationToken);
        return $"A human agent has been requested and has your summary. Tell the customer: {CustomerNotice}";
    }
}
