using CustomerService.Abstractions.State;
using CustomerService.Core.Agent;
using CustomerService.Core.Conversations;
using CustomerService.Core.Tickets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.BusinessHours;

/// <summary>
/// The customer's next message after an after-hours offer (see <see cref="AfterHoursHandoff"/>) becomes a ticket through the
/// <c>create_ticket</c> tool, and the reply says when they will be contacted; a decline ("不用了") files nothing.
/// Registered after the sensitive-words policy, so a blocked message never becomes a ticket, and after the request for a
/// person, so "转人工" repeats the offer instead of being filed as the message.
/// </summary>
internal sealed partial class LeaveMessagePolicy(
    BusinessCalendar calendar,
    IStateStore state,
    IEnumerable<AIFunction> tools,
    IOptionsMonitor<BusinessHoursOptions> options,
    TimeProvider time,
    ILogger<LeaveMessagePolicy> logger) : IConversationPolicy
{
    private readonly AIFunction? _createTicket = TicketTool.Find(tools);

    public async ValueTask<AgentReply?> EvaluateAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        // Only a channel with hours makes offers: every other turn costs a dictionary lookup, not a state read.
        if (calendar.For(turn.Conversation.Channel) is not { } schedule)
        {
            return null;
        }

        var key = AwaitedMessage.Key(turn.Conversation.Id);
        if (await state.GetAsync<AwaitedMessage>(key, cancellationToken) is not { } entry
            // The ETag makes the claim exclusive: of two instances racing on the message, one deletes and files it.
            || !await state.DeleteAsync(key, entry.ETag, cancellationToken))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var awaited = entry.Value;
        if (awaited.Until <= now)
        {
            return null; // the offer lapsed: this is an ordinary turn
        }

        var settings = options.CurrentValue;
        if (Declines(settings, turn.Message.Text))
        {
            return Reply(ScheduleWording.Fill(ReplyLanguage.Pick(settings.DeclinedMessages, turn.Message.Text), settings, schedule, now, turn.Message.Text));
        }

        var ticket = _createTicket is null ? null : await TicketTool.CreateAsync(_createTicket, Question(settings, turn.Text, awaited.Question),
            settings.TicketCategory, settings.TicketUrgency, cancellationToken);
        if (ticket is null)
        {
            LogNotFiled(logger, turn.Conversation.Id);
            return null; // answered as an ordinary turn rather than promising a ticket that does not exist
        }

        LogFiled(logger, turn.Conversation.Id, ticket);
        var received = ReplyLanguage.Pick(settings.ReceivedMessages, turn.Message.Text).Replace("{ticket}", ticket, StringComparison.Ordinal);
        return Reply(ScheduleWording.Fill(received, settings, schedule, now, turn.Message.Text));
    }

    /// <summary>What the person who takes the ticket reads: the message, and the question before the offer when it says something else.</summary>
    internal static string Question(BusinessHoursOptions settings, string message, string earlier) =>
        string.IsNullOrWhiteSpace(earlier) || WholeMessage.Squash(earlier) == WholeMessage.Squash(message)
            ? message.Trim()
            : settings.TicketQuestion.Replace("{earlier}", earlier.Trim(), StringComparison.Ordinal).Replace("{message}", message.Trim(), StringComparison.Ordinal);

    private static bool Declines(BusinessHoursOptions settings, string text)
    {
        var message = WholeMessage.Squash(text);
        return message.Length > 0 && settings.DeclinePhrases.Any(p => WholeMessage.Squash(p) == message);
    }

    private static AgentReply Reply(string text) => new(text, 1.0, MatchedIntent: null, Handoff: false);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message left in {ConversationId} filed as ticket {TicketId}")]
    private static partial void LogFiled(ILogger logger, string conversationId, string ticketId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The message left in {ConversationId} could not be filed as a ticket")]
    private static partial void LogNotFiled(ILogger logger, string conversationId);
}
