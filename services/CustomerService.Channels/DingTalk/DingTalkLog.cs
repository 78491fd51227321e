using Microsoft.Extensions.Logging;

namespace CustomerService.Channels.DingTalk;

/// <summary>What the callbacks and the sender log: app names, reasons, event types and reply keys; never secrets, tokens, webhooks or text.</summary>
internal static partial class DingTalkLog
{
    public const string Category = "CustomerService.Channels.DingTalk";

    [LoggerMessage(Level = LogLevel.Warning, Message = "DingTalk {Endpoint} for app {App} rejected ({Status}): {Reason}")]
    public static partial void Rejected(this ILogger logger, string endpoint, string app, int status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "DingTalk robot message for app {App} not published: {Reason}")]
    public static partial void Skipped(this ILogger logger, string app, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "DingTalk robot message for app {App} not published: its type {MsgType} is not handled yet")]
    public static partial void TypeNotHandled(this ILogger logger, string app, string msgType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DingTalk robot callback for app {App} carries error {ErrorCode} instead of a message (20001: message service paused over quota)")]
    public static partial void DingTalkError(this ILogger logger, string app, string errorCode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DingTalk robot message for app {App} published as {EventId}")]
    public static partial void Published(this ILogger logger, string app, Guid eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "DingTalk event {EventType} for app {App} acknowledged")]
    public static partial void EventAcknowledged(this ILogger logger, string app, string eventType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DingTalk reply {IdempotencyKey} for app {App} sent by {Route}")]
    public static partial void ReplySent(this ILogger logger, string app, string route, string idempotencyKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "DingTalk reply {IdempotencyKey} for app {App} was sent before; not sent again")]
    public static partial void ReplyAlreadySent(this ILogger logger, string app, string idempotencyKey);
}
