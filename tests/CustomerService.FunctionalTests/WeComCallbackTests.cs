using System.Net;
using CustomerService.Abstractions.Channels;
using CustomerService.Channels.WeCom;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static CustomerService.FunctionalTests.WeComTestApp;

namespace CustomerService.FunctionalTests;

/// <summary>
/// WeCom callbacks through the real host, configured with the official test app of spec §5 and signed and encrypted here as
/// WeCom would: verification, messages and events delivered once, and a question answered end to end.
/// </summary>
public sealed class WeComCallbackTests : IAsyncLifetime
{
    private readonly WeComCallbackHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task A_question_sent_through_wecom_is_answered_from_the_knowledge_base_and_the_reply_queued_for_its_sender()
    {
        using var response = await _host.PostAsync(Text("7000000001", "怎么退货", from: "LiSi"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_host.Sender.Sent.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(50);

        var reply = Assert.Single(_host.Sender.Sent);
        Assert.Equal(("wecom", "acme", "LiSi"), (reply.Channel, reply.App, reply.AccountId));
        Assert.Contains("填写退货原因", reply.Text, StringComparison.Ordinal);
        Assert.Equal("LiSi", reply.ReplyContext["to_user"]);
        Assert.Equal("1000002", reply.ReplyContext["agent_id"]);
    }

    [Fact]
    public async Task Url_verification_answers_the_decrypted_echostr_and_nothing_else()
    {
        var echostr = Crypto.Encrypt("1288432023552776189");
        var (timestamp, nonce) = (Now(), NewNonce());

        using var response = await _host.Client.GetAsync(Url(Crypto.Sign(timestamp, nonce, echostr), timestamp, nonce, echostr));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1288432023552776189"u8.ToArray(), await response.Content.ReadAsByteArrayAsync()); // no BOM, no quotes, no newline
    }

    [Fact]
    public async Task A_text_message_is_acked_empty_and_delivered_once_however_often_it_comes()
    {
        var message = Text("1456453720", "你好", from: "ChenJiaShun");
        var request = Signed(message);

        // The identical request three times (WeCom retrying a late ack) …
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await _host.Client.PostAsync(request.Url, Xml(request.Body));
            statuses.Add(response.StatusCode);
            if (i == 0)
            {
                Assert.Empty(await response.Content.ReadAsByteArrayAsync());
            }
        }

        // … and twice re-encrypted and re-signed with fresh nonces, as a retry that signs anew: the same MsgId, the same event.
        for (var i = 0; i < 2; i++)
        {
            using var retry = await _host.PostAsync(message);
            statuses.Add(retry.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status)); // WeCom's retries are acked, and delivered once below
        await WeComDeliveries.SettleAsync(() => _host.Deliveries.Messages.Count >= 1);
        var delivered = Assert.Single(_host.Deliveries.Messages);
        Assert.Equal(("wecom", "acme", "ChenJiaShun", "1456453720", "你好"),
            (delivered.Channel, delivered.App, delivered.AccountId, delivered.MessageId, delivered.Text));
        Assert.Equal(ChannelEventIds.For("wecom", "acme", "1456453720"), delivered.Id);
        Assert.Equal(new Dictionary<string, string> { ["agent_id"] = "1000002", ["to_user"] = "ChenJiaShun" }, delivered.ReplyContext);
    }

    [Fact]
    public async Task A_kf_event_is_published_once_and_distinct_events_are_not_merged()
    {
        var createTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var first = KfEvent("wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw", "ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR", createTime);
        var second = KfEvent("wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw", "ENCBnew6xNkdz0n1bWqSZUBDdbrS9BTp8zpdbsENMVAvtSf", createTime);

        foreach (var callback in new[] { first, first, second })
        {
            using var response = await _host.PostAsync(callback);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await WeComDeliveries.SettleAsync(() => _host.Deliveries.KfEvents.Count >= 2);
        Assert.Equal(
            [("acme", "wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw", "ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR", createTime),
             ("acme", "wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw", "ENCBnew6xNkdz0n1bWqSZUBDdbrS9BTp8zpdbsENMVAvtSf", createTime)],
            _host.Deliveries.KfEvents.Select(e => (e.App, e.OpenKfId, e.Token, e.CreateTime)).OrderBy(e => e.Token, StringComparer.Ordinal));
        Assert.Empty(_host.Deliveries.Messages);
    }

    [Fact]
    public async Task An_image_is_handed_on_as_a_placeholder_and_other_events_are_only_acknowledged()
    {
        using var image = await _host.PostAsync(
            $"<xml><ToUserName>{CorpId}</ToUserName><FromUserName>lisi</FromUserName><CreateTime>1476422779</CreateTime><MsgType>image</MsgType>"
            + "<PicUrl>https://example.com/p.jpg</PicUrl><MediaId>media-1</MediaId><MsgId>2000001</MsgId><AgentID>1000002</AgentID></xml>");
        using var enterAgent = await _host.PostAsync(
            $"<xml><ToUserName>{CorpId}</ToUserName><FromUserName>lisi</FromUserName><CreateTime>1476422780</CreateTime><MsgType>event</MsgType>"
            + "<Event>enter_agent</Event><EventKey></EventKey><AgentID>1000002</AgentID></xml>");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (image.StatusCode, enterAgent.StatusCode));
        await WeComDeliveries.SettleAsync(() => _host.Deliveries.Messages.Count >= 1);
        var delivered = Assert.Single(_host.Deliveries.Messages);
        Assert.Equal(("lisi", "2000001", "[image]"), (delivered.AccountId, delivered.MessageId, delivered.Text));
        Assert.Empty(_host.Deliveries.KfEvents);
    }
}
