using CustomerService.Abstractions.Channels;
using CustomerService.Channels.DingTalk;
using CustomerService.Conformance;
using CustomerService.UnitTests.Conversations;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerService.UnitTests.Channels.DingTalk;

/// <summary>
/// Which way a reply leaves: the live sessionWebhook, else the OpenAPI (1:1 batchSend to the sender, group send to the
/// conversation) with the text as a <c>sampleText</c> msgParam string; failures throw, and a sent reply is not sent again.
/// </summary>
public sealed class DingTalkSenderTests : IDisposable
{
    private const string Webhook = "https://oapi.dingtalk.com/robot/sendBySession?session=abc";
    private const string Text = "在App或网站进入「我的订单」申请退货。";

    private readonly FakeDingTalkHandler _dingTalk = new();
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryState _state = new();
    private readonly DingTalkAccessTokens _tokens;
    private readonly DingTalkSender _sender;

    public DingTalkSenderTests()
    {
        var clients = new FakeHttpClients(_dingTalk);
        var options = DingTalkFakes.Options();
        _tokens = new DingTalkAccessTokens(clients, options, _time);
        _sender = new DingTalkSender(new DingTalkApps(options), new DingTalkWebhookHosts(options), new DingTalkOpenApi(clients, _tokens, options),
            clients, new CustomerService.Channels.SentReplies(_state), _time, NullLogger<DingTalkSender>.Instance);
    }

    public void Dispose()
    {
        _tokens.Dispose();
        _dingTalk.Dispose();
    }

    [Fact]
    public async Task A_live_webhook_gets_the_text_and_no_token_is_fetched()
    {
        await _sender.SendAsync(Reply(Single(expiresIn: TimeSpan.FromMinutes(5))), default);

        var call = Assert.Single(_dingTalk.Calls);
        Assert.Equal(new Uri(Webhook), call.Uri);
        Assert.Null(call.Token);
        Assert.Equal(HttpMethod.Post, call.Method);
        Assert.Equal(["msgtype", "text"], call.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("text", Text), (call.Json.GetProperty("msgtype").GetString(), call.Json.GetProperty("text").GetProperty("content").GetString()));
    }

