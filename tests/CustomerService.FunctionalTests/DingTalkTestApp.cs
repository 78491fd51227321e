using System.Globalization;
using System.Text;
using System.Text.Json;
using CustomerService.Channels.DingTalk;

namespace CustomerService.FunctionalTests;

/// <summary>What DingTalk sends a robot's callback: a 1:1 text message, signed with the app secret in the headers.</summary>
internal static class DingTalkTestApp
{
    /// <summary>A 1:1 text message; the webhook by default is DingTalk's, valid until 2030.</summary>
    public static string SingleChat(string msgId, string text, string webhook = "https://oapi.dingtalk.com/robot/sendBySession?session=abc",
        long webhookExpiresAt = 1893456000000) => JsonSerializer.Serialize(new
    {
        msgtype = "text", text = new { content = text }, msgId, createAt = 1700000000000, conversationType = "1", conversationId = "cidSingle==",
        senderId = "$:LWCP_v1:$single", senderStaffId = "staff-001", senderNick = "张三", robotCode = "dingRobotFromMessage",
        sessionWebhook = webhook, sessionWebhookExpiredTime = webhookExpiresAt,
    });

    /// <summary>The callback request for <paramref name="body"/>, with the <c>timestamp</c> and <c>sign</c> headers of <paramref name="appSecret"/>.</summary>
    public static HttpRequestMessage RobotCallback(string path, string body, string appSecret, string? timestamp = null)
    {
        timestamp ??= NowMs();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("timestamp", timestamp);
        request.Headers.Add("sign", DingTalkRobotSignature.Sign(timestamp, appSecret));
        return request;
    }

    public static string NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}
