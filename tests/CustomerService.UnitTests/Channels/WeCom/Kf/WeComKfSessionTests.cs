using CustomerService.Channels.WeCom.Kf;
using CustomerService.Abstractions.Conversations;
using static CustomerService.UnitTests.Channels.WeCom.Kf.FakeKfApi;

namespace CustomerService.UnitTests.Channels.WeCom.Kf;

/// <summary>Who owns a session, from the pulled events and from our hand-offs; and the welcome on enter_session.</summary>
public sealed class WeComKfSessionTests
{
    private readonly KfHarness _kf = new();

    [Fact]
    public async Task Ownership_follows_the_session_events_and_a_customer_message_reopens_an_ended_session_for_the_bot()
    {
        await PullAsync(CustomerText("m1", "wmU1", "hi"));
        Assert.Equal(WeComKfOwner.Unknown, await OwnerAsync());

        await PullAsync(Event("e1", "wmU1", """{"event_type":"session_status_change","change_type":1,"new_servicer_userid":"zhangsan"}"""));
        var taken = await _kf.Sessions.GetAsync("acme", "wkKF1", "wmU1", default);
        Assert.Equal((WeComKfOwner.Human, "zhangsan"), (taken!.Owner, taken.ServicerUserid));

        await PullAsync(Event("e2", "wmU1", """{"event_type":"session_status_change","change_type":3,"old_servicer_userid":"zhangsan"}"""));
        Assert.Equal(WeComKfOwner.Ended, await OwnerAsync());

        await PullAsync(CustomerText("m2", "wmU1", "again", sendTime: KfHarness.Now - 10));
        Assert.Equal(WeComKfOwner.Bot, await OwnerAsync());

        // A servicer writing from the WeCom client takes it (origin 5), and publishes nothing for the bot to answer.
        await PullAsync("""{"msgid":"s1","open_kfid":"wkKF1","external_userid":"wmU1","send_time":1,"origin":5,"servicer_userid":"lisi","msgtype":"text","text":{"content":"我来"}}""");
        Assert.Equal(WeComKfOwner.Human, await OwnerAsync());
        Assert.Equal(["m1", "m2"], _kf.Bus.Of<CustomerService.Abstractions.Channels.ChannelMessageReceived>().Select(m => m.MessageId));
    }

    [Fact]
    public async Task Enter_session_with_a_welcome_code_is_welcomed_once_and_without_one_not_at_all()
    {
        var enter = Event("e1", "wmU1", """{"event_type":"enter_session","scene":"","welcome_code":"WELCOME-1"}""");
        await PullAsync(enter, Event("e2", "wmU2", """{"event_type":"enter_session","scene":""}"""));
        await PullAsync(enter); // the same page read again (a crash before its cursor was stored)

        var welcome = Assert.Single(_kf.Api.CallsTo("kf/send_msg_on_event"));
        Assert.Equal(("WELCOME-1", "text"), (welcome.GetProperty("code").GetString(), welcome.GetProperty("msgtype").GetString()));
        Assert.Equal(new CustomerService.Core.Policies.Welcome.WelcomeOptions().Messages["zh"], welcome.GetProperty("text").GetProperty("content").GetString());
        Assert.Matches("^[0-9a-f]{32}$", welcome.GetProperty("msgid").GetString());
    }

    [Fact]
    public async Task Enter_session_through_a_link_with_a_scene_is_an_arrival_through_that_channel_code()
    {
        await PullAsync(
            Event("e1", "wmU1", """{"event_type":"enter_session","scene":"qr-store-12","scene_param":"store_id=12&activity=%E5%8F%8C11"}"""),
            Event("e2", "wmU2", """{"event_type":"enter_session","scene":"poster","scene_param":"spring-sale"}"""),
            Event("e3", "wmU3", """{"event_type":"enter_session","scene":""}"""),
            Event("e4", "wmU4", """{"event_type":"enter_session","scene":"not a code!"}"""),
            CustomerText("m1", "wmU1", "hi"));

        var arrivals = _kf.Bus.Of<CustomerService.Abstractions.Channels.ChannelCustomerArrived>().ToList();
        Assert.Equal(["wmU1", "wmU2"], arrivals.Select(a => a.AccountId));
        Assert.Equal(("qr-store-12", "12", "双11"), (arrivals[0].Source.Code, arrivals[0].Source.Params["store_id"], arrivals[0].Source.Params["activity"]));
        Assert.Equal("spring-sale", arrivals[1].Source.Params["scene_param"]);
        Assert.Equal("wmU1", arrivals[0].Identity?.WeComExternalUserId);
        // WeCom vouches for the external_userid: it is the message's verified identity too, so OneID links the customer across WeCom channels.
        Assert.Equal("wmU1", Assert.Single(_kf.Bus.Of<CustomerService.Abstractions.Channels.ChannelMessageReceived>()).Identity?.WeComExternalUserId);
    }

