using CustomerService.Abstractions.State;
using CustomerService.Core.Agent;
using CustomerService.Core.Conversations;
using CustomerService.Core.Tickets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.BusinessHours;

/// <summary>
/// Outside a channel's hours nobody would take a hand-off: the reply offers to take a message instead (no
/// <c>HandoffRequested</c>, the conversation stays open), and the conversation remembers that it waits for one.
/// A hand-off a ticket rule files (a complaint) is filed at once instead: the customer's words are the matter, and
/// a customer who leaves nothing more must not lose it. Replies that do not hand off, and channels inside their
/// hours, pass unchanged.
/// </summary>
public sealed partial class AfterHoursHandoff(
    BusinessCalendar calendar,
    IStateStore state,
    IOptionsMonitor<BusinessHoursOptions> options,
    TimeProvider time,
    ILogger<AfterHoursHandoff> logger,
    IOptionsMonitor<TicketRuleOptions> ticketRules)
{
    public ValueTask<AgentReply> ApplyAsync(ConversationTurn turn, AgentReply reply, CancellationToken cancellationToken)
    {
        // Most turns do not hand off, and most channels have no hours: both leave without a clock read or an allocation.
        if (!reply.Handoff || calendar.For(turn.Conversation.Channel) is not { } schedule)
        {
            return ValueTask.FromResult(reply);
        }

        var now = time.GetUtcNow();
        return schedule.IsOpen(now) ? ValueTask.FromResult(reply) : new(OfferAsync(turn, reply, schedule, now, cancellationToken));
    }

    private async Task<AgentReply> OfferAsync(ConversationTurn turn, AgentReply reply, ChannelSchedule schedule, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (ticketRules.CurrentValue.ForHandoff(reply.HandoffReason) is not null)
        {
            // The hand-off stays deferred, its reason kept: the ticket rules file it, and the reply says when a person looks.
            LogDeferred(logger, turn.Conversation.Id, turn.Conversation.Channel, reply.HandoffReason ?? "unspecified");
            var closed = ScheduleWording.Fill(ReplyLanguage.Pick(settings.ClosedMessages, turn.Message.Text), settings, schedule, now, turn.Message.Text);
            return reply with { Text = $"{reply.Text}\n\n{closed}", Handoff = false };
        }

        var key = AwaitedMessage.Key(turn.Conversation.Id);
        var earlier = await state.GetAsync<AwaitedMessage>(key, cancellationToken);
        // Asked again while a message is awaited ("转人工" once more): the question that started it stays the context.
        var awaited = earlier is { } e && e.Value.Until > now
            ? e.Value with { Until = now + settings.MessageWindow }
            : new AwaitedMessage(turn.Text, now + settings.MessageWindow);
        try
        {
            await state.SaveAsync(key, awaited, earlier?.ETag, cancellationToken);
        }
        catch (StateConflictException)
        {
            // Another instance saved the same offer for this conversation in between; its wait serves this turn too.
        }

        LogOffered(logger, turn.Conversation.Id, turn.Conversation.Channel, reply.HandoffReason ?? "unspecified");
        var offer = ScheduleWording.Fill(ReplyLanguage.Pick(settings.OfferMessages, turn.Message.Text), settings, schedule, now, turn.Message.Text);
        return reply with { Text = offer, Handoff = false, HandoffReason = null };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} on {Channel} is outside business hours: the hand-off ({Reason}) waits for opening time behind its ticket")]
    private static partial void LogDeferred(ILogger logger, string conversationId, string channel, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} on {Channel} is outside business hours: a message was offered instead of a hand-off ({Reason})")]
    private static partial void LogOffered(ILogger logger, string conversationId, string channel, string reason);
}
