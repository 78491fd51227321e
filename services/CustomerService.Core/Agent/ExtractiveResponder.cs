using CustomerService.Abstractions.Knowledge;
using CustomerService.Core.Agent.Calibration;
using CustomerService.Core.Agent.FollowUps;
using CustomerService.Core.Knowledge.Matching;
using CustomerService.Core.Agent.Ladder;
using CustomerService.Core.Conversations;
using CustomerService.Core.Knowledge;
using CustomerService.Core.Knowledge.Retrieval;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Agent;

/// <summary>
/// Answers with a knowledge unit's own words — an FAQ answer or a document passage — when the match is
/// confident enough; otherwise replies with the fallback and asks for a human. Needs no model.
/// Hybrid retrieval ranks the candidates; the best-ranked one is answered with when its similarity to the
/// question (the FAQ question's TF-IDF cosine, or the unit's vector cosine, whichever is higher) clears the threshold.
/// </summary>
internal sealed class ExtractiveResponder(
    KnowledgeSearch search, FaqCatalog faqs, ConfidenceCalibration calibration, AnswerLadder ladder, FollowUpDetector followUps,
    IOptionsMonitor<AgentOptions> options)
    : IResponder
{
    private const int CandidateCount = 3;

    // Enough matches of a follow-up's remainder to hold every entry about its subject.
    private const int SubjectCandidates = 10;

    // A customer who typed a known question (up to case, width, punctuation and courtesy words) gets its
    // entry at once: fusion could not rank anything above it, and the vector scan is the turn's main cost.
    private const double KnownQuestion = 0.98;

    public async Task<AgentReply> RespondAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var answerThreshold = settings.AnswerThresholdFor(turn.Conversation.Channel);
        if (settings.Scoring == AnswerScoring.IntentClassifier && faqs.Classify(turn.Text, CandidateCount) is { Count: > 0 } intents)
        {
            return await RespondByIntentAsync(turn, intents, answerThreshold, settings.Retrieval, cancellationToken);
        }

        var faqMatches = faqs.Search(turn.Text, CandidateCount * 2);
        if (faqMatches is [var known, ..] && known.Score >= KnownQuestion
            && calibration.Confidence(known.Score, faqMatches.Count > 1 ? faqMatches[1].Score : 0) is var knownConfidence
            && knownConfidence >= answerThreshold)
        {
            return await AnswerAsync(turn, known.Entry, Math.Round(knownConfidence, 4),
                [.. faqMatches.Select(m => new Candidate(m.Entry.Id, m.Entry.Intent, Math.Round(m.Score, 4)))], cancellationToken);
        }

        var judgement = await JudgeAsync(turn.Text, faqMatches, settings.Retrieval, cancellationToken);
        if (judgement.Best is { } best && judgement.Confidence >= answerThreshold)
        {
            return await AnswerAsync(turn, best.Hit, judgement.Confidence, judgement.Candidates, cancellationToken);
        }

        // Another reading only ever answers: a miss stays judged as typed, so a correction of a word the knowledge base
        // lacks ("apple" → "apply") cannot turn a clarifying question into suggestions about something else.
        foreach (var reading in MessageReadings.Of(turn.Text, faqs))
        {
            var again = await JudgeAsync(reading, settings.Retrieval, cancellationToken);
            if (again.Best is { } found && again.Confidence >= answerThreshold)
            {
                return await AnswerAsync(turn, found.Hit, again.Confidence, again.Candidates, cancellationToken);
            }
        }

        if (await followUps.DetectAsync(turn, cancellationToken) is { } followUp)
        {
            return await FollowUpAsync(turn, followUp, settings, answerThreshold, cancellationToken);
        }

        return await ladder.NotAnsweredAsync(turn, judgement.Confidence, Suggestions(judgement.Judged), judgement.Candidates, cancellationToken);
    }

    /// <summary>
    /// The remainder alone first ("那退款多久到账" is a question of its own). Otherwise the remainder names either a new
    /// subject, when entries are about it, or a detail of the topic. Of a new subject's entries the one meant is the one
    /// nearest the topic, weighed with how well it matches ("那积分呢" after 会员 is the points entry that speaks of member
    /// levels); a close call is offered. A detail is answered by the topic's entry again when its answer speaks of it
    /// ("那新疆呢" after 运费: the fee to 新疆 is in it) or the topic and the detail together still rank it first.
    /// </summary>
    private async Task<AgentReply> FollowUpAsync(ConversationTurn turn, FollowUp followUp, AgentOptions settings, double answerThreshold,
        CancellationToken cancellationToken)
    {
        var aloneMatches = faqs.Search(followUp.Remainder, SubjectCandidates);
        var alone = await JudgeAsync(followUp.Remainder, aloneMatches, settings.Retrieval, cancellationToken);
        if (alone.Best is { } best && alone.Confidence >= answerThreshold)
        {
            return await AnswerAsync(turn, best.Hit, alone.Confidence, alone.Candidates, cancellationToken);
        }

        // The cited entry's own answer: the reply may carry a welcome or a ticket line that says nothing of the topic.
        var topicAnswer = followUp.TopicSource is { } source && faqs.Find(source) is { } cited ? cited.Answer : followUp.TopicAnswer;
        var subject = FollowUpReading.SubjectTerms(followUp.Remainder);
        var subjects = aloneMatches
            .Where(m => m.Entry.Intent != followUp.TopicIntent && FollowUpReading.IsAbout(m.Entry, subject))
            .Select(m => (m.Entry, Weight: m.Score * FollowUpReading.Relatedness(topicAnswer, m.Entry.Answer, subject)))
            .OrderByDescending(s => s.Weight)
            .ToList();
        if (subjects.Count > 0)
        {
            if (subjects[0].Weight > 0 && (subjects.Count == 1 || subjects[0].Weight >= settings.FollowUps.SubjectLead * subjects[1].Weight))
            {
                return await AnswerAsync(turn, subjects[0].Entry, alone.Confidence, alone.Candidates, cancellationToken);
            }

            List<SuggestedAnswer> offered = [.. subjects.Take(CandidateCount).Select(s => Suggestion(s.Entry))];
            return await ladder.NotAnsweredAsync(turn, alone.Confidence, offered, alone.Candidates, cancellationToken);
        }

        var question = $"{followUp.TopicQuestion} {followUp.Remainder}";
        var together = await JudgeAsync(question, settings.Retrieval, cancellationToken);
        if (together.Judged.FirstOrDefault(j => j.Hit.Unit.Intent == followUp.TopicIntent) is { Hit: not null } topic
            && (FollowUpReading.Mentions(topicAnswer, subject)
                || together.Best?.Hit == topic.Hit && together.Confidence >= settings.SuggestThresholdFor(turn.Conversation.Channel)))
        {
            return await AnswerAsync(turn, topic.Hit, together.Confidence, together.Candidates, cancellationToken);
        }

        // Offered: the topic's entry and the remainder's, in the order the topic and the remainder together rank them.
        var ranked = together.Judged.Where(j => j.Hit.Unit.Intent == followUp.TopicIntent || alone.Judged.Any(a => a.Hit.Unit.SourceId == j.Hit.Unit.SourceId))
            .Concat(alone.Judged).ToList();
        return await ladder.NotAnsweredAsync(turn, alone.Confidence, Suggestions(ranked), alone.Candidates, cancellationToken);
    }

    private sealed record Judgement(List<(KnowledgeHit Hit, double Confidence)> Judged, double Confidence, List<Candidate> Candidates)
    {
        public (KnowledgeHit Hit, double Confidence)? Best => Judged.Count > 0 ? Judged[0] : null;
    }

    private Task<Judgement> JudgeAsync(string query, SearchMode retrieval, CancellationToken cancellationToken) =>
        JudgeAsync(query, faqs.Search(query, CandidateCount * 2), retrieval, cancellationToken);

    // A unit's similarity is the FAQ question's TF-IDF cosine or its vector cosine, whichever is higher.
    private async Task<Judgement> JudgeAsync(string query, IReadOnlyList<FaqMatch> faqMatches, SearchMode retrieval, CancellationToken cancellationToken)
    {
        var hits = await search.SearchAsync(query, new SearchRequest(CandidateCount, retrieval), cancellationToken);
        var faqCosines = faqMatches.ToDictionary(m => m.Entry.Id, m => m.Score, StringComparer.Ordinal);
        var judged = hits
            .Select(h => (Hit: h, Confidence: Math.Round(Math.Max(h.VectorScore ?? 0,
                h.Unit.Intent is not null && faqCosines.TryGetValue(h.Unit.SourceId, out var cosine) ? cosine : 0), 4)))
            .ToList();
        // Candidates keep their raw similarity (what a calibration is fitted on); the answer is judged by the calibrated confidence.
        var candidates = judged.Select(j => new Candidate(j.Hit.Unit.SourceId, j.Hit.Unit.Intent ?? j.Hit.Unit.SourceId, j.Confidence)).ToList();
        var confidence = judged.Count == 0 ? 0
            : Math.Round(calibration.Confidence(judged[0].Confidence, judged.Skip(1).Select(j => j.Confidence).DefaultIfEmpty(0).Max()), 4);
        return new Judgement(judged, confidence, candidates);
    }

    private async Task<AgentReply> AnswerAsync(ConversationTurn turn, KnowledgeHit hit, double confidence, List<Candidate> candidates,
        CancellationToken cancellationToken)
    {
        await ladder.AnsweredAsync(turn, cancellationToken);
        return new AgentReply(hit.Text, confidence, hit.Unit.Intent, Handoff: false)
        {
            Citations = [new Citation(hit.Unit.SourceId, CitationTitle(hit.Unit))],
            Candidates = candidates,
        };
    }

    private async Task<AgentReply> AnswerAsync(ConversationTurn turn, FaqEntry entry, double confidence, List<Candidate> candidates,
        CancellationToken cancellationToken)
    {
        await ladder.AnsweredAsync(turn, cancellationToken);
        return new AgentReply(entry.Answer, confidence, entry.Intent, Handoff: false)
        {
            Citations = [new Citation(entry.Id, entry.Questions[0])],
            Candidates = candidates,
        };
    }

    private static SuggestedAnswer Suggestion(FaqEntry entry) => new(entry.Questions[0], entry.Answer, entry.Intent, entry.Id);

    private static List<SuggestedAnswer> Suggestions(List<(KnowledgeHit Hit, double Confidence)> judged) =>
        [.. judged.DistinctBy(j => j.Hit.Unit.SourceId).Take(CandidateCount)
            .Select(j => new SuggestedAnswer(CitationTitle(j.Hit.Unit), j.Hit.Text, j.Hit.Unit.Intent, j.Hit.Unit.SourceId))];

    // The classifier knows FAQ entries only: a document passage still answers when its own similarity clears the bar.
    private async Task<AgentReply> RespondByIntentAsync(ConversationTurn turn, IReadOnlyList<(FaqEntry Entry, double Probability)> intents,
        double answerThreshold, SearchMode retrieval, CancellationToken cancellationToken)
    {
        var candidates = intents.Select(i => new Candidate(i.Entry.Id, i.Entry.Intent, Math.Round(i.Probability, 4))).ToList();
        var confidence = Math.Round(calibration.Confidence(intents[0].Probability, intents.Count > 1 ? intents[1].Probability : 0), 4);
        if (confidence >= answerThreshold)
        {
            return await AnswerAsync(turn, intents[0].Entry, confidence, candidates, cancellationToken);
        }

        var hits = await search.SearchAsync(turn.Text, new SearchRequest(CandidateCount, retrieval), cancellationToken);
        if (hits.FirstOrDefault(h => h.Unit.Faq is null) is { VectorScore: { } cosine } passage && cosine >= answerThreshold && cosine > confidence)
        {
            return await AnswerAsync(turn, passage, Math.Round(cosine, 4), candidates, cancellationToken);
        }

        return await ladder.NotAnsweredAsync(turn, confidence, [.. intents.Select(i => Suggestion(i.Entry))], candidates, cancellationToken);
    }

    // "Title › heading › heading", without repeating a title that is also the first heading (a Markdown H1).
    private static string CitationTitle(Knowledge.Retrieval.KnowledgeUnit unit) =>
        string.Join(" › ", unit.HeadingPath.Count > 0 && unit.HeadingPath[0] == unit.Title ? unit.HeadingPath : [unit.Title, .. unit.HeadingPath]);
}
