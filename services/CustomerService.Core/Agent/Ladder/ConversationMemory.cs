using CustomerService.Abstractions.State;

namespace CustomerService.Core.Agent.Ladder;

/// <summary>An answer offered as a numbered suggestion, kept so that the customer's "2" can be answered.</summary>
public sealed record SuggestedAnswer(string Title, string Text, string? Intent, string SourceId);

/// <param name="Suggestions">What "您是不是想问…" offered last, in order.</param>
/// <param name="Misses">Turns in a row the bot could neither answer nor suggest.</param>
/// <param name="FirstMissAt">When the current run of misses began.</param>
/// <param name="SuggestedFor">The customer's words the suggestions were offered for.</param>
public sealed record AgentMemory(IReadOnlyList<SuggestedAnswer> Suggestions, int Misses, DateTimeOffset? FirstMissAt, string? SuggestedFor = null)
{
    public static AgentMemory Empty { get; } = new([], 0, null);

    // By content: a memory read back from the store is a new instance with a new (empty) list, never Empty itself.
    public bool IsEmpty => Suggestions.Count == 0 && Misses == 0 && FirstMissAt is null;
}

/// <summary>The agent's memory of one conversation, in the state store (so it survives a restart and works across instances).</summary>
public sealed class ConversationMemory(IStateStore state)
{
    private static string Key(string conversationId) => $"agent/{conversationId}";

    public async Task<(AgentMemory Memory, string? ETag)> ReadAsync(string conversationId, CancellationToken cancellationToken) =>
        await state.GetAsync<AgentMemory>(Key(conversationId), cancellationToken) is { } entry ? (entry.Value, entry.ETag) : (AgentMemory.Empty, null);

    /// <summary>Writes the memory; a concurrent change (turns of a conversation run one at a time, so this is rare) keeps the other write.</summary>
    public async Task WriteAsync(string conversationId, AgentMemory memory, string? etag, CancellationToken cancellationToken)
    {
        if (etag is null && memory.IsEmpty) return;
        try
        {
            await state.SaveAsync(Key(conversationId), memory, etag, cancellationToken);
        }
        catch (StateConflictException)
        {
        }
    }
}
