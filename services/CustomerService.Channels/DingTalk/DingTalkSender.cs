using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerService.Abstractions.Channels;
using Microsoft.Extensions.Logging;

namespace CustomerService.Channels.DingTalk;

/// <summary>
/// Replies through the message's sessionWebhook while it lives (spec §3.1), then through the OpenAPI with the app's token
/// (§3.2): <c>oToMessages/batchSend</c> to the sender in a 1:1 chat, <c>groupMessages/send</c> to a group. Anything DingTalk
/// does not accept throws, so the bus retries the reply with backoff; a reply already sent is not sent again.
/// </summary>
internal sealed class DingTalkSender(
    DingTalkApps apps,
    DingTalkWebhookHosts webhookHosts,
    DingTalkOpenApi openApi,
    IHttpClientFactory clients,
    SentReplies sentReplies,
    TimeProvider time,
    ILogger<DingTalkSender> logger) : IChannelSender
{
    /// <summary>A webhook this close to its expiry is not used: the POST could arrive after it, and the retry would wait for backoff.</summary>
    public static readonly TimeSpan WebhookSafetyMargin = TimeSpan.FromSeconds(30);

    public const string OneToOnePath = "/v1.0/robot/oToMessages/batchSend";
    public const string GroupPath = "/v1.0/robot/groupMessages/send";

    public string Channel => DingTalkApi.Channel;

    public async Task SendAsync(ChannelReplyReady reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var loggableKey = DingTalkApps.Loggable(reply.IdempotencyKey);
        if (await sentReplies.FindAsync<SentReply>(Channel, reply.IdempotencyKey, part: 1, cancellationToken) is not null)
        {
            var loggableApp = DingTalkApps.Loggable(reply.App);
            logger.ReplyAlreadySent(loggableApp, loggableKey);
            return;
        }

        var app = apps.Find(reply.App)
            ?? throw new InvalidOperationException($"No DingTalk app '{DingTalkApps.Loggable(reply.App)}' is configured (Channels:DingTalk:Apps).");
        var context = reply.ReplyContext;
        string route;
        if (LiveWebhook(context) is { } webhook)
        {
            route = "webhook";
            await PostToWebhookAsync(webhook, reply.Text, cancellationToken);
        }
        else if (context.GetValueOrDefault("conversation_type") == "group")
        {
            route = "group";
            await openApi.PostAsync(app, GroupPath, new
            {
                robotCode = RobotCode(context, app),
                openConversationId = Required(context, "conversation_id"),
                msgKey = "sampleText",
                msgParam = TextParam(reply.Text),
            }, "groupMessages/send", cancellationToken);
        }
        else
        {
            route = "oto";
            await SendOneToOneAsync(app, RobotCode(context, app), Required(context, "sender_staff_id"), reply.Text, cancellationToken);
        }

        await sentReplies.RecordAsync(Channel, reply.IdempotencyKey, part: 1, new SentReply(time.GetUtcNow(), route));
        logger.ReplySent(app.Name, route, loggableKey);
    }

    /// <summary>The webhook, if it is on an allowed host and lives past the safety margin; an unknown expiry counts as expired.</summary>
    private string? LiveWebhook(IReadOnlyDictionary<string, string> context) =>
        context.GetValueOrDefault("session_webhook") is { Length: > 0 } url && webhookHosts.IsAllowed(url)
        && long.TryParse(context.GetValueOrDefault("session_webhook_expires_at"), NumberStyles.None, CultureInfo.InvariantCulture, out var expiresMs)
        && time.GetUtcNow() + WebhookSafetyMargin < DateTimeOffset.FromUnixTimeMilliseconds(expiresMs)
            ? url
            : null;

    private async Task PostToWebhookAsync(string webhook, string text, CancellationToken cancellationToken)
    {
        const string Operation = "sessionWebhook";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(webhook))
        {
            Content = JsonContent.Create(new { msgtype = "text", text = new { content = text } }),
        };
        var body = await DingTalkHttp.SendAsync(clients.CreateClient(DingTalkHttp.ClientName), request, Operation, cancellationToken);
        if (DingTalkHttp.Code(body) is { } errcode)
        {
            throw new DingTalkApiException(Operation, 200, errcode);
        }
    }

    private async Task SendOneToOneAsync(DingTalkApp app, string robotCode, string staffId, string text, CancellationToken cancellationToken)
    {
        const string Operation = "oToMessages/batchSend";
        var body = await openApi.PostAsync(app, OneToOnePath, new
        {
            robotCode,
            userIds = new[] { staffId },
            msgKey = "sampleText",
            msgParam = TextParam(text),
        }, Operation, cancellationToken);

        // Accepted calls can still leave a user out: an unknown userId, or one throttled for now (retry later).
        if (Lists(body, "invalidStaffIdList", staffId))
        {
            throw new DingTalkApiException(Operation, 200, "invalidStaffIdList");
        }

        if (Lists(body, "flowControlledStaffIdList", staffId))
        {
            throw new DingTalkApiException(Operation, 200, "flowControlledStaffIdList");
        }
    }

    /// <summary><c>msgParam</c> is a JSON string, not an object (spec §3.2).</summary>
    private static string TextParam(string text) => JsonSerializer.Serialize(new { content = text });

    private static string RobotCode(IReadOnlyDictionary<string, string> context, DingTalkApp app) =>
        context.GetValueOrDefault("robot_code") is { Length: > 0 } code ? code : app.RobotCode ?? app.AppKey;

    private static string Required(IReadOnlyDictionary<string, string> context, string key) =>
        context.GetValueOrDefault(key) is { Length: > 0 } value ? value
        : throw new InvalidOperationException(
            $"The DingTalk reply has no live sessionWebhook and its context lacks {key}, which the OpenAPI needs (sender_staff_id comes once the robot is published).");

    private static bool Lists(JsonElement body, string property, string staffId) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array
        && list.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && e.GetString() == staffId);

    /// <summary>When and how (webhook, oto, group) a reply went out; no text, no recipient.</summary>
    public sealed record SentReply(DateTimeOffset SentAt, string Route);
}
