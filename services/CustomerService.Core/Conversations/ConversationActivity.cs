namespace CustomerService.Core.Conversations;

/// <summary>
/// What is happening in conversations right now, for live views (the web chat's event stream): a wake-up when a
/// conversation changed and whether the bot is working on a turn. It never holds messages: those are read from the
/// store, which orders them durably; a view that misses a wake-up (another process wrote) still finds them on its next
/// periodic read. Only conversations someone watches or the bot works on have an entry, so memory follows live use.
/// </summary>
public sealed class ConversationActivity
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Starts watching a conversation; dispose to stop. <see cref="Observe"/> is only meaningful while watching.</summary>
    public IDisposable Watch(string conversationId)
    {
        lock (_gate)
        {
            EntryFor(conversationId).Watchers++;
        }

        return new Release(this, conversationId, turn: false);
    }

    /// <summary>
    /// Whether the bot is working on a turn, and a task that completes at the next change. Take it before reading the
    /// store: a change that lands during the read then still completes the task, so no wake-up is lost.
    /// </summary>
    public (bool Typing, Task Changed) Observe(string conversationId)
    {
        lock (_gate)
        {
            // Unwatched: nothing to wait for, and no entry is made that nobody would remove.
            return _entries.TryGetValue(conversationId, out var entry) ? (entry.Turns > 0, entry.Changed.Task) : (false, Task.CompletedTask);
        }
    }

    /// <summary>The bot starts working on a turn (the customer's message is stored); dispose when its reply is stored.</summary>
    public IDisposable BeginTurn(string conversationId)
    {
        lock (_gate)
        {
            var entry = EntryFor(conversationId);
            entry.Turns++;
            entry.Pulse();
        }

        return new Release(this, conversationId, turn: true);
    }

    /// <summary>Something was stored for the conversation outside a turn (an agent's message, a status change).</summary>
    public void Changed(string conversationId)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(conversationId, out var entry))
            {
                entry.Pulse();
            }
        }
    }

    internal int LiveEntries
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    private Entry EntryFor(string conversationId)
    {
        if (!_entries.TryGetValue(conversationId, out var entry))
        {
            _entries[conversationId] = entry = new Entry();
        }

        return entry;
    }

    private void End(string conversationId, bool turn)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(conversationId, out var entry))
            {
                return;
            }

            if (turn)
            {
                entry.Turns--;
                entry.Pulse(); // typing stopped and the reply is stored
            }
            else
            {
                entry.Watchers--;
            }

            if (entry.Watchers == 0 && entry.Turns == 0)
            {
                _entries.Remove(conversationId);
            }
        }
    }

    private sealed class Entry
    {
        public int Watchers;
        public int Turns;
        public TaskCompletionSource Changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Pulse()
        {
            Changed.TrySetResult();
            Changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    // Idempotent, so a turn ended early (reply stored) and again by its using block counts once.
    private sealed class Release(ConversationActivity owner, string conversationId, bool turn) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.End(conversationId, turn);
            }
        }
    }
}
