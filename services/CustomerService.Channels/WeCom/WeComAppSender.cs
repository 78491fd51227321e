using System.Globalization;
using CustomerService.Abstractions.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerService.Channels.WeCom;

/// <summary>
/// Sends the bot's replies on channel <c>wecom</c> as app text messages (spec §9) to the user and app the message came from.
/// Anything short of <c>errcode 0</c> (an errcode, a 5xx, a timeout) throws, and the bus retries the reply with backoff.
/// <para>
/// Sent once: each part sent is recorded under the reply's <see cref="ChannelReplyReady.IdempotencyKey"/> in the state store,
/// and a redelivered reply (a crash or failed ack after the send) skips the parts recorded. What the record cannot cover is a
/// part WeCom accepted whose record was never written (the process died in between, or the answer was lost to a timeout):
/// for that window WeCom's own duplicate check drops the same text to the same user within
/// <see cref="DuplicateCheckInterval"/>; a retry later than that would send it again.
/// </para>
/// </summary>
public sealed partial class WeComAppSender(
    IOptions<WeComOptions> options,
    WeComAccessTokens tokens,
    WeComApi api,
    SentReplies sentReplies,
    TimeProvider time,
    ILogger<WeComAppSender> logger) : IChannelSender
{
    /// <summary>
    /// WeCom's duplicate check window (seconds). Long enough to cover a redelivery after a crash or the bus's retries of a
    /// timed-out send; short, because it also drops a legitimate identical reply to the same user (the same question asked
    /// twice) within it.
    /// </summary>
    public const int DuplicateCheckInterval = 600;

    public string Channel => WeComCallbacks.Channel;

    public async Task SendAsync(ChannelReplyReady reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var app = options.Value.AppOfReply(reply.App);
        var toUser = reply.ReplyContext.GetValueOrDefault("to_user") is { Length: > 0 } user ? user : reply.AccountId;
        var agentId = int.TryParse(reply.ReplyContext.GetValueOrDefault("agent_id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : app.AgentId!.Value;

        var parts = WeComTextParts.Of(reply.Text);
        if (parts.Count == 0)
        {
            LogEmpty(logger, reply.IdempotencyKey, app.Name!);
            return;
        }

        for (var i = 0; i < parts.Count; i++)
        {
            if (await sentReplies.FindAsync<WeComSentPart>(WeComCallbacks.Channel, reply.IdempotencyKey, i + 1, cancellationToken) is not null)
            {
                LogAlreadySent(logger, reply.IdempotencyKey, i + 1, app.Name!);
                continue;
            }

            var message = new WeComTextMessage(toUser, agentId, new WeComText(parts[i]), DuplicateCheckInterval);
            var sent = await tokens.CallAsync(app.Name!, "message/send", (token, c) => api.SendMessageAsync(token, message, c), cancellationToken);
            await sentReplies.RecordAsync(WeComCallbacks.Channel, reply.IdempotencyKey, i + 1, new WeComSentPart(sent.MsgId, time.GetUtcNow()));
            LogSent(logger, reply.IdempotencyKey, i + 1, parts.Count, app.Name!, sent.MsgId);
        }
    }


    /// <summary>The durable trace of one part WeCom accepted (<c>msgid</c> allows a recall).</summary>
    public sealed record WeComSentPart(string? MsgId, DateTimeOffset SentAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom reply {IdempotencyKey} part {Part}/{Parts} sent on app {App} as msgid {MsgId}")]
    private static partial void LogSent(ILogger logger, string idempotencyKey, int part, int parts, string app, string? msgId);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom reply {IdempotencyKey} part {Part} on app {App} was already sent: skipped")]
    private static partial void LogAlreadySent(ILogger logger, string idempotencyKey, int part, string app);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom reply {IdempotencyKey} on app {App} is empty: nothing sent")]
    private static partial void LogEmpty(ILogger logger, string idempotencyKey, string app);
}
