using CustomerService.Abstractions.Conversations;
using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Messaging;
using CustomerService.Core.Agent;
using CustomerService.Core.BusinessHours;
using CustomerService.Core.Customers;
using CustomerService.Core.Tickets;
using Microsoft.Extensions.Logging;

namespace CustomerService.Core.Conversations;

/// <summary>
/// Runs one customer turn: persist it, let the policies speak first, otherwise ask the responder, turn a hand-off outside
/// business hours into an offer to leave a message, open the ticket a rule asks for, persist the reply with the
/// conversation's new status, and announce a hand-off once.
/// Turns of the same customer run one at a time, in arrival order.
/// <para>
/// Two ids meet here. The channel account (channel + the message's customer id) keeps what belongs to where the
/// customer writes from: the conversation, its transcript and replies, the turn lock, the welcome. The OneID keeps what
/// belongs to the person, on every channel: tags and tickets, through the turn's <see cref="ConversationContext"/>.
/// </para>
/// <para>A message's channel code (活码) is recorded for its OneID before any policy runs: even a blocked message arrived
/// through it. The arrivals service is optional for pipelines built by hand (tests); the host always has it, and the
/// activity that live views (the web chat stream) wait on.</para>
/// </summary>
public sealed partial class ConversationPipeline(
    IConversationStore store,
    OneIdResolver oneIds,
    IEnumerable<IConversationPolicy> policies,
    IResponder responder,
    AfterHoursHandoff afterHours,
    TicketRules ticketRules,
    IEventBus bus,
    IConversationContextAccessor conversationContext,
    RecentMessages recent,
    TimeProvider time,
    ILogger<ConversationPipeline> logger,
    ChannelArrivals? arrivals = null,
    ConversationActivity? activity = null)
{
    private const int Stripes = 256;
    private readonly SemaphoreSlim[] _customerLocks = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly IConversationPolicy[] _policies = [.. policies];

    public async Task<TurnResult> HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var customerLock = _customerLocks[(uint)HashCode.Combine(message.Channel, message.CustomerId) % Stripes];
        await customerLock.WaitAsync(cancellationToken);
        try
        {
            var customerId = await oneIds.ResolveAsync(message.Channel, message.CustomerId, message.Identity, cancellationToken);
            // Only messages that carry a channel code pay for it; the rest skip it on this null check.
            if (message.Source is { } source && arrivals is not null)
            {
                await arrivals.RecordAsync(customerId, message.Channel, source, cancellationToken);
            }

            var conversation = await store.GetOrOpenAsync(message.Channel, message.CustomerId, time.GetUtcNow(), cancellationToken);
            // Tools (tagging, tickets, hand-off) take the customer and conversation from here, never from the model.
            using var identity = conversationContext.Begin(new ConversationContext(customerId, conversation.Id, message.Channel));
            var customerMessage = new ChatMessage(conversation.Id, MessageRole.Customer, message.Text, time.GetUtcNow());
            await store.AppendAsync(customerMessage, cancellationToken);
            // Live views show the customer's message and the bot typing until the reply is stored.
            using var working = activity?.BeginTurn(conversation.Id);

            var turn = new ConversationTurn(conversation, message, customerId);
            if (recent.TryGet(conversation.Id, out var earlier))
            {
                turn.EarlierMessages = Task.FromResult(earlier);
            }

            // After hours first: the offer replaces the hand-off, so a hand-off's ticket rule does not file a second ticket
            // beside the message the customer is about to leave (that message takes the rule's category instead).
            var decided = await afterHours.ApplyAsync(turn, await DecideAsync(turn, cancellationToken), cancellationToken);
            var reply = await ticketRules.ApplyAsync(turn, decided, cancellationToken);
            if (turn.Prefaces.Count > 0)
            {
                reply = reply with { Text = string.Join("\n\n", [.. turn.Prefaces, reply.Text]) };
            }

            // Announce the hand-off before the status that suppresses a second one is stored: a crash in
            // between then repeats the announcement (handlers dedupe) instead of losing it.
            if (reply.Handoff && conversation.Status != ConversationStatus.NeedsHuman)
            {
                await bus.PublishAsync(new HandoffRequested(conversation.Id, message.Channel, message.CustomerId,
                    reply.HandoffReason ?? "unspecified", reply.Confidence) { OccurredAt = time.GetUtcNow() }, cancellationToken);
                LogHandoff(logger, conversation.Id, message.Channel, reply.HandoffReason ?? "unspecified", reply.Confidence);
            }

            var status = reply.ClosesConversation ? ConversationStatus.Closed : reply.Handoff ? ConversationStatus.NeedsHuman : conversation.Status;
            var botMessage = new ChatMessage(conversation.Id, MessageRole.Bot, reply.Text, time.GetUtcNow(), reply.MatchedIntent, reply.Confidence,
                reply.Handoff, [.. reply.Citations.Select(c => c.Id)]);
            await store.AppendAsync(botMessage, status, cancellationToken);
            working?.Dispose();
            await RememberAsync(turn, customerMessage, botMessage);

            if (reply.ClosesConversation)
            {
                await bus.PublishAsync(new ConversationClosed(conversation.Id, message.Channel, message.CustomerId, "customer_signed_off")
                    { OccurredAt = time.GetUtcNow() }, cancellationToken);
            }

            LogTurn(logger, conversation.Id, reply.MatchedIntent, reply.Confidence, reply.Handoff);
            return new TurnResult(conversation.Id, reply);
        }
        finally
        {
            customerLock.Release();
        }
    }

    // What a policy read from the store (or the copy already held) plus this turn's two messages is the start of the next turn.
    private async Task RememberAsync(ConversationTurn turn, ChatMessage customerMessage, ChatMessage botMessage)
    {
        var id = turn.Conversation.Id;
        if (!recent.TryGet(id, out _) && turn.EarlierMessages is { } read)
        {
            recent.Hold(id, await read);
        }

        recent.Append(id, customerMessage);
        recent.Append(id, botMessage);
    }

    private async Task<AgentReply> DecideAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        foreach (var policy in _policies)
        {
            if (await policy.EvaluateAsync(turn, cancellationToken) is { } decided)
            {
                return decided;
            }
        }

        return await responder.RespondAsync(turn, cancellationToken);
    }

    // Only ids and scores: the customer's words never go to the logs.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Turn in {ConversationId}: intent {Intent}, confidence {Confidence}, handoff {Handoff}")]
    private static partial void LogTurn(ILogger logger, string conversationId, string? intent, double confidence, bool handoff);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} on {Channel} handed off ({Reason}, confidence {Confidence})")]
    private static partial void LogHandoff(ILogger logger, string conversationId, string channel, string reason, double confidence);
}
