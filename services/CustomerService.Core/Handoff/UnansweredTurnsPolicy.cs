using CustomerService.Abstractions.Conversations;
using CustomerService.Core.Agent;
using CustomerService.Core.Conversations;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Handoff;

/// <summary>
/// After <c>Handoff:UnansweredLimit</c> bot replies in a row that answered nothing (no knowledge entry
/// and a confidence below <c>Agent:AnswerThreshold</c>), this turn goes to a person rather than
/// giving the customer another miss.
/// </summary>
/// <remarks>
/// Policies run before the responder, so only earlier turns are known. Hand-off notices sent by
/// policies carry confidence 1 and so never count as misses; a human agent's message ends the run.
/// A conversation that already needs a person is left alone: the responder's own low-confidence
/// hand-off notice looks like a miss in the transcript, and answering the next question beats
/// repeating that a person is coming.
/// </remarks>
internal sealed class UnansweredTurnsPolicy(
    IConversationStore store,
    IOptionsMonitor<HandoffOptions> options,
    IOptionsMonitor<AgentOptions> agentOptions) : IConversationPolicy
{
    // Several customer lines can sit between two replies; this covers the largest allowed limit with room.
    private const int TranscriptWindow = 20;

    public async ValueTask<AgentReply?> EvaluateAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        if (turn.Conversation.Status == ConversationStatus.NeedsHuman)
        {
            return null;
        }

        var settings = options.CurrentValue;
        var threshold = agentOptions.CurrentValue.AnswerThreshold;
        var earlier = await TurnHistory.EarlierAsync(store, turn, TranscriptWindow, cancellationToken);

        var misses = 0;
        for (var i = earlier.Count - 1; i >= 0 && misses < settings.UnansweredLimit; i--)
        {
            var message = earlier[i];
            if (message.Role == MessageRole.Agent)
            {
                break;
            }

            if (message.Role != MessageRole.Bot)
            {
                continue;
            }

            var unanswered = message.MatchedIntent is null && (message.Confidence ?? 0) < threshold;
            if (!unanswered)
            {
                break;
            }

            misses++;
        }

        if (misses < settings.UnansweredLimit)
        {
            return null;
        }

        var reply = ReplyLanguage.Pick(settings.UnansweredMessages, turn.Message.Text);
        return new AgentReply(reply, 1.0, MatchedIntent: null, Handoff: true, "unanswered_turns");
    }
}
