using CustomerService.Abstractions.Conversations;
using CustomerService.Abstractions.Messaging;
using CustomerService.Abstractions.Timers;
using CustomerService.Core.BusinessHours;

namespace CustomerService.Core.Agent.Ladder;

/// <summary>
/// A customer asked to rephrase who is still unresolved when the clock runs out is handed to a person. Outside the
/// channel's business hours nobody would take it: the conversation stays as it is, and the customer's next miss gets
/// the offer to leave a message like any other hand-off there.
/// </summary>
internal sealed class ClarifyTimeoutHandler(
    ConversationMemory memory, IConversationStore store, IEventBus bus, BusinessCalendar calendar, TimeProvider time) : IDurableTimerHandler
{
    public string Kind => AnswerLadder.TimeoutKind;

    public async Task OnTimerAsync(DurableTimer timer, CancellationToken cancellationToken)
    {
        var conversationId = timer.Payload ?? "";
        var (current, etag) = await memory.ReadAsync(conversationId, cancellationToken);
        if (current.Misses == 0 || await store.FindAsync(conversationId, cancellationToken) is not { Status: ConversationStatus.Open } conversation)
        {
            return; // answered, handed off or closed meanwhile
        }

        var now = time.GetUtcNow();
        if (!calendar.IsOpen(conversation.Channel, now))
        {
            return;
        }

        await memory.WriteAsync(conversationId, AgentMemory.Empty, etag, cancellationToken);
        await store.AppendAsync(new ChatMessage(conversationId, MessageRole.System, "unresolved after the clarify window: handed to a person", now),
            ConversationStatus.NeedsHuman, cancellationToken);
        await bus.PublishAsync(new HandoffRequested(conversationId, conversation.Channel, conversation.CustomerId, "unresolved_timeout", 0)
            { OccurredAt = now }, cancellationToken);
    }
}
