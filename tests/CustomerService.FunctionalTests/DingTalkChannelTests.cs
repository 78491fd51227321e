using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CustomerService.Abstractions.Channels;
using CustomerService.Abstractions.Messaging;
using CustomerService.Channels.DingTalk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerService.FunctionalTests;

/// <summary>
/// DingTalk's robot callback and event push through the real host: what is signed is acknowledged and published once,
/// everything else gets its status, publishes nothing and logs its reason without secrets or text.
/// </summary>
public sealed class DingTalkChannelTests : IAsyncLifetime
{
    private const string AppSecret = "dk-app-secret-0123456789abcdef";
    private const string AppKey = "ding6ccabc44d2c8d38b";
    private const string Token = "mryue";
    private const string AesKey = "Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7";
    private const string Callback = "/channels/dingtalk/support/callback";
    private const string Events = "/channels/dingtalk/support/events";
    private const string CustomerText = "我的订单什么时候发货";

    private static readonly DingTalkEventCrypto Crypto = new(Token, AesKey, AppKey);

    private readonly Received _received = new();
    private readonly CapturedLogs _logs = new("CustomerService.Channels.DingTalk");
    private CustomerServiceApp _app = null!;
    private HttpClient _client = null!;

    public static Dictionary<string, string?> Settings => new()
    {
        ["EventBus:PollInterval"] = "00:00:00.100",
        ["Logging:LogLevel:CustomerService.Channels.DingTalk"] = "Debug",
        ["Channels:DingTalk:Apps:0:Name"] = "support",
        ["Channels:DingTalk:Apps:0:AppKey"] = AppKey,
        ["Channels:DingTalk:Apps:0:AppSecret"] = AppSecret,
        ["Channels:DingTalk:Apps:0:Token"] = Token,
        ["Channels:DingTalk:Apps:0:AesKey"] = AesKey,
        ["Channels:DingTalk:Apps:1:Name"] = "robot-only",
        ["Channels:DingTalk:Apps:1:AppKey"] = "dingrobotonly",
        ["Channels:DingTalk:Apps:1:AppSecret"] = "another-secret",
        ["Channels:DingTalk:Apps:1:RobotCode"] = "dingRobotCode1",
    };

    public Task InitializeAsync()
    {
        _app = new CustomerServiceApp(settings: Settings, services: s =>
        {
            s.AddSingleton(_received);
            s.AddEventHandler<ChannelMessageReceived, Received.Handler>();
            s.AddSingleton<ILoggerProvider>(_logs);
            s.RemoveAll<IChannelSender>(); // inbound only: no reply may leave for the real oapi.dingtalk.com (DingTalkReplyTests send them)
        });
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        CustomerServiceApp.DeleteDataDirectory(_app.DataDirectory);
    }

