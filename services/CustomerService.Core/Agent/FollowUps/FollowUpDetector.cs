using CustomerService.Abstractions.Conversations;
using CustomerService.Core.Conversations;
using CustomerService.Core.Handoff;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Agent.FollowUps;

/// <summary>
/// A short question that leans on the one answered before it: "那新疆呢" after "运费多少", "what about points" after a
/// membership question.
/// </summary>
/// <param name="Remainder">The question without its follow-up words ("新疆", "points").</param>
/// <param name="TopicQuestion">The customer's question the bot last answered.</param>
/// <param name="TopicIntent">The intent that answer came from.</param>
/// <param name="TopicAnswer">What the bot replied, with whatever came with the answer (a welcome, a ticket line).</param>
/// <param name="TopicSource">The knowledge entry the answer cited, when the transcript recorded it.</param>
public sealed record FollowUp(string Remainder, string TopicQuestion, string TopicIntent, string TopicAnswer, string? TopicSource);

/// <summary>
/// Finds follow-ups by their form (a leading 那/还有/what about, a trailing 呢) and their length, and the topic in the
/// transcript: the last answered question within the last exchanges. The transcript is read only for messages of
/// that form, so ordinary turns cost nothing.
/// </summary>
public sealed class FollowUpDetector(IConversationStore store, IOptionsMonitor<AgentOptions> options)
{
    private const int LookBack = 4; // the last two exchanges: an older answer is no longer the topic

    public async Task<FollowUp?> DetectAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.FollowUps;
        if (Remainder(turn.Text.Trim(), settings) is not { Length: > 0 } remainder) return null;

        var earlier = await TurnHistory.EarlierAsync(store, turn, LookBack, cancellationToken);
        for (var i = earlier.Count - 1; i > 0; i--)
        {
            if (earlier[i] is { Role: MessageRole.Bot, MatchedIntent: { } intent } answered && earlier[i - 1] is { Role: MessageRole.Customer } asked)
            {
                return new FollowUp(remainder, asked.Text, intent, answered.Text, answered.Citations is [var source, ..] ? source : null);
            }
        }

        return null;
    }

    /// <summary>The question without its follow-up words, or null when it is not shaped like a follow-up.</summary>
    internal static string? Remainder(string text, FollowUpOptions settings)
    {
        var body = text.TrimEnd('?', '？', '。', '.', '!', '！', ' ');
        var marked = false;
        foreach (var marker in settings.LeadingMarkers.OrderByDescending(m => m.Length))
        {
            // A Latin marker is a whole word: "and" must not eat the start of "android".
            if (body.StartsWith(marker, StringComparison.OrdinalIgnoreCase)
                && (body.Length == marker.Length || !char.IsAsciiLetter(marker[^1]) || !char.IsLetter(body[marker.Length])))
            {
                body = body[marker.Length..].TrimStart(' ', '，', ',');
                marked = true;
                break;
            }
        }

        foreach (var marker in settings.TrailingMarkers)
        {
            if (body.EndsWith(marker, StringComparison.OrdinalIgnoreCase))
            {
                body = body[..^marker.Length].TrimEnd();
                marked = true;
                break;
            }
        }

        return marked && body.Length > 0 && body.Length <= settings.MaxLength ? body : null;
    }
}
