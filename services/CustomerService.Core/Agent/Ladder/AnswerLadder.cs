using CustomerService.Abstractions.Timers;
using CustomerService.Core.Conversations;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Agent.Ladder;

/// <summary>
/// What the bot does when it cannot answer: between the suggest and answer thresholds it offers numbered
/// suggestions; below, the first miss asks the customer to rephrase (and starts a clock), the second miss —
/// or the clock running out — hands off. An answer ends the run.
/// </summary>
public sealed class AnswerLadder(ConversationMemory memory, IDurableTimers timers, IOptionsMonitor<AgentOptions> options, TimeProvider time)
{
    public const string TimeoutKind = "clarify-timeout";

    public static string TimerKey(string conversationId) => $"clarify/{conversationId}";

    /// <summary>The turn was answered: forget suggestions and misses.</summary>
    public async Task AnsweredAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        var (current, etag) = await memory.ReadAsync(turn.Conversation.Id, cancellationToken);
        if (!current.IsEmpty)
        {
            await memory.WriteAsync(turn.Conversation.Id, AgentMemory.Empty, etag, cancellationToken);
            await timers.CancelAsync(TimerKey(turn.Conversation.Id), cancellationToken);
        }
    }

    public async Task<AgentReply> NotAnsweredAsync(ConversationTurn turn, double confidence, IReadOnlyList<SuggestedAnswer> suggestions,
        IReadOnlyList<Candidate> candidates, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var id = turn.Conversation.Id;
        var (current, etag) = await memory.ReadAsync(id, cancellationToken);
        if (confidence >= settings.SuggestThresholdFor(turn.Conversation.Channel) && suggestions.Count > 0)
        {
            await memory.WriteAsync(id, current with { Suggestions = suggestions, SuggestedFor = turn.Text }, etag, cancellationToken);
            var lines = suggestions.Select((s, i) => $"{i + 1}. {s.Title}");
            var text = string.Join("\n", [ReplyLanguage.Pick(settings.SuggestMessages, turn.Message.Text), .. lines,
                ReplyLanguage.Pick(settings.PickMessages, turn.Message.Text)]);
            return new AgentReply(text, confidence, MatchedIntent: null, Handoff: false) { Candidates = candidates };
        }

        // The second miss hands off here; a customer who goes quiet after the first is handed off by the timer.
        var now = time.GetUtcNow();
        if (current.Misses == 0)
        {
            await memory.WriteAsync(id, new AgentMemory([], 1, now), etag, cancellationToken);
            await timers.ScheduleAsync(new DurableTimer(TimerKey(id), TimeoutKind, now + settings.ClarifyWindow, id), cancellationToken);
            return new AgentReply(ReplyLanguage.Pick(settings.ClarifyMessages, turn.Message.Text), confidence, MatchedIntent: null, Handoff: false)
            {
                Candidates = candidates,
            };
        }

        await memory.WriteAsync(id, AgentMemory.Empty, etag, cancellationToken);
        await timers.CancelAsync(TimerKey(id), cancellationToken);
        return new AgentReply(ReplyLanguage.Pick(settings.FallbackMessages, turn.Message.Text), confidence, MatchedIntent: null, Handoff: true,
            "low_confidence") { Candidates = candidates };
    }
}
