using System.Text.RegularExpressions;
using CustomerService.Core.Conversations;

namespace CustomerService.Core.Agent.Ladder;

/// <summary>The customer answers a "您是不是想问…" with its number ("2", "第2个", "#2"): they get that answer.</summary>
internal sealed partial class SuggestionPickPolicy(ConversationMemory memory, AnswerLadder ladder) : IConversationPolicy
{
    public async ValueTask<AgentReply?> EvaluateAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        if (Pick().Match(turn.Message.Text.Trim()) is not { Success: true } match)
        {
            return null;
        }

        var (current, _) = await memory.ReadAsync(turn.Conversation.Id, cancellationToken);
        var index = int.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) - 1;
        if (index < 0 || index >= current.Suggestions.Count)
        {
            return null;
        }

        var chosen = current.Suggestions[index];
        // "2" answers the question asked before it: what follows in the turn (a ticket rule) needs those words, not the digit.
        turn.Text = current.SuggestedFor ?? turn.Text;
        await ladder.AnsweredAsync(turn, cancellationToken);
        return new AgentReply(chosen.Text, 1.0, chosen.Intent, Handoff: false) { Citations = [new Citation(chosen.SourceId, chosen.Title)] };
    }

    [GeneratedRegex(@"^(第|#|no\.?\s*)?(?<n>[1-9])(个|条|\.|、)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pick();
}
