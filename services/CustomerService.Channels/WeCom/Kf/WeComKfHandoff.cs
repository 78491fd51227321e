using CustomerService.Abstractions.Conversations;
using CustomerService.Abstractions.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerService.Channels.WeCom.Kf;

/// <summary>
/// Hands a <c>wecom-kf</c> conversation to people with <c>kf/service_state/trans</c> (spec §8.5): to
/// <see cref="WeComKfOptions.HandoffServicer"/> (state 3) when configured, else to the queue (2); a servicer WeCom refuses as not
/// activated (95014) falls back to the queue. Idempotent: a session WeCom already shows in the queue or with a servicer is only
/// recorded. Afterwards the session's owner is the queue or the servicer, and <see cref="WeComKfSender"/> stays silent.
/// </summary>
internal sealed partial class WeComKfHandoff(
    IOptions<WeComKfOptions> options,
    WeComAccessTokens tokens,
    WeComKfApi api,
    WeComKfSessions sessions,
    ILogger<WeComKfHandoff> logger) : IIntegrationEventHandler<HandoffRequested>
{
    public const int NotActivatedServicer = 95014;

    public async Task HandleAsync(HandoffRequested handoff, CancellationToken cancellationToken)
    {
        if (!string.Equals(handoff.Channel, WeComCallbacks.KfChannel, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (await sessions.RouteOfAsync(handoff.CustomerId, cancellationToken) is not { } route)
        {
            LogNoRoute(logger, handoff.ConversationId);
            return;
        }

        var customer = new WeComKfCustomer(route.OpenKfid, handoff.CustomerId);
        var current = await tokens.CallAsync(route.App, "kf/service_state/get", (token, c) => api.GetStateAsync(token, customer, c), cancellationToken);
        var owner = WeComKfSession.OwnerOf(current.ServiceState);
        if (owner != WeComKfOwner.Bot)
        {
            // Already with people (our earlier attempt, or a servicer was quicker), or ended: nothing to move.
            await sessions.UpdateAsync(route.App, route.OpenKfid, handoff.CustomerId,
                s => s with { Owner = owner, ServicerUserid = current.ServicerUserid }, cancellationToken);
            LogAlready(logger, handoff.ConversationId, owner);
            return;
        }

        var servicer = string.IsNullOrEmpty(options.Value.HandoffServicer) ? null : options.Value.HandoffServicer;
        WeComKfTransResponse moved;
        try
        {
            moved = await TransAsync(route, handoff.CustomerId, servicer, cancellationToken);
        }
        catch (WeComApiException e) when (servicer is not null && e.ErrorCode == NotActivatedServicer)
        {
            LogServicerRefused(logger, handoff.ConversationId, e.ErrorCode);
            servicer = null;
            moved = await TransAsync(route, handoff.CustomerId, servicer, cancellationToken);
        }

        var now = servicer is null ? WeComKfOwner.Queue : WeComKfOwner.Human;
        await sessions.UpdateAsync(route.App, route.OpenKfid, handoff.CustomerId, s => s with
        {
            Owner = now,
            ServicerUserid = servicer,
            QueueNoticeCode = moved.MsgCode,
            QueueNoticeFor = moved.MsgCode is null ? null : s.LastCustomerMsgid,
        }, CancellationToken.None); // WeCom moved it: the record must follow
        LogHandedOff(logger, handoff.ConversationId, now, route.App, route.OpenKfid);
    }

    private Task<WeComKfTransResponse> TransAsync(WeComKfRoute route, string customer, string? servicer, CancellationToken cancellationToken)
    {
        var request = new WeComKfTransRequest(route.OpenKfid, customer, servicer is null ? 2 : 3, servicer);
        return tokens.CallAsync(route.App, "kf/service_state/trans", (token, c) => api.TransAsync(token, request, c), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "微信客服 conversation {ConversationId} handed off to the {Owner} on app {App}, kf account {OpenKfId}")]
    private static partial void LogHandedOff(ILogger logger, string conversationId, WeComKfOwner owner, string app, string openKfId);

    [LoggerMessage(Level = LogLevel.Information, Message = "微信客服 conversation {ConversationId} is already owned by the {Owner}: no trans")]
    private static partial void LogAlready(ILogger logger, string conversationId, WeComKfOwner owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "微信客服 conversation {ConversationId}: the configured servicer was refused (errcode {ErrCode}): handing off to the queue")]
    private static partial void LogServicerRefused(ILogger logger, string conversationId, int errCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "微信客服 conversation {ConversationId} asked for a person, but its kf account is unknown: no trans")]
    private static partial void LogNoRoute(ILogger logger, string conversationId);
}
