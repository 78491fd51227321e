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
    private const int CandidateCount = 3;

    public Task<AgentReply> RespondAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var matches = catalog.Search(turn.Text, CandidateCount);
        var candidates = matches.Select(m => new Candidate(m.Entry.Id, m.Entry.Intent, Math.Round(m.Score, 4))).ToList();
        var confidence = candidates.Count > 0 ? candidates[0].Score : 0;
        if (matches.Count > 0 && confidence >= settings.AnswerThreshold)
        {
            var best = matches[0].Entry;
            return Task.FromResult(new AgentReply(best.Answer, confidence, best.Intent, Handoff: false)
            {
                Citations = [new Citation(best.Id, best.Questions[0])],
                Candidates = candidates,
            });
        }

        var fallback = ReplyLanguage.Pick(settings.FallbackMessages, turn.Text);
        return Task.FromResult(new AgentReply(fallback, confidence, MatchedIntent: null, Handoff: true, "low_confidence") { Candidates = candidates });
    }
}
