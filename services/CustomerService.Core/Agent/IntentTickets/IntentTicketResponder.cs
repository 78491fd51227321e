using CustomerService.Core.Conversations;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Agent.IntentTickets;

/// <summary>
/// Wraps the extractive responder: opens the ticket an answered intent calls for, through the same <c>create_ticket</c> tool the LLM agent
/// uses, so the ticket's identity comes from the turn's conversation context and <c>TicketCreated</c> is published once.
/// </summary>
internal sealed partial class IntentTicketResponder(
    IResponder inner, IEnumerable<AIFunction> tools, IOptionsMonitor<IntentTicketOptions> options, ILogger<IntentTicketResponder> logger)
    : IResponder
{
    private const string CreateTicketTool = "create_ticket";
    private const int MaxQuestionLength = 2000;
    private readonly AIFunction? _createTicket = tools.FirstOrDefault(t => t.Name == CreateTicketTool);

    public async Task<AgentReply> RespondAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        var reply = await inner.RespondAsync(turn, cancellationToken);
        var settings = options.CurrentValue;
        var rule = settings.Rules.FirstOrDefault(r => string.Equals(r.Intent, reply.MatchedIntent, StringComparison.Ordinal));
        if (rule is null || _createTicket is null || reply.Handoff)
        {
            return reply;
        }

        var question = turn.Text.Trim();
        var arguments = new AIFunctionArguments
        {
            ["question"] = question.Length > MaxQuestionLength ? question[..MaxQuestionLength] : question,
            ["category"] = rule.Category,
            ["urgency"] = rule.Urgency,
        };
        var result = await _createTicket.InvokeAsync(arguments, cancellationToken);
        // The plugin answers the model in words; anything but a confirmation means no ticket, and the answer stands alone.
        if (result?.ToString() is not { } text || !text.StartsWith("Created ticket", StringComparison.Ordinal))
        {
            LogNotOpened(logger, turn.Conversation.Id, rule.Intent);
            return reply;
        }

        return reply with { Text = $"{reply.Text}\n\n{ReplyLanguage.Pick(settings.Messages, turn.Message.Text)}" };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No ticket opened for intent {Intent} in {ConversationId}")]
    private static partial void LogNotOpened(ILogger logger, string conversationId, string intent);
}