    [Theory]
    [InlineData(-60)] // expired a minute ago
    [InlineData(10)] // expires within the safety margin
    public async Task An_expired_webhook_in_a_1_to_1_chat_sends_batchSend_to_the_sender_with_the_token(int expiresInSeconds)
    {
        await _sender.SendAsync(Reply(Single(expiresIn: TimeSpan.FromSeconds(expiresInSeconds))), default);

        Assert.Equal(["/v1.0/oauth2/accessToken", DingTalkSender.OneToOnePath], _dingTalk.Calls.Select(c => c.Uri.AbsolutePath));
        var send = _dingTalk.To(DingTalkSender.OneToOnePath)[0];
        Assert.Equal(new Uri(DingTalkFakes.ApiBase + DingTalkSender.OneToOnePath), send.Uri);
        Assert.Equal("tok-1", send.Token);
        Assert.Equal("dingRobotFromMessage", send.Json.GetProperty("robotCode").GetString());
        Assert.Equal(["staff-001"], send.Json.GetProperty("userIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("sampleText", send.Json.GetProperty("msgKey").GetString());
        var msgParam = send.Json.GetProperty("msgParam");
        Assert.Equal(System.Text.Json.JsonValueKind.String, msgParam.ValueKind); // a JSON string, not an object
        Assert.Equal(Text, System.Text.Json.JsonDocument.Parse(msgParam.GetString()!).RootElement.GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_group_without_a_webhook_sends_to_its_conversation()
    {
        var context = new Dictionary<string, string> { ["conversation_type"] = "group", ["conversation_id"] = "cidGroup==", ["robot_code"] = "dingRobotCode1" };

        await _sender.SendAsync(Reply(context), default);

        var send = Assert.Single(_dingTalk.To(DingTalkSender.GroupPath));
        Assert.Equal("tok-1", send.Token);
        Assert.Equal(["msgKey", "msgParam", "openConversationId", "robotCode"], send.Json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(("cidGroup==", "dingRobotCode1", "sampleText"),
            (send.Json.GetProperty("openConversationId").GetString(), send.Json.GetProperty("robotCode").GetString(), send.Json.GetProperty("msgKey").GetString()));
        Assert.Empty(_dingTalk.To(DingTalkSender.OneToOnePath));
    }

    [Fact]
    public async Task A_webhook_with_no_expiry_or_on_a_host_not_allowed_is_not_used()
    {
        var noExpiry = Single(expiresIn: TimeSpan.FromMinutes(5));
        noExpiry.Remove("session_webhook_expires_at");
        var foreign = Single(expiresIn: TimeSpan.FromMinutes(5));
        foreign["session_webhook"] = "https://attacker.example/robot/sendBySession?session=abc";
        foreign.Remove("robot_code");

        await _sender.SendAsync(Reply(noExpiry, key: "k1"), default);
        await _sender.SendAsync(Reply(foreign, key: "k2"), default);

        Assert.DoesNotContain(_dingTalk.Calls, c => c.Uri.AbsolutePath == "/robot/sendBySession");
        var sends = _dingTalk.To(DingTalkSender.OneToOnePath);
        Assert.Equal(["dingRobotFromMessage", "dingRobot"], sends.Select(s => s.Json.GetProperty("robotCode").GetString())); // the app's, without one in the context
    }

    [Fact]
    public async Task A_reply_already_sent_is_not_sent_again()
    {
        var reply = Reply(Single(expiresIn: TimeSpan.FromMinutes(5)));

        await _sender.SendAsync(reply, default);
        await _sender.SendAsync(reply, default);

        Assert.Single(_dingTalk.Calls);
        Assert.NotNull(await _state.GetAsync<DingTalkSender.SentReply>(CustomerService.Channels.SentReplies.Key("dingtalk", "key-1")));
    }

    [Fact]
    public async Task A_failed_send_throws_and_is_sent_when_retried()
    {
        var reply = Reply(Single(expiresIn: TimeSpan.FromMinutes(5)));
        _dingTalk.Respond = _ => Task.FromResult(FakeDingTalkHandler.Json(200, new { errcode = 410100, errmsg = "send too fast" }));
        var rejected = await Assert.ThrowsAsync<DingTalkApiException>(() => _sender.SendAsync(reply, default));
        _dingTalk.Respond = _ => Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable));
        var outage = await Assert.ThrowsAsync<DingTalkApiException>(() => _sender.SendAsync(reply, default));
        _dingTalk.Respond = _dingTalk.Default;

        await _sender.SendAsync(reply, default);

        Assert.Equal(("sessionWebhook", 200, "410100"), (rejected.Operation, rejected.HttpStatus, rejected.Code));
        Assert.Equal(503, outage.HttpStatus);
        Assert.Equal(3, _dingTalk.Calls.Count);
        Assert.NotNull(await _state.GetAsync<DingTalkSender.SentReply>(CustomerService.Channels.SentReplies.Key("dingtalk", "key-1")));
    }

    [Theory]
    [InlineData("invalidStaffIdList")]
    [InlineData("flowControlledStaffIdList")]
    public async Task A_batchSend_that_leaves_the_user_out_throws(string list)
    {
        _dingTalk.Respond = call => call.Uri.AbsolutePath == DingTalkSender.OneToOnePath
            ? Task.FromResult(FakeDingTalkHandler.Json(200, new Dictionary<string, object> { ["processQueryKey"] = "q", [list] = (string[])["staff-001"] }))
            : _dingTalk.Default(call);

        var error = await Assert.ThrowsAsync<DingTalkApiException>(() => _sender.SendAsync(Reply(Single(expiresIn: TimeSpan.FromMinutes(-1))), default));

        Assert.Equal(list, error.Code);
        Assert.Null(await _state.GetAsync<DingTalkSender.SentReply>(CustomerService.Channels.SentReplies.Key("dingtalk", "key-1")));
    }

    [Fact]
    public async Task A_1_to_1_reply_without_a_live_webhook_or_staff_id_throws_naming_what_is_missing()
    {
        var context = Single(expiresIn: TimeSpan.FromMinutes(-1));
        context.Remove("sender_staff_id");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _sender.SendAsync(Reply(context), default));

        Assert.Contains("sender_staff_id", error.Message, StringComparison.Ordinal);
        Assert.Empty(_dingTalk.To(DingTalkSender.OneToOnePath));
    }

    private Dictionary<string, string> Single(TimeSpan expiresIn) => new()
    {
        ["session_webhook"] = Webhook,
        ["session_webhook_expires_at"] = (_time.GetUtcNow() + expiresIn).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["conversation_type"] = "single",
        ["conversation_id"] = "cidSingle==",
        ["robot_code"] = "dingRobotFromMessage",
        ["sender_staff_id"] = "staff-001",
    };

    private static ChannelReplyReady Reply(IReadOnlyDictionary<string, string> context, string key = "key-1") =>
        new("dingtalk", "support", "staff-001", "conv-1", Text, context, key) { Id = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow };
}
