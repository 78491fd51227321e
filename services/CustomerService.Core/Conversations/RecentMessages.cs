using CustomerService.Abstractions.Conversations;
using Microsoft.Extensions.Caching.Memory;

namespace CustomerService.Core.Conversations;

/// <summary>
/// The last messages of recently active conversations, kept by the pipeline as it writes them, so policies
/// that look back (repeats, misses) need not read back what was written a moment ago. Bounded in count and
/// time; a conversation not held here is read from the store. One process owns a conversation's turns (the
/// pipeline serialises them), which is what makes the copy current.
/// </summary>
public sealed class RecentMessages : IDisposable
{
    public const int Depth = 20;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });
    private static readonly MemoryCacheEntryOptions Entry = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) };

    public bool TryGet(string conversationId, out IReadOnlyList<ChatMessage> messages)
    {
        if (_cache.TryGetValue(conversationId, out List<ChatMessage>? held) && held is not null)
        {
            messages = [.. held];
            return true;
        }

        messages = [];
        return false;
    }

    /// <summary>Starts holding a conversation from what is known of it (the store's last messages).</summary>
    public void Hold(string conversationId, IEnumerable<ChatMessage> earlier) =>
        _cache.Set(conversationId, earlier.TakeLast(Depth).ToList(), Entry);

    /// <summary>Adds a message just written, if the conversation is held.</summary>
    public void Append(string conversationId, ChatMessage message)
    {
        if (_cache.TryGetValue(conversationId, out List<ChatMessage>? held) && held is not null)
        {
            held.Add(message);
            if (held.Count > Depth) held.RemoveAt(0);
        }
    }

    public void Dispose() => _cache.Dispose();
}
