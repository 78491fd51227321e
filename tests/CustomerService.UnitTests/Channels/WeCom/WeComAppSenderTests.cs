using System.Net;
using System.Text;
using CustomerService.Abstractions.Channels;
using CustomerService.Channels.WeCom;
using CustomerService.Conformance;
using CustomerService.UnitTests.Conversations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static CustomerService.UnitTests.Channels.WeCom.WeComVectors;

namespace CustomerService.UnitTests.Channels.WeCom;

/// <summary>Replies out as app text messages: once per idempotency key, in parts under WeCom's limit, thrown on anything but errcode 0.</summary>
public sealed class WeComAppSenderTests
{
    private readonly FakeWeComApi _api = new();
    private readonly InMemoryState _state = new();
    private readonly WeComAppSender _sender;

    public WeComAppSenderTests()
    {
        var options = Options.Create(new WeComOptions { Apps = [App("acme")] });
        var time = new FakeTimeProvider();
        var api = new WeComApi(_api);
        _sender = new WeComAppSender(options, new WeComAccessTokens(options, api, time, NullLogger<WeComAccessTokens>.Instance), api, new CustomerService.Channels.SentReplies(_state), time,
            NullLogger<WeComAppSender>.Instance);
    }

    [Fact]
    public async Task A_reply_goes_to_its_user_and_agent_as_text_with_wecom_duplicate_check_and_is_sent_once_however_often_it_is_delivered()
    {
        var reply = Reply("您好，退货请在订单页申请。", "key-1");

        await _sender.SendAsync(reply, default);
        await _sender.SendAsync(reply, default); // redelivered after a crash before the bus's ack

        var (token, body) = Assert.Single(_api.Sent);
        Assert.Equal("token-1", token);
        Assert.Equal("LiSi", body.GetProperty("touser").GetString());
        Assert.Equal(1000002, body.GetProperty("agentid").GetInt32());
        Assert.Equal("text", body.GetProperty("msgtype").GetString());
        Assert.Equal("您好，退货请在订单页申请。", body.GetProperty("text").GetProperty("content").GetString());
        Assert.Equal(1, body.GetProperty("enable_duplicate_check").GetInt32());
        Assert.Equal(WeComAppSender.DuplicateCheckInterval, body.GetProperty("duplicate_check_interval").GetInt32());

        await _sender.SendAsync(Reply("您好，退货请在订单页申请。", "key-2"), default); // another reply: its own key
        Assert.Equal(2, _api.Sent.Count);
    }

    [Fact]
    public async Task A_long_reply_goes_in_parts_and_a_retry_after_a_failed_part_sends_only_the_rest()
    {
        var text = string.Join('\n', Enumerable.Range(1, 60).Select(i => $"第{i}步：" + new string('退', 30)));
        var parts = WeComTextParts.Of(text);
        Assert.Equal(3, parts.Count);

        // Part 1 is accepted, part 2 meets a 503: the bus will retry the reply.
        _api.SendScript.Enqueue((null, null));
        _api.SendScript.Enqueue((null, HttpStatusCode.ServiceUnavailable));
        await Assert.ThrowsAsync<HttpRequestException>(() => _sender.SendAsync(Reply(text, "long"), default));
        Assert.Single(_api.Sent);

        await _sender.SendAsync(Reply(text, "long"), default);

        Assert.Equal(parts, _api.Sent.Select(s => s.Body.GetProperty("text").GetProperty("content").GetString()));
        Assert.All(_api.Sent, s => Assert.True(Encoding.UTF8.GetByteCount(s.Body.GetProperty("text").GetProperty("content").GetString()!) <= 2048));
        Assert.Equal(4, _api.SendCalls); // 1, 2 (503), then 2 and 3: part 1 not again
    }

    [Theory]
    [InlineData(81013)]
    [InlineData(-1)]
    public async Task An_errcode_throws_with_its_code_and_records_nothing(int errcode)
    {
        _api.SendScript.Enqueue((errcode, null));

        var e = await Assert.ThrowsAsync<WeComApiException>(() => _sender.SendAsync(Reply("hi", "k"), default));

        Assert.Equal(errcode, e.ErrorCode);
        await _sender.SendAsync(Reply("hi", "k"), default); // the bus's retry: sent now
        Assert.Single(_api.Sent);
    }

    [Fact]
    public async Task A_5xx_throws_so_the_bus_retries()
    {
        _api.SendScript.Enqueue((null, HttpStatusCode.ServiceUnavailable));

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => _sender.SendAsync(Reply("hi", "k"), default));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Empty(_api.Sent);
    }

    [Fact]
    public async Task Without_a_reply_context_the_account_and_the_apps_agent_are_used()
    {
        await _sender.SendAsync(Reply("hi", "k") with { ReplyContext = new Dictionary<string, string>() }, default);

        var (_, body) = Assert.Single(_api.Sent);
        Assert.Equal(("LiSi", 1000002), (body.GetProperty("touser").GetString(), body.GetProperty("agentid").GetInt32()));
    }

    private static ChannelReplyReady Reply(string text, string key) =>
        new("wecom", "acme", "LiSi", "conv-1", text, new Dictionary<string, string> { ["agent_id"] = "1000002", ["to_user"] = "LiSi" }, key)
        {
            OccurredAt = DateTimeOffset.UnixEpoch,
        };
}
