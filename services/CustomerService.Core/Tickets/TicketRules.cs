using CustomerService.Core.Agent;
using CustomerService.Core.Conversations;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Tickets;

/// <summary>
/// Opens the ticket a turn's reply calls for, through the same <c>create_ticket</c> tool the LLM agent uses:
/// the ticket's customer and conversation come from the turn's context, and <c>TicketCreated</c> is published once.
/// </summary>
public sealed partial class TicketRules(
    IEnumerable<AIFunction> tools, IOptionsMonitor<TicketRuleOptions> options, ILogger<TicketRules> logger, IChatClient? model = null)
{
    private readonly AIFunction? _createTicket = TicketTool.Find(tools);

    public async Task<AgentReply> ApplyAsync(ConversationTurn turn, AgentReply reply, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        // A hand-off, or one deferred until opening time (its reason kept, see AfterHoursHandoff).
        var rule = reply.Handoff || reply.HandoffReason is not null
            ? settings.ForHandoff(reply.HandoffReason)
            : model is null ? settings.Rules.FirstOrDefault(r => r.Intent is { } intent && string.Equals(intent, reply.MatchedIntent, StringComparison.Ordinal)) : null;
        if (rule is null || _createTicket is null)
        {
            return reply;
        }

        // Anything but a confirmation means no ticket, and the reply promises none.
        if (await TicketTool.CreateAsync(_createTicket, turn.Text, rule.Category, rule.Urgency, cancellationToken) is null)
        {
            LogNotOpened(logger, turn.Conversation.Id, rule.Intent ?? rule.HandoffReason ?? "");
            return reply;
        }

        // turn.Text, not the message: after a picked suggestion the message is only "2", the question is the earlier one.
        var line = ReplyLanguage.Pick(settings.Messages, turn.Text).Replace("{category}", rule.Category, StringComparison.Ordinal);
        return reply with { Text = $"{reply.Text}\n\n{line}" };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No ticket opened for {Trigger} in {ConversationId}")]
    private static partial void LogNotOpened(ILogger logger, string conversationId, string trigger);
}
