using CustomerService.Core.Agent;
using CustomerService.Core.Conversations;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Handoff;

/// <summary>
/// An upset customer ("太差了！", "this is a scam") gets an apology and a person, not another bot answer:
/// a message scoring below <c>Handoff:SentimentThreshold</c> hands off.
/// </summary>
internal sealed class NegativeSentimentPolicy(IOptionsMonitor<HandoffOptions> options) : IConversationPolicy
{
    // The scorer's lexicon, built once per settings instance rather than on every message.
    private Prepared? _prepared;

    private sealed record Prepared(HandoffOptions Settings, SentimentScorer Scorer);

    public ValueTask<AgentReply?> EvaluateAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        // The message as sent: a masked swear word in turn.Text is still anger.
        var score = ScorerFor(settings).Score(turn.Message.Text);
        if (score >= settings.SentimentThreshold)
        {
            return ValueTask.FromResult<AgentReply?>(null);
        }

        var reply = ReplyLanguage.Pick(settings.SentimentMessages, turn.Message.Text);
        return ValueTask.FromResult<AgentReply?>(new AgentReply(reply, 1.0, MatchedIntent: null, Handoff: true, "negative_sentiment"));
    }

    private SentimentScorer ScorerFor(HandoffOptions settings)
    {
        if (_prepared is not { } prepared || !ReferenceEquals(prepared.Settings, settings))
        {
            prepared = new Prepared(settings, new SentimentScorer(settings.NegativeWords));
            _prepared = prepared;
        }

        return prepared.Scorer;
    }
}
