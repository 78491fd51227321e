using CustomerService.Core.Conversations;
using CustomerService.Core.Knowledge;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Agent;

/// <summary>
/// Answers with the best-matching FAQ entry's own answer when the match is confident enough;
/// otherwise replies with the fallback and asks for a human. Needs no model.
/// </summary>
internal sealed class ExtractiveResponder(FaqCatalog catalog, IOptionsMonitor<AgentOptions> options) : IResponder
{
    public Task<AgentReply> RespondAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var best = catalog.Search(turn.Text, top: 1) is [var match, ..] ? match : null;
        var confidence = Math.Round(best?.Score ?? 0, 4);
        if (best is not null && confidence >= settings.AnswerThreshold)
        {
            return Task.FromResult(new AgentReply(best.Entry.Answer, confidence, best.Entry.Intent, best.Entry.Id, Handoff: false));
        }

        var fallback = ReplyLanguage.Pick(settings.FallbackMessages, turn.Text);
        return Task.FromResult(new AgentReply(fallback, confidence, MatchedIntent: null, SourceId: null, Handoff: true, "low_confidence"));
    }
}