    [Fact]
    public async Task An_expired_welcome_code_is_given_up_without_failing_the_pull()
    {
        _kf.Api.Fail("kf/send_msg_on_event", errcode: 95007);

        await PullAsync(Event("e1", "wmU1", """{"event_type":"enter_session","welcome_code":"OLD"}"""), CustomerText("m1", "wmU1", "hi"));

        Assert.Single(_kf.Bus.Of<CustomerService.Abstractions.Channels.ChannelMessageReceived>());
    }

    [Fact]
    public async Task A_handoff_moves_the_session_to_the_queue_once_and_the_bot_falls_silent()
    {
        await PullAsync(CustomerText("m1", "wmU1", "转人工"));
        var handoff = new HandoffRequested("conv-1", "wecom-kf", "wmU1", "customer_request", 1) { OccurredAt = DateTimeOffset.UnixEpoch };

        await _kf.Handoff.HandleAsync(handoff, default);
        _kf.Api.ServiceState = 2; // what WeCom shows now
        await _kf.Handoff.HandleAsync(handoff, default); // redelivered

        var trans = Assert.Single(_kf.Api.CallsTo("kf/service_state/trans"));
        Assert.Equal(("wkKF1", "wmU1", 2), (trans.GetProperty("open_kfid").GetString(), trans.GetProperty("external_userid").GetString(),
            trans.GetProperty("service_state").GetInt32()));
        Assert.False(trans.TryGetProperty("servicer_userid", out _));
        Assert.Equal(WeComKfOwner.Queue, await OwnerAsync());

        // The reply to "转人工" lost the race to the trans: it goes out once through the trans's msg_code, a later one not at all.
        var asked = _kf.Bus.Of<CustomerService.Abstractions.Channels.ChannelMessageReceived>()[0];
        await _kf.Sender.SendAsync(KfHarness.ReplyTo(asked, "正在为您转接人工客服"), default);
        await PullAsync(CustomerText("m2", "wmU1", "人呢", sendTime: KfHarness.Now - 5));
        await _kf.Sender.SendAsync(KfHarness.ReplyTo(_kf.Bus.Of<CustomerService.Abstractions.Channels.ChannelMessageReceived>()[^1]), default);

        Assert.Empty(_kf.Api.CallsTo("kf/send_msg"));
        var notice = Assert.Single(_kf.Api.CallsTo("kf/send_msg_on_event"));
        Assert.Equal(("code-from-trans", "正在为您转接人工客服"), (notice.GetProperty("code").GetString(), notice.GetProperty("text").GetProperty("content").GetString()));
    }

    [Fact]
    public async Task A_configured_servicer_gets_the_session_and_one_wecom_refuses_sends_it_to_the_queue()
    {
        var kf = new KfHarness(new WeComKfOptions { HandoffServicer = "zhangsan" });
        kf.Api.Pages.Enqueue(Page("c1", false, CustomerText("m1", "wmU1", "转人工"), CustomerText("m2", "wmU2", "转人工")));
        await kf.PullAsync();

        await kf.Handoff.HandleAsync(new HandoffRequested("conv-1", "wecom-kf", "wmU1", "customer_request", 1) { OccurredAt = DateTimeOffset.UnixEpoch }, default);
        kf.Api.Fail("kf/service_state/trans", errcode: 95014);
        await kf.Handoff.HandleAsync(new HandoffRequested("conv-2", "wecom-kf", "wmU2", "customer_request", 1) { OccurredAt = DateTimeOffset.UnixEpoch }, default);

        Assert.Equal([(3, "zhangsan"), (3, "zhangsan"), (2, null)], kf.Api.CallsTo("kf/service_state/trans").Select(t =>
            (t.GetProperty("service_state").GetInt32(), t.TryGetProperty("servicer_userid", out var s) ? s.GetString() : null)));
        Assert.Equal(WeComKfOwner.Human, (await kf.Sessions.GetAsync("acme", "wkKF1", "wmU1", default))!.Owner);
        Assert.Equal(WeComKfOwner.Queue, (await kf.Sessions.GetAsync("acme", "wkKF1", "wmU2", default))!.Owner);
    }

    [Fact]
    public async Task A_handoff_on_another_channel_is_not_ours()
    {
        await PullAsync(CustomerText("m1", "wmU1", "转人工"));

        await _kf.Handoff.HandleAsync(new HandoffRequested("conv-1", "wecom", "wmU1", "customer_request", 1) { OccurredAt = DateTimeOffset.UnixEpoch }, default);

        Assert.DoesNotContain(_kf.Api.Calls, c => c.Path.StartsWith("kf/service_state", StringComparison.Ordinal));
    }

    private async Task PullAsync(params string[] items)
    {
        _kf.Api.Pages.Enqueue(Page($"after-{_kf.Api.Calls.Count}", hasMore: false, items));
        await _kf.PullAsync();
    }

    private async Task<WeComKfOwner> OwnerAsync() => (await _kf.Sessions.GetAsync("acme", "wkKF1", "wmU1", default))!.Owner;
}
