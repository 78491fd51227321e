using CustomerService.Abstractions.State;

namespace CustomerService.Channels;

/// <summary>
/// What each channel's API accepted, per reply and part, kept in the state store: a redelivered <c>ChannelReplyReady</c>
/// (the bus retries until its delivery row is done) skips what already went out. One window stays open wherever the
/// channel takes no idempotency key of its own: a crash after the channel accepted a part and before its record is
/// written sends that part again.
/// </summary>
public sealed class SentReplies(IStateStore state)
{
    public static string Key(string channel, string idempotencyKey, int part = 1) => $"{channel}:sent:{idempotencyKey}:{part}";

    /// <summary>The record of the part, or null when it has not gone out.</summary>
    public async Task<T?> FindAsync<T>(string channel, string idempotencyKey, int part, CancellationToken cancellationToken) where T : class =>
        (await state.GetAsync<T>(Key(channel, idempotencyKey, part), cancellationToken))?.Value;

    /// <summary>Records the part; not cancelled by shutdown, since a record lost once the channel has the message means a duplicate later.</summary>
    public async Task RecordAsync<T>(string channel, string idempotencyKey, int part, T record)
    {
        try
        {
            await state.SaveAsync(Key(channel, idempotencyKey, part), record, etag: null, CancellationToken.None);
        }
        catch (StateConflictException)
        {
            // Already recorded: an earlier or concurrent delivery of the same reply got there first.
        }
    }
}
