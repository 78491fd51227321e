using CustomerService.Core.Agent;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Conversations.Closing;

/// <summary>
/// "谢谢", "没有了", "that's all": a customer who signs off gets a goodbye and the conversation closes, so
/// journeys that start when a chat ends (the satisfaction survey) can begin. Only whole messages count:
/// "谢谢，那怎么退货" is a question, not a goodbye.
/// </summary>
internal sealed class ClosingPolicy(IOptionsMonitor<ClosingOptions> options) : IConversationPolicy
{
    public ValueTask<AgentReply?> EvaluateAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var message = WholeMessage.Squash(turn.Message.Text);
        if (message.Length == 0 || !settings.Phrases.Any(p => WholeMessage.Squash(p) == message))
        {
            return ValueTask.FromResult<AgentReply?>(null);
        }

        var goodbye = ReplyLanguage.Pick(settings.Messages, turn.Message.Text);
        return ValueTask.FromResult<AgentReply?>(new AgentReply(goodbye, 1.0, MatchedIntent: null, Handoff: false) { ClosesConversation = true });
    }

}
