using System.Globalization;
using System.Text.Json;
using CustomerService.Abstractions.Channels;
using CustomerService.Abstractions.Messaging;
using CustomerService.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace CustomerService.Channels.DingTalk;

/// <summary>
/// <c>POST /channels/dingtalk/{app}/callback</c>: a robot's HTTP-mode message (spec §2). Verifies the headers, publishes
/// a text message as <see cref="ChannelMessageReceived"/> and acknowledges with <c>{}</c>; the reply goes out later.
/// </summary>
internal static class DingTalkRobotCallback
{
    public const int MaxBodyBytes = 64 * 1024;
    private const string Endpoint = "robot callback";

    /// <summary>The empty JSON object DingTalk gets back: no synchronous reply, the agent answers after the ack.</summary>
    public sealed record Ack;

    public static async Task<Results<Ok<Ack>, ProblemHttpResult>> Handle(
        string app, HttpRequest request, DingTalkApps apps, DingTalkWebhookHosts webhookHosts, IEventBus bus, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(DingTalkLog.Category);
        ProblemHttpResult Reject(int status, string title, string detail)
        {
            logger.Rejected(Endpoint, DingTalkApps.Loggable(app), status, title);
            return TypedResults.Problem(detail, statusCode: status, title: title);
        }

        if (apps.Find(app) is not { } config)
        {
            return Reject(StatusCodes.Status404NotFound, "Unknown app", "No DingTalk app of this name is configured (Channels:DingTalk:Apps).");
        }

        var outcome = DingTalkRobotSignature.Verify(request.Headers["timestamp"], request.Headers["sign"], config.AppSecret, time.GetUtcNow());
        switch (outcome)
        {
            case DingTalkRobotSignature.Outcome.Missing:
                return Reject(StatusCodes.Status401Unauthorized, "Not signed", "The timestamp and sign headers are required.");
            case DingTalkRobotSignature.Outcome.Stale:
                return Reject(StatusCodes.Status401Unauthorized, "Stale timestamp", "The timestamp header must be milliseconds within one hour of now.");
            case DingTalkRobotSignature.Outcome.Mismatch:
                return Reject(StatusCodes.Status401Unauthorized, "Signature mismatch", "The sign header does not match the app's secret.");
        }

        var body = await RequestBody.ReadAsync(request.Body, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            logger.Rejected(Endpoint, config.Name, StatusCodes.Status413PayloadTooLarge, "Body too large");
            return Problems.TooLarge(MaxBodyBytes);
        }

        DingTalkRobotMessage? message;
        try
        {
            message = DingTalkRobotMessage.Parse(body);
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is null)
        {
            return Reject(StatusCodes.Status400BadRequest, "Malformed JSON", "The body must be the robot message JSON object.");
        }

        if (message.ErrorCode is { Length: > 0 } errorCode)
        {
            logger.DingTalkError(config.Name, DingTalkApps.Loggable(errorCode));
            return TypedResults.Ok(new Ack());
        }

        if (message.MsgType != "text")
        {
            var loggableType = DingTalkApps.Loggable(message.MsgType);
            logger.TypeNotHandled(config.Name, loggableType);
            return TypedResults.Ok(new Ack());
        }

        if (Missing(message) is { } missing)
        {
            return Reject(StatusCodes.Status400BadRequest, "Incomplete message", $"A text message needs {missing}.");
        }

        if (message.SessionWebhook is { } webhook && !webhookHosts.IsAllowed(webhook))
        {
            // The sender will POST the reply there: only DingTalk's own hosts, never an address a forged body chose.
            return Reject(StatusCodes.Status400BadRequest, "Bad sessionWebhook",
                "sessionWebhook must be an https URL on dingtalk.com (or a host in Channels:DingTalk:AllowedWebhookHosts).");
        }

        // DingTalk delivers group messages only when the robot is @-mentioned; a group message that says otherwise is ignored.
        if (message.IsGroup && message.IsInAtList == false)
        {
            logger.Skipped(config.Name, "group message without the robot in its @ list");
            return TypedResults.Ok(new Ack());
        }

        var text = message.IsGroup ? DingTalkRobotMessage.StripLeadingMentions(message.Text!) : message.Text!.Trim();
        if (text.Length == 0)
        {
            logger.Skipped(config.Name, "empty text");
            return TypedResults.Ok(new Ack());
        }

        var received = new ChannelMessageReceived(
            Channel: DingTalkApi.Channel,
            App: config.Name,
            // senderStaffId is the org's userId, sent once the robot is published; before that only the encrypted senderId.
            AccountId: message.SenderStaffId is { Length: > 0 } staffId ? staffId : message.SenderId!,
            MessageId: message.MsgId!,
            Text: text,
            ReplyContext: ReplyContext(message, config))
        {
            Id = ChannelEventIds.For(DingTalkApi.Channel, config.Name, message.MsgId!),
            OccurredAt = time.GetUtcNow(),
        };

        // A redelivered msgId is the same event id: the outbox keeps the first and delivers it once.
        await bus.PublishAsync(received, cancellationToken);
        logger.Published(config.Name, received.Id);
        return TypedResults.Ok(new Ack());
    }

    private static string? Missing(DingTalkRobotMessage message) =>
        string.IsNullOrEmpty(message.MsgId) ? "msgId"
        : message.Text is null ? "text.content"
        : string.IsNullOrEmpty(message.ConversationId) ? "conversationId"
        : message.ConversationType is not (DingTalkRobotMessage.SingleChat or DingTalkRobotMessage.GroupChat) ? "conversationType \"1\" or \"2\""
        : string.IsNullOrEmpty(message.SenderStaffId) && string.IsNullOrEmpty(message.SenderId) ? "senderStaffId or senderId"
        : null;

    private static Dictionary<string, string> ReplyContext(DingTalkRobotMessage message, DingTalkApp app)
    {
        Dictionary<string, string> context = new()
        {
            ["conversation_type"] = message.IsGroup ? "group" : "single",
            ["conversation_id"] = message.ConversationId!,
            ["robot_code"] = app.RobotCode ?? message.RobotCode ?? app.AppKey,
        };
        if (message.SessionWebhook is { Length: > 0 } webhook)
        {
            context["session_webhook"] = webhook;
            if (message.SessionWebhookExpiredTime is { } expires)
            {
                context["session_webhook_expires_at"] = expires.ToString(CultureInfo.InvariantCulture); // Unix ms, as DingTalk sent it
            }
        }

        if (message.SenderStaffId is { Length: > 0 } staffId)
        {
            context["sender_staff_id"] = staffId;
        }

        return context;
    }
}
