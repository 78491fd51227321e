using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CustomerService.Channels.DingTalk;

/// <summary>
/// What DingTalk sends a robot's HTTP callback: a 1:1 text message with the timestamp and sign headers. Plays DingTalk against
/// a host (the channel simulator, the eval runner's channel turns); the host never uses it.
/// </summary>
public sealed class SimulatedDingTalk(string app, string appSecret, TimeProvider time)
{
    /// <summary>DingTalk's own sessionWebhook form; a host answers there only if DingTalk's hosts are allowed.</summary>
    public const string DefaultSessionWebhook = "https://oapi.dingtalk.com/robot/sendBySession?session=simulator";

    /// <param name="sessionWebhook">Where the host is to POST the reply (a fake DingTalk's, listed in <c>AllowedWebhookHosts</c>).</param>
    public HttpRequestMessage Text(string staffId, string msgId, string text, string sessionWebhook = DefaultSessionWebhook)
    {
        var now = time.GetUtcNow();
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["msgId"] = msgId,
            ["msgtype"] = "text",
            ["text"] = new Dictionary<string, string> { ["content"] = text },
            ["conversationType"] = "1",
            ["conversationId"] = $"cid-{staffId}",
            ["senderStaffId"] = staffId,
            ["senderNick"] = staffId,
            ["sessionWebhook"] = sessionWebhook,
            ["sessionWebhookExpiredTime"] = now.AddMinutes(90).ToUnixTimeMilliseconds(),
            ["createAt"] = now.ToUnixTimeMilliseconds(),
        });
        var timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/channels/dingtalk/{Uri.EscapeDataString(app)}/callback")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("timestamp", timestamp);
        request.Headers.Add("sign", DingTalkRobotSignature.Sign(timestamp, appSecret));
        return request;
    }
}
