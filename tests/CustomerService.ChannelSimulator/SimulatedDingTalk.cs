using System.Globalization;
using System.Text;
using System.Text.Json;
using CustomerService.Channels.DingTalk;

namespace CustomerService.ChannelSimulator;

/// <summary>What DingTalk sends a robot's HTTP callback: a 1:1 text message with the timestamp and sign headers.</summary>
internal sealed class SimulatedDingTalk(string app, string appSecret, TimeProvider time)
{
    public HttpRequestMessage Text(string staffId, string msgId, string text)
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
            ["sessionWebhook"] = "https://oapi.dingtalk.com/robot/sendBySession?session=simulator",
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
