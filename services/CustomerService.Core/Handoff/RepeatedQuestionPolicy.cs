using CustomerService.Abstractions.Conversations;
using CustomerService.Core.Agent;
using CustomerService.Core.Conversations;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Handoff;

/// <summary>
/// A customer who asks the same question again and again was not helped by the answers: after
/// <c>Handoff:RepeatLimit</c> times (this message included) a person takes over.
/// </summary>
internal sealed class RepeatedQuestionPolicy(IConversationStore store, IOptionsMonitor<HandoffOptions> options) : IConversationPolicy
{
    // Ten customer turns with their replies: enough for the largest allowed RepeatLimit.
    private const int TranscriptWindow = 20;

    public async ValueTask<AgentReply?> EvaluateAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        // The transcript keeps the message as sent, so compare with that rather than a masked turn.Text.
        var question = QuestionSimilarity.Normalise(turn.Message.Text);
        // Acknowledgements and suggestion picks ("2") repeat in normal conversations.
        if (question.Length < settings.RepeatMinLength || question.All(char.IsAsciiDigit))
        {
            return null;
        }

        var earlier = await TurnHistory.EarlierAsync(store, turn, TranscriptWindow, cancellationToken);
        var times = 1 + QuestionSimilarity.CountSame(question,
            earlier.Where(m => m.Role == MessageRole.Customer).Select(m => QuestionSimilarity.Normalise(m.Text)), settings.RepeatSimilarity);
        if (times < settings.RepeatLimit)
        {
            return null;
        }

        var reply = ReplyLanguage.Pick(settings.RepeatedMessages, turn.Message.Text);
        return new AgentReply(reply, 1.0, MatchedIntent: null, Handoff: true, "repeated_question");
    }
}
