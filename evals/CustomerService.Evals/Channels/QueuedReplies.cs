using System.Collections.Concurrent;
using CustomerService.Abstractions.Channels;
using CustomerService.Abstractions.Messaging;

namespace CustomerService.Evals.Channels;

/// <summary>
/// The channel replies the host queued (<see cref="ChannelReplyReady"/>, read beside its channel senders as one more
/// subscriber): which conversation each answered in and its whole text, so the runner knows which transcript to read and how
/// many parts the sender delivers. Kept per channel account, in order; a redelivered event is kept once.
/// </summary>
internal sealed class QueuedReplies
{
    private readonly ConcurrentDictionary<string, List<ChannelReplyReady>> _byAccount = new(StringComparer.Ordinal);

    public int CountFor(string channel, string accountId)
    {
        var list = _byAccount.GetValueOrDefault(Key(channel, accountId));
        if (list is null) return 0;
        lock (list) return list.Count;
    }

    /// <summary>The account's <paramref name="index"/>th reply (0 = its first), once queued; null at the deadline.</summary>
    public async Task<ChannelReplyReady?> WaitForAsync(string channel, string accountId, int index, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_byAccount.TryGetValue(Key(channel, accountId), out var list))
            {
                lock (list)
                {
                    if (list.Count > index) return list[index];
                }
            }

            if (DateTimeOffset.UtcNow >= deadline) return null;
            await Task.Delay(5, cancellationToken);
        }
    }

    private void Keep(ChannelReplyReady reply)
    {
        var list = _byAccount.GetOrAdd(Key(reply.Channel, reply.AccountId), _ => []);
        lock (list)
        {
            if (!list.Exists(r => r.Id == reply.Id)) list.Add(reply);
        }
    }

    private static string Key(string channel, string accountId) => $"{channel}\u001f{accountId}";

    public sealed class Handler(QueuedReplies replies) : IIntegrationEventHandler<ChannelReplyReady>
    {
        public Task HandleAsync(ChannelReplyReady @event, CancellationToken cancellationToken)
        {
            replies.Keep(@event);
            return Task.CompletedTask;
        }
    }
}
