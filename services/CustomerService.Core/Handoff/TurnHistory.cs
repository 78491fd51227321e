using CustomerService.Abstractions.Conversations;
using CustomerService.Core.Conversations;

namespace CustomerService.Core.Handoff;

/// <summary>The transcript before the turn a policy is looking at.</summary>
internal static class TurnHistory
{
    /// <summary>
    /// Up to <paramref name="limit"/> earlier messages, oldest first. The pipeline stores the customer's
    /// message before policies run, so the transcript's last message is usually the turn itself: it is
    /// left out, otherwise every policy would count it twice.
    /// </summary>
    public static async Task<IReadOnlyList<ChatMessage>> EarlierAsync(
        IConversationStore store, ConversationTurn turn, int limit, CancellationToken cancellationToken)
    {
        // Read once per turn (every policy that looks back shares it), as far back as any of them looks.
        turn.EarlierMessages ??= ReadAsync(store, turn, Math.Max(limit, Window), cancellationToken);
        var earlier = await turn.EarlierMessages;
        return [.. earlier.TakeLast(limit)];
    }

    // What the pipeline then holds for the next turn (RecentMessages): a held copy is as deep as a read.
    private const int Window = RecentMessages.Depth;

    private static async Task<IReadOnlyList<ChatMessage>> ReadAsync(IConversationStore store, ConversationTurn turn, int limit, CancellationToken cancellationToken)
    {
        var stored = await store.ListMessagesAsync(turn.Conversation.Id, limit + 1, cancellationToken);
        var isTurn = stored is [.., { Role: MessageRole.Customer } last] && last.Text == turn.Message.Text;
        return [.. (isTurn ? stored.Take(stored.Count - 1) : stored).TakeLast(limit)];
    }
}
