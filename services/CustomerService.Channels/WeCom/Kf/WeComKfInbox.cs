using System.Globalization;
using CustomerService.Abstractions.Channels;
using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Messaging;
using CustomerService.Abstractions.State;
using CustomerService.Core.Policies.Welcome;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerService.Channels.WeCom.Kf;

/// <summary>
/// What one msg_list item means to the bot (spec §8.2–8.3): a customer's message is published for the pipeline, enter_session with
/// a welcome_code is welcomed, and session_status_change or a servicer's message records who owns the session. Handling an item
/// twice (a page read again) changes nothing: event ids, a welcome record and order-insensitive session updates see to it.
/// Logs carry ids only, never the customer's text or a code.
/// </summary>
public sealed partial class WeComKfInbox(
    IOptions<WeComKfOptions> options,
    IOptionsMonitor<WelcomeOptions> welcome,
    WeComAccessTokens tokens,
    WeComKfApi api,
    WeComKfSessions sessions,
    IEventBus bus,
    IStateStore state,
    TimeProvider time,
    ILogger<WeComKfInbox> logger)
{
    public const string Channel = WeComCallbacks.KfChannel;

    public async Task HandleAsync(string app, string openKfid, WeComKfMessage item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (string.IsNullOrEmpty(item.Msgid))
        {
            return;
        }

        if (item.Msgtype == "event")
        {
            await HandleEventAsync(app, openKfid, item, cancellationToken);
        }
        else if (item.Origin == WeComKfMessage.FromCustomer && !string.IsNullOrEmpty(item.ExternalUserid))
        {
            await HandleCustomerMessageAsync(app, item.OpenKfid ?? openKfid, item.ExternalUserid, item, cancellationToken);
        }
        else if (item.Origin == WeComKfMessage.FromServicer && !string.IsNullOrEmpty(item.ExternalUserid))
        {
            // A servicer writing from the WeCom client owns the session (it becomes state 3 even if it had ended).
            await sessions.UpdateAsync(app, item.OpenKfid ?? openKfid, item.ExternalUserid,
                s => s with { Owner = WeComKfOwner.Human, ServicerUserid = item.ServicerUserid ?? s.ServicerUserid }, cancellationToken);
            LogOwner(logger, item.Msgid, WeComKfOwner.Human, app);
        }
    }

    private async Task HandleCustomerMessageAsync(string app, string openKfid, string customer, WeComKfMessage item, CancellationToken cancellationToken)
    {
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(item.SendTime);
        // A new customer message opens the 48 h window and the 5-message allowance anew (spec §8.4), and reopens an ended session.
        // A page read again changes nothing: an older message, or the same one, leaves the session as it is.
        await sessions.UpdateAsync(app, openKfid, customer, s => s.LastCustomerMessageAt > sentAt || s.LastCustomerMsgid == item.Msgid ? s : s with
        {
            LastCustomerMessageAt = sentAt,
            LastCustomerMsgid = item.Msgid,
            Counted = [],
            Owner = s.Owner == WeComKfOwner.Ended ? WeComKfOwner.Bot : s.Owner,
        }, cancellationToken);
        await sessions.SaveRouteAsync(customer, new WeComKfRoute(app, openKfid), cancellationToken);

        // Other types (image, voice, file …) as a placeholder such as "[image]", as for app messages: the bot says it reads text only.
        var text = item.Msgtype == "text" ? item.Text?.Content?.Trim() : $"[{item.Msgtype}]";
        if (string.IsNullOrEmpty(text) || text.Length > 4096 || (item.Msgtype != "text" && !IsToken(item.Msgtype)))
        {
            LogSkipped(logger, item.Msgid!, app);
            return;
        }

        await bus.PublishAsync(new ChannelMessageReceived(Channel, app, customer, item.Msgid!, text, new Dictionary<string, string>
        {
            ["open_kfid"] = openKfid,
            ["external_userid"] = customer,
            ["msgid"] = item.Msgid!,
            ["send_time"] = item.SendTime.ToString(CultureInfo.InvariantCulture),
        }, new VerifiedIdentity(WeComExternalUserId: customer)) // WeCom vouches for it: the same WeChat user on other WeCom channels is one OneID
        {
            Id = ChannelEventIds.For(Channel, app, item.Msgid!), // a page read twice publishes the same event: delivered once
            OccurredAt = time.GetUtcNow(),
        }, cancellationToken);
        LogMessage(logger, item.Msgid!, app);
    }

    private async Task HandleEventAsync(string app, string openKfid, WeComKfMessage item, CancellationToken cancellationToken)
    {
        var e = item.Event;
        var kf = e?.OpenKfid ?? item.OpenKfid ?? openKfid;
        var customer = e?.ExternalUserid ?? item.ExternalUserid;
        if (e is null || string.IsNullOrEmpty(customer))
        {
            return;
        }

        switch (e.EventType)
        {
            case "enter_session":
                await sessions.SaveRouteAsync(customer, new WeComKfRoute(app, kf), cancellationToken);
                if (WeComKfScene.From(e.Scene, e.SceneParam) is { } source)
                {
                    // The customer came through a 客服链接 (活码): tagged and recorded now, whether or not they write.
                    await bus.PublishAsync(new ChannelCustomerArrived(Channel, app, customer, source, new VerifiedIdentity(WeComExternalUserId: customer))
                    {
                        Id = ChannelEventIds.For(Channel, app, "arrival", item.Msgid!),
                        OccurredAt = time.GetUtcNow(),
                    }, cancellationToken);
                }

                if (!string.IsNullOrEmpty(e.WelcomeCode))
                {
                    await WelcomeAsync(app, item.Msgid!, e.WelcomeCode, cancellationToken);
                }

                break;
            case "session_status_change":
                // 1 taken from the queue, 2 transferred: a servicer has it; 3 ended: the bot answers when the customer writes again.
                var owner = e.ChangeType is 1 or 2 ? WeComKfOwner.Human : e.ChangeType == 3 ? WeComKfOwner.Ended : WeComKfOwner.Unknown;
                if (owner == WeComKfOwner.Unknown)
                {
                    break;
                }

                await sessions.UpdateAsync(app, kf, customer,
                    s => s with { Owner = owner, ServicerUserid = owner == WeComKfOwner.Human ? e.NewServicerUserid : null }, cancellationToken);
                LogOwner(logger, item.Msgid!, owner, app);
                break;
        }
    }

    /// <summary>
    /// The welcome through send_msg_on_event: once per enter_session (a record, and the msgid WeCom dedupes on). The code is single-use
    /// and lives 20 s, so an errcode is final: logged, never retried. A transport failure throws, and the bus retries the pull soon.
    /// </summary>
    private async Task WelcomeAsync(string app, string eventMsgid, string code, CancellationToken cancellationToken)
    {
        var key = $"wecom-kf:welcome:{app}:{eventMsgid}";
        if (await state.GetAsync<WeComKfWelcome>(key, cancellationToken) is not null)
        {
            return;
        }

        var messages = welcome.CurrentValue.Messages;
        var text = messages.TryGetValue(options.Value.WelcomeLanguage, out var configured) ? configured : messages["zh"];
        var message = new WeComKfEventMessage(code, WeComKfSender.MsgidOf("welcome", app, eventMsgid), new WeComText(text));
        int? failed = null;
        try
        {
            await tokens.CallAsync(app, "kf/send_msg_on_event", (token, c) => api.SendOnEventAsync(token, message, c), cancellationToken);
            LogWelcomed(logger, eventMsgid, app);
        }
        catch (WeComApiException ex)
        {
            failed = ex.ErrorCode;
            LogWelcomeRefused(logger, eventMsgid, app, ex.ErrorCode);
        }

        try
        {
            await state.SaveAsync(key, new WeComKfWelcome(time.GetUtcNow(), failed), etag: null, CancellationToken.None);
        }
        catch (StateConflictException)
        {
        }
    }

    private static bool IsToken(string? value) => value is { Length: > 0 and <= 32 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>An enter_session's welcome was sent (or refused with <see cref="ErrCode"/>, and given up).</summary>
    public sealed record WeComKfWelcome(DateTimeOffset At, int? ErrCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "微信客服 customer message {MsgId} on app {App} accepted")]
    private static partial void LogMessage(ILogger logger, string msgId, string app);

    [LoggerMessage(Level = LogLevel.Information, Message = "微信客服 customer message {MsgId} on app {App} has nothing to answer: skipped")]
    private static partial void LogSkipped(ILogger logger, string msgId, string app);

    [LoggerMessage(Level = LogLevel.Information, Message = "微信客服 item {MsgId} on app {App}: the session is now owned by {Owner}")]
    private static partial void LogOwner(ILogger logger, string msgId, WeComKfOwner owner, string app);

    [LoggerMessage(Level = LogLevel.Information, Message = "微信客服 enter_session {MsgId} on app {App} welcomed")]
    private static partial void LogWelcomed(ILogger logger, string msgId, string app);

    [LoggerMessage(Level = LogLevel.Warning, Message = "微信客服 welcome for enter_session {MsgId} on app {App} refused with errcode {ErrCode}: given up (the code is single-use)")]
    private static partial void LogWelcomeRefused(ILogger logger, string msgId, string app, int errCode);
}
