using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CustomerService.Abstractions.Channels;
using CustomerService.Channels.DingTalk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using static CustomerService.FunctionalTests.DingTalkCallbackHost;
using static CustomerService.FunctionalTests.DingTalkTestApp;

namespace CustomerService.FunctionalTests;

/// <summary>
/// DingTalk's robot callback through the real host: what is signed is acknowledged and published once, everything else gets
/// its status, publishes nothing and logs its reason without secrets or text; no app, no endpoint; a bad app setting, no start.
/// </summary>
public sealed class DingTalkRobotCallbackTests : IAsyncLifetime
{
    private readonly DingTalkCallbackHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task A_signed_text_message_posted_three_times_is_acknowledged_each_time_and_delivered_once()
    {
        var body = SingleChat("msgA1", CustomerText);
        for (var i = 0; i < 3; i++)
        {
            using var response = await _host.PostRobotAsync(Callback, body); // a fresh timestamp and sign, as a redelivery has
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        }

        var message = Assert.Single(await _host.Received.SettledAsync(1));
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
        Assert.DoesNotContain(_host.Logs.Lines, l => l.Contains(CustomerText, StringComparison.Ordinal) || l.Contains(AppSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_text_addressed_to_the_robot_is_published_and_a_group_mention_is_stripped()
    {
        using var group = await _host.PostRobotAsync("/channels/dingtalk/robot-only/callback", Json(new
        {
            msgtype = "text", text = new { content = "@客服机器人\u2005怎么退货" }, msgId = "msgG1", conversationType = "2",
            conversationId = "cidGroup==", senderId = "$:LWCP_v1:$enc", isInAtList = true,
            sessionWebhook = "https://oapi.dingtalk.com/robot/sendBySession?session=g", sessionWebhookExpiredTime = 1893456000000,
        }), secret: "another-secret");
        using var notMentioned = await _host.PostRobotAsync("/channels/dingtalk/robot-only/callback", Json(new
        {
            msgtype = "text", text = new { content = "大家好" }, msgId = "msgG2", conversationType = "2", conversationId = "cidGroup==",
            senderId = "$:x", isInAtList = false,
        }), secret: "another-secret");
        using var picture = await _host.PostRobotAsync(Callback, Json(new
        {
            msgtype = "picture", content = new { downloadCode = "dc" }, msgId = "msgP1", conversationType = "1", conversationId = "c", senderStaffId = "s",
        }));
        using var overQuota = await _host.PostRobotAsync(Callback, Json(new { errorCode = 20001, errorMessage = "paused" }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK],
            [group.StatusCode, notMentioned.StatusCode, picture.StatusCode, overQuota.StatusCode]);
        var message = Assert.Single(await _host.Received.SettledAsync(1));
        Assert.Equal(("robot-only", "$:LWCP_v1:$enc", "怎么退货"), (message.App, message.AccountId, message.Text));
        Assert.Equal(("group", "cidGroup==", "dingRobotCode1"),
            (message.ReplyContext["conversation_type"], message.ReplyContext["conversation_id"], message.ReplyContext["robot_code"]));
        Assert.False(message.ReplyContext.ContainsKey("sender_staff_id"));
        Assert.Contains(_host.Logs.Lines, l => l.Contains("type picture is not handled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_robot_callbacks_get_their_status_and_publish_nothing()
    {
        var body = SingleChat("msgBad", CustomerText);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var stale = (now - 3_700_000).ToString(CultureInfo.InvariantCulture);

        using var wrongSign = await _host.PostRobotAsync(Callback, body, secret: "not-the-secret");
        using var staleTimestamp = await _host.PostRobotAsync(Callback, body, timestamp: stale);
        using var unsigned = await _host.Client.PostRawAsync(Callback, body, "application/json");
        using var malformed = await _host.PostRobotAsync(Callback, "{\"msgtype\":\"text\",");
        using var notAnObject = await _host.PostRobotAsync(Callback, "\"text\"");
        using var incomplete = await _host.PostRobotAsync(Callback, Json(new { msgtype = "text", text = new { content = "hi" }, conversationType = "1" }));
        using var foreignWebhook = await _host.PostRobotAsync(Callback, SingleChat("msgBad2", "hi", webhook: "https://attacker.example/hook"));
        using var oversized = await _host.PostRobotAsync(Callback, SingleChat("msgBad3", new string('长', 30_000)));
        using var unknownApp = await _host.PostRobotAsync("/channels/dingtalk/nobody/callback", body);

        await wrongSign.ProblemAsync(401);
        await staleTimestamp.ProblemAsync(401);
        await unsigned.ProblemAsync(401);
        await malformed.ProblemAsync(400);
        await notAnObject.ProblemAsync(400);
        Assert.Contains("msgId", (await incomplete.ProblemAsync(400)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await foreignWebhook.ProblemAsync(400);
        await oversized.ProblemAsync(413);
        await unknownApp.ProblemAsync(404);

        Assert.Empty(await _host.Received.SettledAsync(0));
        foreach (var reason in new[] { "(401): Signature mismatch", "(401): Stale timestamp", "(401): Not signed", "(400): Malformed JSON",
                     "(400): Incomplete message", "(400): Bad sessionWebhook", "(413): Body too large", "nobody rejected (404): Unknown app" })
        {
            Assert.Contains(_host.Logs.Lines, l => l.Contains(reason, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(_host.Logs.Lines, l => l.Contains(AppSecret, StringComparison.Ordinal) || l.Contains(CustomerText, StringComparison.Ordinal)
            || l.Contains("not-the-secret", StringComparison.Ordinal) || l.Contains('长', StringComparison.Ordinal));
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

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
