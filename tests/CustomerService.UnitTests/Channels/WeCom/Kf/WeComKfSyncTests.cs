using System.Net;
using CustomerService.Abstractions.Channels;
using CustomerService.Channels.WeCom.Kf;
using static CustomerService.UnitTests.Channels.WeCom.Kf.FakeKfApi;

namespace CustomerService.UnitTests.Channels.WeCom.Kf;

/// <summary>The pull: every page while has_more, the cursor stored per kf account after each page, items read twice published once.</summary>
public sealed class WeComKfSyncTests
{
    private readonly KfHarness _kf = new();

    [Fact]
    public async Task All_pages_are_pulled_with_the_callback_token_and_each_customer_text_published_with_its_reply_context()
    {
        _kf.Api.Pages.Enqueue(Page("c1", hasMore: true, CustomerText("m1", "wmU1", "怎么退货"), CustomerText("m2", "wmU2", "运费多少")));
        _kf.Api.Pages.Enqueue(Page("c2", hasMore: true)); // empty while has_more: not the end (spec §8.2)
        _kf.Api.Pages.Enqueue(Page("c3", hasMore: false, CustomerText("m3", "wmU1", "发票")));

        await _kf.PullAsync();

        var requests = _kf.Api.CallsTo("kf/sync_msg");
        Assert.Equal([null, "c1", "c2"], requests.Select(r => r.TryGetProperty("cursor", out var c) ? c.GetString() : null));
        Assert.All(requests, r => Assert.Equal(("ENC-token", "wkKF1", 1000),
            (r.GetProperty("token").GetString(), r.GetProperty("open_kfid").GetString(), r.GetProperty("limit").GetInt32())));
        var published = _kf.Bus.Of<ChannelMessageReceived>();
        Assert.Equal(["m1", "m2", "m3"], published.Select(m => m.MessageId));
        var first = published[0];
        Assert.Equal(("wecom-kf", "acme", "wmU1", "怎么退货"), (first.Channel, first.App, first.AccountId, first.Text));
        Assert.Equal(ChannelEventIds.For("wecom-kf", "acme", "m1"), first.Id);
        Assert.Equal(("wkKF1", "wmU1"), (first.ReplyContext["open_kfid"], first.ReplyContext["external_userid"]));
        Assert.Equal("c3", (await _kf.State.GetAsync<WeComKfSync.WeComKfCursor>(WeComKfSync.CursorKey("acme", "wkKF1")))!.Value.Cursor);

        await _kf.PullAsync("ENC-next"); // the next event goes on from the stored cursor
        Assert.Equal("c3", _kf.Api.CallsTo("kf/sync_msg")[^1].GetProperty("cursor").GetString());
    }

    [Fact]
    public async Task A_pull_that_fails_on_a_later_page_keeps_the_cursor_of_the_pages_handled_and_its_retry_publishes_nothing_twice()
    {
        _kf.Api.Pages.Enqueue(Page("c1", hasMore: true, CustomerText("m1", "wmU1", "a")));
        _kf.Api.Pages.Enqueue(Page("c2", hasMore: false, CustomerText("m2", "wmU1", "b")));
        _kf.Api.Pass("kf/sync_msg");
        _kf.Api.Fail("kf/sync_msg", status: HttpStatusCode.BadGateway); // page 2 of the first pull
        await Assert.ThrowsAsync<HttpRequestException>(() => _kf.PullAsync());
        Assert.Equal("c1", (await _kf.State.GetAsync<WeComKfSync.WeComKfCursor>(WeComKfSync.CursorKey("acme", "wkKF1")))!.Value.Cursor);

        await _kf.PullAsync(); // the bus's retry
        Assert.Equal("c1", _kf.Api.CallsTo("kf/sync_msg")[^1].GetProperty("cursor").GetString());
        Assert.Equal(["m1", "m2"], _kf.Bus.Of<ChannelMessageReceived>().Select(m => m.MessageId));
    }
}
