using System.Security.Cryptography;
using System.Text;
using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Messaging;

namespace CustomerService.Abstractions.Channels;

/// <summary>
/// A customer's message as any channel hands it in (WeCom, 微信客服, DingTalk …), after the channel verified and
/// decrypted it. The callback publishes it and acknowledges: the bus's outbox is the inbox, so the message is
/// durable before the ack, and a channel's retry of the same message (same <see cref="IntegrationEvent.Id"/>, see
/// <see cref="ChannelEventIds.For"/>) is delivered once. The conversation pipeline runs after the ack.
/// </summary>
/// <param name="Channel">The channel's name as conversations record it: <c>wecom</c>, <c>wecom-kf</c>, <c>dingtalk</c>.</param>
/// <param name="App">The configured app or robot it came through (<c>Channels:WeCom:Apps:n:Name</c> …).</param>
/// <param name="AccountId">The customer's id on that channel (WeCom userid / external_userid, DingTalk staffId …).</param>
/// <param name="MessageId">The channel's own id of the message (MsgId, msgid); the de-duplication key.</param>
/// <param name="ReplyContext">What the channel's sender needs to answer (agent id, open_kfid, sessionWebhook and its expiry …); opaque to the core.</param>
public sealed record ChannelMessageReceived(
    string Channel,
    string App,
    string AccountId,
    string MessageId,
    string Text,
    IReadOnlyDictionary<string, string> ReplyContext,
    VerifiedIdentity? Identity = null,
    ChannelSource? Source = null) : IntegrationEvent;

/// <summary>
/// The bot's reply to a <see cref="ChannelMessageReceived"/>, waiting in the outbox for the channel's sender. A failed
/// send is retried with backoff by the bus (an outage delays replies, it loses none); <see cref="IdempotencyKey"/> lets
/// the sender, or the channel, drop a second delivery of the same reply.
/// </summary>
public sealed record ChannelReplyReady(
    string Channel,
    string App,
    string AccountId,
    string ConversationId,
    string Text,
    IReadOnlyDictionary<string, string> ReplyContext,
    string IdempotencyKey) : IntegrationEvent;

/// <summary>
/// A customer arrived through a channel code (活码) before writing anything: a 微信客服 link's scene, WeCom 联系我's state. The
/// core records the source on the customer's OneID and applies the <c>channel_source</c> tag rules, as for a web chat message
/// that carries a source. Published with an id derived from the channel's own event, so a redelivery records nothing twice.
/// </summary>
public sealed record ChannelCustomerArrived(string Channel, string App, string AccountId, ChannelSource Source, VerifiedIdentity? Identity = null)
    : IntegrationEvent;

/// <summary>Sends replies out through one channel (<see cref="Channel"/>); the one outbound port every channel implements.</summary>
public interface IChannelSender
{
    string Channel { get; }

    /// <summary>Delivers the reply. Throws when the channel did not accept it, so the bus retries it later.</summary>
    Task SendAsync(ChannelReplyReady reply, CancellationToken cancellationToken);
}

/// <summary>Event ids derived from what identifies a message on its channel, so that a redelivery is the same event.</summary>
public static class ChannelEventIds
{
    /// <summary>A name-based id (SHA-256 of the parts, RFC 9562 version 8), stable across processes and restarts.</summary>
    public static Guid For(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        var id = bytes.AsSpan(0, 16).ToArray();
        id[6] = (byte)((id[6] & 0x0F) | 0x80); // version 8: custom, name-based
        id[8] = (byte)((id[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(id, bigEndian: true);
    }
}
