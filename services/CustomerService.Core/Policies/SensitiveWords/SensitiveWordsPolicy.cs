using CustomerService.Abstractions.Audit;
using CustomerService.Core.Agent;
using CustomerService.Core.Conversations;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Policies.SensitiveWords;

/// <summary>
/// Blocks messages with a blocked word (a neutral reply, an audit entry, and the text never reaches the
/// responder or an LLM) and masks masked words in what the responder sees; allowed phrases win over both.
/// </summary>
internal sealed class SensitiveWordsPolicy(IOptionsMonitor<SensitiveWordsOptions> options, IAuditLog audit, TimeProvider time)
    : IConversationPolicy
{
    public const string AuditKind = "sensitive_words.blocked";

    // Reviewers need the gist, not an essay; the cap also bounds what one message can put in the log.
    private const int MaxDetailMessage = 500;

    // The settings' lists, folded once per settings instance rather than on every message.
    private SensitiveWordMatcher? _matcher;

    public async ValueTask<AgentReply?> EvaluateAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        var matcher = MatcherFor(options.CurrentValue);
        var hits = matcher.Find(turn.Text);
        if (hits.Count == 0)
        {
            return null;
        }

        if (hits.Any(h => h.Blocks))
        {
            await audit.WriteAsync(Entry(turn, hits), cancellationToken);
            // Returning the reply ends the turn here: the responder, and any LLM behind it, never see the text.
            return new AgentReply(ReplyLanguage.Pick(matcher.Settings.BlockedReply, turn.Message.Text), 1.0, MatchedIntent: null, Handoff: false);
        }

        turn.Text = SensitiveWordMatcher.Redact(turn.Text, hits);
        return null;
    }

    private AuditEntry Entry(ConversationTurn turn, IReadOnlyList<SensitiveHit> hits)
    {
        var rules = string.Join(", ", hits.Where(h => h.Blocks).Select(h => h.Rule).Distinct());
        var message = SensitiveWordMatcher.Redact(turn.Text, hits);
        if (message.Length > MaxDetailMessage)
        {
            // Never cut between the halves of a surrogate pair: the half left over is not valid text.
            var cut = char.IsHighSurrogate(message[MaxDetailMessage - 2]) ? MaxDetailMessage - 2 : MaxDetailMessage - 1;
            message = string.Concat(message.AsSpan(0, cut), "…");
        }

        return new AuditEntry(0, AuditKind, turn.Conversation.Id, turn.Conversation.CustomerId, turn.Conversation.Channel,
            $"rule: {rules}; message: {message}", time.GetUtcNow());
    }

    private SensitiveWordMatcher MatcherFor(SensitiveWordsOptions settings)
    {
        if (_matcher is not { } matcher || !ReferenceEquals(matcher.Settings, settings))
        {
            matcher = new SensitiveWordMatcher(settings);
            _matcher = matcher;
        }

        return matcher;
    }
}
