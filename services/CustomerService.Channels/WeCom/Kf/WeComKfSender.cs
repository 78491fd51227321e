using System.Collections.Frozen;
using CustomerService.Abstractions.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerService.Channels.WeCom.Kf;

/// <summary>
/// Sends the bot's replies on channel <c>wecom-kf</c> with <c>kf/send_msg</c> (spec §8.4), only while the bot owns the session, within
/// 48 h of the customer's last message and at most 5 messages per customer message. A reply that may not go out (a person owns the
/// session, the window closed, the allowance is used) is recorded as dropped and logged by ids: never retried. Anything else short of
/// errcode 0 throws, and the bus retries with backoff.
/// <para>
/// Sent once: each part carries a msgid derived from the reply's idempotency key (WeCom dedupes on it) and is recorded when accepted,
/// so a redelivered reply skips what went out. A part counts against the allowance once, however often it is retried.
/// </para>
/// </summary>
public sealed partial class WeComKfSender(
    IOptions<WeComOptions> options,
    WeComAccessTokens tokens,
    WeComKfApi api,
    WeComKfSessions sessions,
    SentReplies sentReplies,
    TimeProvider time,
    ILogger<WeComKfSender> logger) : IChannelSender
{
    public const int MaxMessagesPerCustomerMessage = 5;
    private const string SentOutcome = "sent";
    private const string QueueNoticeOutcome = "queue_notice";

    public static readonly TimeSpan ReplyWindow = TimeSpan.FromHours(48);

    /// <summary>
    /// Send errcodes that no retry can fix: 95001 "给该客户发送的消息数量已达上限" (from a third-party mirror; our spec names no send_msg
    /// limit code). Other errcodes are checked against the session state before they are retried.
    /// </summary>
    public static readonly FrozenSet<int> LimitCodes = [95001];

    public string Channel => WeComCallbacks.KfChannel;

    /// <summary>A msgid for send_msg or send_msg_on_event: 32 hex digits (WeCom allows ≤ 32 of [0-9a-zA-Z_-]), the same for the same parts.</summary>
    public static string MsgidOf(params string[] parts) => ChannelEventIds.For(["wecom-kf", .. parts]).ToString("N");

    public async Task SendAsync(ChannelReplyReady reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var app = options.Value.AppOfReply(reply.App).Name!;
        var openKfid = reply.ReplyContext.GetValueOrDefault("open_kfid") is { Length: > 0 } kf
            ? kf
            : throw new InvalidOperationException($"The wecom-kf reply {reply.IdempotencyKey} has no open_kfid in its reply context.");
        var customer = reply.ReplyContext.GetValueOrDefault("external_userid") is { Length: > 0 } user ? user : reply.AccountId;
        var to = new Recipient(app, openKfid, customer, reply.ReplyContext.GetValueOrDefault("msgid"));

        var parts = WeComTextParts.Of(reply.Text);
        for (var i = 0; i < parts.Count; i++)
        {
            if (await sentReplies.FindAsync<WeComKfSentPart>(Channel, reply.IdempotencyKey, i + 1, cancellationToken) is { } earlier)
            {
                LogAlreadyDone(logger, reply.IdempotencyKey, i + 1, earlier.Outcome, app);
                if (earlier.Outcome != SentOutcome)
                {
                    return;
                }

                continue;
            }

            var msgid = MsgidOf(reply.IdempotencyKey, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var outcome = await SendPartAsync(to, msgid, parts[i], first: i == 0, cancellationToken);
            await sentReplies.RecordAsync(Channel, reply.IdempotencyKey, i + 1, new WeComKfSentPart(msgid, outcome, time.GetUtcNow()));
            if (outcome is not (SentOutcome or QueueNoticeOutcome))
            {
                LogDropped(logger, reply.IdempotencyKey, i + 1, outcome, app, openKfid, customer);
                return; // the later parts stay unsent too; a redelivery stops at this record
            }

            LogSent(logger, reply.IdempotencyKey, i + 1, parts.Count, outcome, app, openKfid, customer);
            if (outcome == QueueNoticeOutcome)
            {
                return; // a notice code carries one message
            }
        }
    }

    private async Task<string> SendPartAsync(Recipient to, string msgid, string text, bool first, CancellationToken cancellationToken)
    {
        var session = await KnownSessionAsync(to, cancellationToken);
        if (session.Owner != WeComKfOwner.Bot)
        {
            return await NotTheBotsAsync(to, session, msgid, text, first, cancellationToken);
        }

        if (session.LastCustomerMessageAt is { } last && time.GetUtcNow() - last > ReplyWindow)
        {
            return "window_closed";
        }

        if (!session.Counted.Contains(msgid))
        {
            session = await sessions.UpdateAsync(to.App, to.OpenKfid, to.Customer, s =>
                s.Counted.Contains(msgid) || s.Counted.Count >= MaxMessagesPerCustomerMessage ? s : s with { Counted = [.. s.Counted, msgid] },
                cancellationToken);
            if (!session.Counted.Contains(msgid))
            {
                return "limit_reached";
            }
        }

        var message = new WeComKfTextMessage(to.Customer, to.OpenKfid, msgid, new WeComText(text));
        try
        {
            await tokens.CallAsync(to.App, "kf/send_msg", (token, c) => api.SendAsync(token, message, c), cancellationToken);
            return SentOutcome;
        }
        catch (WeComApiException e) when (LimitCodes.Contains(e.ErrorCode))
        {
            return $"errcode_{e.ErrorCode}";
        }
        catch (WeComApiException)
        {
            // A servicer may have taken the session since we looked: if so the reply is not the bot's to send any more.
            var now = await RefreshOwnerAsync(to, cancellationToken);
            if (now.Owner != WeComKfOwner.Bot)
            {
                return await NotTheBotsAsync(to, now, msgid, text, first, cancellationToken);
            }

            throw;
        }
    }

    /// <summary>Dropped, unless it answers the message our hand-off was for: that one goes out once through the trans's msg_code.</summary>
    private async Task<string> NotTheBotsAsync(Recipient to, WeComKfSession session, string msgid, string text, bool first, CancellationToken cancellationToken) =>
        first && session.QueueNoticeCode is { } code && to.CustomerMsgid is not null && session.QueueNoticeFor == to.CustomerMsgid
            ? await SendQueueNoticeAsync(to, code, msgid, text, cancellationToken)
            : $"owner_{session.Owner.ToString().ToLowerInvariant()}";

    /// <summary>The session with a known owner: tracked from the pulled events, else asked of WeCom once and remembered.</summary>
    private async Task<WeComKfSession> KnownSessionAsync(Recipient to, CancellationToken cancellationToken) =>
        await sessions.GetAsync(to.App, to.OpenKfid, to.Customer, cancellationToken) is { Owner: not WeComKfOwner.Unknown } known
            ? known
            : await RefreshOwnerAsync(to, cancellationToken);

    private async Task<WeComKfSession> RefreshOwnerAsync(Recipient to, CancellationToken cancellationToken)
    {
        var body = new WeComKfCustomer(to.OpenKfid, to.Customer);
        var current = await tokens.CallAsync(to.App, "kf/service_state/get", (token, c) => api.GetStateAsync(token, body, c), cancellationToken);
        return await sessions.UpdateAsync(to.App, to.OpenKfid, to.Customer,
            s => s with { Owner = WeComKfSession.OwnerOf(current.ServiceState), ServicerUserid = current.ServicerUserid }, cancellationToken);
    }

    /// <summary>The reply to the message that asked for a person, after the hand-off won the race: through the trans's msg_code.</summary>
    private async Task<string> SendQueueNoticeAsync(Recipient to, string code, string msgid, string text, CancellationToken cancellationToken)
    {
        var message = new WeComKfEventMessage(code, msgid, new WeComText(text));
        string outcome;
        try
        {
            await tokens.CallAsync(to.App, "kf/send_msg_on_event", (token, c) => api.SendOnEventAsync(token, message, c), cancellationToken);
            outcome = QueueNoticeOutcome;
        }
        catch (WeComApiException e)
        {
            outcome = $"queue_notice_errcode_{e.ErrorCode}"; // single-use, or the session moved on: no retry can fix it
        }

        await sessions.UpdateAsync(to.App, to.OpenKfid, to.Customer,
            s => s.QueueNoticeCode == code ? s with { QueueNoticeCode = null, QueueNoticeFor = null } : s, CancellationToken.None);
        return outcome;
    }


    private sealed record Recipient(string App, string OpenKfid, string Customer, string? CustomerMsgid);

    /// <summary>What became of one part: <c>sent</c>, <c>queue_notice</c>, or why it was dropped (<c>owner_human</c>, <c>limit_reached</c> …).</summary>
    public sealed record WeComKfSentPart(string Msgid, string Outcome, DateTimeOffset At);

    [LoggerMessage(Level = LogLevel.Information, Message = "微信客服 reply {IdempotencyKey} part {Part}/{Parts} {Outcome} on app {App} to {OpenKfId}/{ExternalUserId}")]
    private static partial void LogSent(ILogger logger, string idempotencyKey, int part, int parts, string outcome, string app, string openKfId, string externalUserId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "微信客服 reply {IdempotencyKey} part {Part} dropped ({Reason}) on app {App} to {OpenKfId}/{ExternalUserId}")]
    private static partial void LogDropped(ILogger logger, string idempotencyKey, int part, string reason, string app, string openKfId, string externalUserId);

    [LoggerMessage(Level = LogLevel.Information, Message = "微信客服 reply {IdempotencyKey} part {Part} on app {App} was already handled ({Outcome}): skipped")]
    private static partial void LogAlreadyDone(ILogger logger, string idempotencyKey, int part, string outcome, string app);
}
