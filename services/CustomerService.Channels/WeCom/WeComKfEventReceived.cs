using CustomerService.Abstractions.Messaging;

namespace CustomerService.Channels.WeCom;

/// <summary>
/// 微信客服 (WeChat Customer Service) has news for a kf account (<c>Event = kf_msg_or_event</c>, spec §8.1). It carries no
/// content: its handler pulls the messages with <c>kf/sync_msg</c>, passing <see cref="Token"/> (valid 10 minutes). The id is
/// built from the event's own fields, so WeCom's retry of it is delivered once and two distinct events are never merged.
/// </summary>
/// <param name="App">The configured app the callback came through (<c>Channels:WeCom:Apps:n:Name</c>).</param>
/// <param name="OpenKfId">The kf account with news.</param>
/// <param name="Token">The sync_msg token of this event; a credential for 10 minutes, never logged.</param>
/// <param name="CreateTime">WeCom's CreateTime of the event (Unix seconds).</param>
public sealed record WeComKfEventReceived(string App, string OpenKfId, string Token, long CreateTime) : IntegrationEvent
{
    public static Guid IdFor(string app, string openKfId, string token, long createTime) =>
        Abstractions.Channels.ChannelEventIds.For(WeComCallbacks.KfChannel, app, "kf_msg_or_event", openKfId, token,
            createTime.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