    [Fact]
    public async Task A_signed_text_message_posted_three_times_is_acknowledged_each_time_and_delivered_once()
    {
        var body = SingleChat("msgA1", CustomerText);
        for (var i = 0; i < 3; i++)
        {
            using var response = await PostRobotAsync(Callback, body); // a fresh timestamp and sign, as a redelivery has
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        }

        var message = Assert.Single(await _received.SettledAsync(1));
        Assert.Equal(ChannelEventIds.For("dingtalk", "support", "msgA1"), message.Id);
        Assert.Equal(("dingtalk", "support", "staff-001", "msgA1", CustomerText),
            (message.Channel, message.App, message.AccountId, message.MessageId, message.Text));
        Assert.Equal(new Dictionary<string, string>
        {
            ["session_webhook"] = "https://oapi.dingtalk.com/robot/sendBySession?session=abc",
            ["session_webhook_expires_at"] = "1893456000000",
            ["conversation_type"] = "single",
            ["conversation_id"] = "cidSingle==",
            ["robot_code"] = "dingRobotFromMessage",
            ["sender_staff_id"] = "staff-001",
        }, message.ReplyContext.OrderBy(p => p.Key).ToDictionary());
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(CustomerText, StringComparison.Ordinal) || l.Contains(AppSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_text_addressed_to_the_robot_is_published_and_a_group_mention_is_stripped()
    {
        using var group = await PostRobotAsync("/channels/dingtalk/robot-only/callback", Json(new
        {
            msgtype = "text", text = new { content = "@客服机器人\u2005怎么退货" }, msgId = "msgG1", conversationType = "2",
            conversationId = "cidGroup==", senderId = "$:LWCP_v1:$enc", isInAtList = true,
            sessionWebhook = "https://oapi.dingtalk.com/robot/sendBySession?session=g", sessionWebhookExpiredTime = 1893456000000,
        }), secret: "another-secret");
        using var notMentioned = await PostRobotAsync("/channels/dingtalk/robot-only/callback", Json(new
        {
            msgtype = "text", text = new { content = "大家好" }, msgId = "msgG2", conversationType = "2", conversationId = "cidGroup==",
            senderId = "$:x", isInAtList = false,
        }), secret: "another-secret");
        using var picture = await PostRobotAsync(Callback, Json(new
        {
            msgtype = "picture", content = new { downloadCode = "dc" }, msgId = "msgP1", conversationType = "1", conversationId = "c", senderStaffId = "s",
        }));
        using var overQuota = await PostRobotAsync(Callback, Json(new { errorCode = 20001, errorMessage = "paused" }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK],
            [group.StatusCode, notMentioned.StatusCode, picture.StatusCode, overQuota.StatusCode]);
        var message = Assert.Single(await _received.SettledAsync(1));
        Assert.Equal(("robot-only", "$:LWCP_v1:$enc", "怎么退货"), (message.App, message.AccountId, message.Text));
        Assert.Equal(("group", "cidGroup==", "dingRobotCode1"),
            (message.ReplyContext["conversation_type"], message.ReplyContext["conversation_id"], message.ReplyContext["robot_code"]));
        Assert.False(message.ReplyContext.ContainsKey("sender_staff_id"));
        Assert.Contains(_logs.Lines, l => l.Contains("type picture is not handled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_robot_callbacks_get_their_status_and_publish_nothing()
    {
        var body = SingleChat("msgBad", CustomerText);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var stale = (now - 3_700_000).ToString(CultureInfo.InvariantCulture);

        using var wrongSign = await PostRobotAsync(Callback, body, secret: "not-the-secret");
        using var staleTimestamp = await PostRobotAsync(Callback, body, timestamp: stale);
        using var unsigned = await _client.PostRawAsync(Callback, body, "application/json");
        using var malformed = await PostRobotAsync(Callback, "{\"msgtype\":\"text\",");
        using var notAnObject = await PostRobotAsync(Callback, "\"text\"");
        using var incomplete = await PostRobotAsync(Callback, Json(new { msgtype = "text", text = new { content = "hi" }, conversationType = "1" }));
        using var foreignWebhook = await PostRobotAsync(Callback, SingleChat("msgBad2", "hi", webhook: "https://attacker.example/hook"));
        using var oversized = await PostRobotAsync(Callback, SingleChat("msgBad3", new string('长', 30_000)));
        using var unknownApp = await PostRobotAsync("/channels/dingtalk/nobody/callback", body);

        await wrongSign.ProblemAsync(401);
        await staleTimestamp.ProblemAsync(401);
        await unsigned.ProblemAsync(401);
        await malformed.ProblemAsync(400);
        await notAnObject.ProblemAsync(400);
        Assert.Contains("msgId", (await incomplete.ProblemAsync(400)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await foreignWebhook.ProblemAsync(400);
        await oversized.ProblemAsync(413);
        await unknownApp.ProblemAsync(404);

        Assert.Empty(await _received.SettledAsync(0));
        foreach (var reason in new[] { "(401): Signature mismatch", "(401): Stale timestamp", "(401): Not signed", "(400): Malformed JSON",
                     "(400): Incomplete message", "(400): Bad sessionWebhook", "(413): Body too large", "nobody rejected (404): Unknown app" })
        {
            Assert.Contains(_logs.Lines, l => l.Contains(reason, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(_logs.Lines, l => l.Contains(AppSecret, StringComparison.Ordinal) || l.Contains(CustomerText, StringComparison.Ordinal)
            || l.Contains("not-the-secret", StringComparison.Ordinal) || l.Contains('长', StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_url_check_is_answered_with_an_encrypted_signed_success()
    {
        var (timestamp, nonce) = (NowMs(), "nonceUrl1");
        var encrypt = Crypto.Encrypt("{\"EventType\":\"check_url\"}");

        using var response = await PostEventAsync(Events, encrypt, timestamp, nonce);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["encrypt", "msg_signature", "nonce", "timeStamp"], reply.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var (signature, replyTime, replyNonce, replyEncrypt) = (reply.GetProperty("msg_signature").GetString()!, reply.GetProperty("timeStamp").GetString()!,
            reply.GetProperty("nonce").GetString()!, reply.GetProperty("encrypt").GetString()!);
        Assert.True(Crypto.VerifySignature(signature, replyTime, replyNonce, replyEncrypt));
        Assert.Equal(DingTalkEventCrypto.Failure.None, Crypto.TryDecrypt(replyEncrypt, out var plaintext));
        Assert.Equal("success", plaintext);
        Assert.InRange(long.Parse(replyTime, CultureInfo.InvariantCulture), long.Parse(timestamp, CultureInfo.InvariantCulture) - 60_000,
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Other_events_are_acknowledged_logged_by_type_and_not_published()
    {
        var encrypt = Crypto.Encrypt("{\"EventType\":\"user_add_org\",\"UserId\":[\"secret-user-7\"],\"CorpId\":\"dingcorp\"}");

        using var response = await PostEventAsync(Events, encrypt, NowMs(), "nonceEvt1", signatureQuery: "signature", timestampQuery: "timeStamp");

        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DingTalkEventCrypto.Failure.None, Crypto.TryDecrypt(reply.GetProperty("encrypt").GetString()!, out var plaintext));
        Assert.Equal("success", plaintext);
        Assert.Contains(_logs.Lines, l => l.Contains("event user_add_org for app support acknowledged", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("secret-user-7", StringComparison.Ordinal));
        Assert.Empty(await _received.SettledAsync(0));
    }

    [Fact]
    public async Task Bad_event_pushes_get_their_status_and_publish_nothing()
    {
        var checkUrl = Crypto.Encrypt("{\"EventType\":\"check_url\"}");
        using var first = await PostEventAsync(Events, checkUrl, NowMs(), "nonceReplay");
        using var replay = await PostEventAsync(Events, checkUrl, NowMs(), "nonceReplay");
        using var wrongSignature = await PostEventAsync(Events, checkUrl, NowMs(), "nonceB1", signature: new string('0', 40));
        using var unsigned = await _client.PostAsJsonAsync(Events, new { encrypt = checkUrl });
        // The spec's official vector is genuine but from 2020: stale today.
        using var specVector = await _client.PostAsJsonAsync(
            $"{Events}?msg_signature=03044561471240d4a14bb09372dfcfd4fd0e40cb&timestamp=1608001896814&nonce=WL4PK6yA",
            new { encrypt = "0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3" });
        using var badBase64 = await PostEventAsync(Events, "not*base64", NowMs(), "nonceB2");
        using var badPadding = await PostEventAsync(Events, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)), NowMs(), "nonceB3");
        using var otherOwner = await PostEventAsync(Events, new DingTalkEventCrypto(Token, AesKey, "dingotherapp").Encrypt("{\"EventType\":\"check_url\"}"),
            NowMs(), "nonceB4");
        using var notJsonInside = await PostEventAsync(Events, Crypto.Encrypt("EventType=check_url"), NowMs(), "nonceB5");
        using var malformed = await _client.PostRawAsync($"{Events}?msg_signature=x&timestamp={NowMs()}&nonce=n", "{\"encrypt\":", "application/json");
        using var oversized = await PostEventAsync(Events, new string('A', 70_000), NowMs(), "nonceB6");
        using var unknownApp = await PostEventAsync("/channels/dingtalk/nobody/events", checkUrl, NowMs(), "nonceB7");
        using var noSubscription = await PostEventAsync("/channels/dingtalk/robot-only/events", checkUrl, NowMs(), "nonceB8");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("Replayed request", (await replay.ProblemAsync(401)).GetProperty("title").GetString());
        await wrongSignature.ProblemAsync(401);
        await unsigned.ProblemAsync(401);
        Assert.Equal("Stale timestamp", (await specVector.ProblemAsync(401)).GetProperty("title").GetString());
        Assert.Contains("NotBase64", (await badBase64.ProblemAsync(400)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("BadPadding", (await badPadding.ProblemAsync(400)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await otherOwner.ProblemAsync(401);
        await notJsonInside.ProblemAsync(400);
        await malformed.ProblemAsync(400);
        await oversized.ProblemAsync(413);
        await unknownApp.ProblemAsync(404);
        await noSubscription.ProblemAsync(404);

        Assert.Empty(await _received.SettledAsync(0));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(Token, StringComparison.Ordinal) || l.Contains(AesKey, StringComparison.Ordinal)
            || l.Contains("EventType=", StringComparison.Ordinal) || l.Contains(checkUrl, StringComparison.Ordinal));
        Assert.Contains(_logs.Lines, l => l.Contains("event push for app support rejected (401): Wrong recipient", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_app_there_is_no_dingtalk_endpoint()
    {
        await using var bare = new CustomerServiceApp();
        using var client = bare.CreateClient();

        using var callback = await client.PostAsync("/channels/dingtalk/support/callback", new StringContent("{}", Encoding.UTF8, "application/json"));
        using var events = await client.PostAsync("/channels/dingtalk/support/events", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (callback.StatusCode, events.StatusCode));
        Assert.Empty(bare.Services.GetRequiredService<IOptions<DingTalkOptions>>().Value.Apps);
        CustomerServiceApp.DeleteDataDirectory(bare.DataDirectory);
    }

    [Fact]
    public async Task A_bad_app_setting_stops_start_up_naming_its_key_and_not_its_value()
    {
        var data = CustomerServiceApp.NewDataDirectory();
        using var host = HostTests.StartHost($"--urls http://127.0.0.1:{HostTests.FreePort()} --Channels:DingTalk:Apps:0:Name=support "
            + $"--Channels:DingTalk:Apps:0:AppKey={AppKey} --Channels:DingTalk:Apps:0:AppSecret={AppSecret} --Channels:DingTalk:Apps:0:Token={Token} "
            + $"--Channels:DingTalk:Apps:0:AesKey=short{AppSecret} --Channels:DingTalk:Apps:1:Name=SUPPORT --Channels:DingTalk:Apps:1:AppKey=k", data);
        var stderr = await host.StandardError.ReadToEndAsync();
        await host.WaitForExitAsync();

        Assert.Equal(1, host.ExitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Start-up failed:", line, StringComparison.Ordinal);
        Assert.Contains("Channels:DingTalk:Apps:0:AesKey must be the 43 Base64 characters", line, StringComparison.Ordinal);
        Assert.Contains("Channels:DingTalk:Apps:1:Name 'SUPPORT' is used by another app", line, StringComparison.Ordinal);
        Assert.Contains("Channels:DingTalk:Apps:1:AppSecret is required", line, StringComparison.Ordinal);
        Assert.DoesNotContain(AppSecret, line, StringComparison.Ordinal);
        CustomerServiceApp.DeleteDataDirectory(data);
    }

    private static string NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static string SingleChat(string msgId, string text, string webhook = "https://oapi.dingtalk.com/robot/sendBySession?session=abc") => Json(new
    {
        msgtype = "text", text = new { content = text }, msgId, createAt = 1700000000000, conversationType = "1", conversationId = "cidSingle==",
        senderId = "$:LWCP_v1:$single", senderStaffId = "staff-001", senderNick = "张三", robotCode = "dingRobotFromMessage",
        sessionWebhook = webhook, sessionWebhookExpiredTime = 1893456000000,
    });

    private async Task<HttpResponseMessage> PostRobotAsync(string path, string body, string? timestamp = null, string secret = AppSecret)
    {
        timestamp ??= NowMs();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("timestamp", timestamp);
        request.Headers.Add("sign", DingTalkRobotSignature.Sign(timestamp, secret));
        return await _client.SendAsync(request);
    }

    private Task<HttpResponseMessage> PostEventAsync(string path, string encrypt, string timestamp, string nonce, string? signature = null,
        string signatureQuery = "msg_signature", string timestampQuery = "timestamp")
    {
        signature ??= Crypto.Signature(timestamp, nonce, encrypt);
        return _client.PostAsJsonAsync($"{path}?{signatureQuery}={signature}&{timestampQuery}={timestamp}&nonce={nonce}", new { encrypt });
    }

    public sealed class Received
    {
        private readonly ConcurrentQueue<ChannelMessageReceived> _messages = new();

        /// <summary>Waits for <paramref name="expected"/> deliveries, then a little longer, so a second delivery would show.</summary>
        public async Task<IReadOnlyList<ChannelMessageReceived>> SettledAsync(int expected)
        {
            for (var i = 0; i < 100 && _messages.Count < expected; i++)
            {
                await Task.Delay(50);
            }

            await Task.Delay(500);
            return [.. _messages];
        }

        public sealed class Handler(Received log) : IIntegrationEventHandler<ChannelMessageReceived>
        {
            public Task HandleAsync(ChannelMessageReceived @event, CancellationToken cancellationToken)
            {
                log._messages.Enqueue(@event);
                return Task.CompletedTask;
            }
        }
    }
}
