using CustomerService.Abstractions.State;

namespace CustomerService.Channels.DingTalk;

/// <summary>
/// The idempotency keys of replies DingTalk accepted, kept in the state store so that a redelivered reply (the bus
/// retries until its row is removed) is not posted twice. DingTalk's send APIs take no idempotency key themselves, so
/// one window stays open: a crash after DingTalk accepted a reply and before this record is written sends it again.
/// </summary>
public sealed class DingTalkSentReplies(IStateStore state, TimeProvider time)
{
    public async Task<bool> WasSentAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        await state.GetAsync<SentReply>(Key(idempotencyKey), cancellationToken) is not null;

    /// <summary>Records the send; not cancelled by shutdown, since a record lost now means a duplicate after the restart.</summary>
    public async Task RecordAsync(string idempotencyKey, string route)
    {
        try
        {
            await state.SaveAsync(Key(idempotencyKey), new SentReply(time.GetUtcNow(), route), etag: null, CancellationToken.None);
        }
        catch (StateConflictException)
        {
            // Already recorded: a concurrent delivery of the same reply got there first.
        }
    }

    internal static string Key(string idempotencyKey) => $"dingtalk/sent/{idempotencyKey}";

    /// <summary>When and how (webhook, oto, group) the reply went out; no text, no recipient.</summary>
    public sealed record SentReply(DateTimeOffset SentAt, string Route);
}
