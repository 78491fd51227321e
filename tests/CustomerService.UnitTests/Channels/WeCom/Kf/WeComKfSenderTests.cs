using System.Net;
using CustomerService.Abstractions.Channels;
using CustomerService.Channels.WeCom;
using CustomerService.Channels.WeCom.Kf;
using static CustomerService.UnitTests.Channels.WeCom.Kf.FakeKfApi;

namespace CustomerService.UnitTests.Channels.WeCom.Kf;

/// <summary>Replies out with kf/send_msg: once, only while the bot owns the session, within 48 h and 5 messages per customer message.</summary>
public sealed class WeComKfSenderTests
{
    private readonly KfHarness _kf = new();

    [Fact]
    public async Task A_reply_goes_to_its_customer_and_kf_account_once_with_a_msgid_from_its_idempotency_key()
    {
        var message = await ReceiveAsync(CustomerText("m1", "wmU1", "怎么退货"));
        var reply = KfHarness.ReplyTo(message, "请在订单页申请退货。", key: Guid.NewGuid().ToString());

        await _kf.Sender.SendAsync(reply, default);
        await _kf.Sender.SendAsync(reply, default); // redelivered after a crash before the bus's ack

        var sent = Assert.Single(_kf.Api.CallsTo("kf/send_msg"));
        Assert.Equal(("wmU1", "wkKF1", "text", "请在订单页申请退货。"), (sent.GetProperty("touser").GetString(), sent.GetProperty("open_kfid").GetString(),
            sent.GetProperty("msgtype").GetString(), sent.GetProperty("text").GetProperty("content").GetString()));
        var msgid = sent.GetProperty("msgid").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", msgid);
        Assert.Equal(WeComKfSender.MsgidOf(reply.IdempotencyKey, "1"), msgid);
        Assert.Single(_kf.Api.CallsTo("kf/service_state/get")); // owner unknown: asked once (state 1), then tracked
    }

    [Fact]
    public async Task A_5xx_throws_for_the_bus_to_retry_and_the_retry_is_counted_once()
    {
        var message = await ReceiveAsync(CustomerText("m1", "wmU1", "hi"));
        _kf.Api.Fail("kf/send_msg", status: HttpStatusCode.ServiceUnavailable);

        await Assert.ThrowsAsync<HttpRequestException>(() => _kf.Sender.SendAsync(KfHarness.ReplyTo(message), default));
        await _kf.Sender.SendAsync(KfHarness.ReplyTo(message), default);

        Assert.Equal(2, _kf.Api.CallsTo("kf/send_msg").Count);
        Assert.Single((await _kf.Sessions.GetAsync("acme", "wkKF1", "wmU1", default))!.Counted);
    }

    [Fact]
    public async Task At_most_five_messages_go_out_per_customer_message_and_the_next_customer_message_resets_the_allowance()
    {
        var message = await ReceiveAsync(CustomerText("m1", "wmU1", "hi"));
        for (var i = 1; i <= 6; i++)
        {
            await _kf.Sender.SendAsync(KfHarness.ReplyTo(message, key: $"r{i}"), default);
        }

        Assert.Equal(5, _kf.Api.CallsTo("kf/send_msg").Count);
        await _kf.Sender.SendAsync(KfHarness.ReplyTo(message, key: "r6"), default); // the dropped one, redelivered: still dropped
        Assert.Equal(5, _kf.Api.CallsTo("kf/send_msg").Count);

        var next = await ReceiveAsync(CustomerText("m2", "wmU1", "again", sendTime: KfHarness.Now - 60));
        await _kf.Sender.SendAsync(KfHarness.ReplyTo(next), default);
        Assert.Equal(6, _kf.Api.CallsTo("kf/send_msg").Count);
    }

    [Fact]
    public async Task No_reply_goes_out_48_hours_after_the_customers_last_message()
    {
        var message = await ReceiveAsync(CustomerText("m1", "wmU1", "hi"));
        _kf.Time.Advance(TimeSpan.FromHours(48));

        await _kf.Sender.SendAsync(KfHarness.ReplyTo(message), default);

        Assert.Empty(_kf.Api.CallsTo("kf/send_msg"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task The_bot_never_sends_while_wecom_shows_the_session_queued_with_a_person_or_ended(int serviceState)
    {
        var message = await ReceiveAsync(CustomerText("m1", "wmU1", "hi"));
        _kf.Api.ServiceState = serviceState;

        await _kf.Sender.SendAsync(KfHarness.ReplyTo(message), default);
        await _kf.Sender.SendAsync(KfHarness.ReplyTo(message), default);

        Assert.Empty(_kf.Api.CallsTo("kf/send_msg"));
        Assert.Single(_kf.Api.CallsTo("kf/service_state/get")); // the drop is recorded: the redelivery asks nothing
    }

    [Fact]
    public async Task An_errcode_after_a_servicer_took_the_session_unseen_drops_the_reply_and_one_while_the_bot_owns_it_is_retried()
    {
        var message = await ReceiveAsync(CustomerText("m1", "wmU1", "hi"));
        _kf.Api.Fail("kf/send_msg", errcode: -1);
        var e = await Assert.ThrowsAsync<WeComApiException>(() => _kf.Sender.SendAsync(KfHarness.ReplyTo(message, key: "a"), default));
        Assert.Equal(-1, e.ErrorCode);

        _kf.Api.Fail("kf/send_msg", errcode: 95018);
        _kf.Api.ServiceState = 3;
        await _kf.Sender.SendAsync(KfHarness.ReplyTo(message, key: "b"), default); // dropped, not thrown

        Assert.Equal(WeComKfOwner.Human, (await _kf.Sessions.GetAsync("acme", "wkKF1", "wmU1", default))!.Owner);
    }

    [Fact]
    public async Task The_limit_errcode_is_final()
    {
        var message = await ReceiveAsync(CustomerText("m1", "wmU1", "hi"));
        _kf.Api.Fail("kf/send_msg", errcode: 95001);

        await _kf.Sender.SendAsync(KfHarness.ReplyTo(message), default);
        await _kf.Sender.SendAsync(KfHarness.ReplyTo(message), default);

        Assert.Single(_kf.Api.CallsTo("kf/send_msg"));
    }

    private async Task<ChannelMessageReceived> ReceiveAsync(string item)
    {
        _kf.Api.Pages.Enqueue(Page($"after-{_kf.Bus.Published.Count}", hasMore: false, item));
        await _kf.PullAsync();
        return _kf.Bus.Of<ChannelMessageReceived>()[^1];
    }
}
