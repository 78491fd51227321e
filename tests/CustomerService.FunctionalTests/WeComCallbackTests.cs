using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using CustomerService.Abstractions.Channels;
using CustomerService.Abstractions.Messaging;
using CustomerService.Channels.WeCom;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.FunctionalTests;

/// <summary>
/// WeCom callbacks through the real host, configured with the official test app of spec §5 and signed and encrypted here as
/// WeCom would (fresh timestamps: the official vectors' own are years stale and are covered by the unit tests).
/// </summary>
public sealed class WeComCallbackTests : IAsyncLifetime
{
    private const string Token = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
    private const string EncodingAesKey = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
    private const string CorpId = "ww1436e0e65a779aee";
    private const string Callback = "/channels/wecom/acme/callback";

    private readonly Deliveries _deliveries = new();
    private readonly RecordingWeComSender _sender = new();
    private readonly WeComCallbackCrypto _crypto = new(Token, EncodingAesKey, CorpId);
    private CustomerServiceApp _app = null!;
    private HttpClient _client = null!;

    public static Dictionary<string, string?> AcmeSettings(string encodingAesKey = EncodingAesKey) => new()
    {
        ["Channels:WeCom:Apps:0:Name"] = "acme",
        ["Channels:WeCom:Apps:0:CorpId"] = CorpId,
        ["Channels:WeCom:Apps:0:AgentId"] = "1000002",
        ["Channels:WeCom:Apps:0:Secret"] = "test-app-secret",
        ["Channels:WeCom:Apps:0:Token"] = Token,
        ["Channels:WeCom:Apps:0:EncodingAesKey"] = encodingAesKey,
    };

    public Task InitializeAsync()
    {
        _app = new CustomerServiceApp(settings: AcmeSettings(), services: s =>
        {
            s.AddSingleton(_deliveries);
            s.AddEventHandler<ChannelMessageReceived, Deliveries.MessageHandler>();
            s.AddEventHandler<WeComKfEventReceived, Deliveries.KfHandler>();
            // In place of the real sender, which WeComAppMessageTests cover against a fake WeCom API.
            s.Remove(s.Single(d => d.ImplementationType == typeof(WeComAppSender)));
            s.AddSingleton<IChannelSender>(_sender);
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
    public async Task A_question_sent_through_wecom_is_answered_from_the_knowledge_base_and_the_reply_queued_for_its_sender()
    {
        using var response = await PostAsync(Text("7000000001", "怎么退货", from: "LiSi"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_sender.Sent.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(50);

        var reply = Assert.Single(_sender.Sent);
        Assert.Equal(("wecom", "acme", "LiSi"), (reply.Channel, reply.App, reply.AccountId));
        Assert.Contains("填写退货原因", reply.Text, StringComparison.Ordinal);
        Assert.Equal("LiSi", reply.ReplyContext["to_user"]);
        Assert.Equal("1000002", reply.ReplyContext["agent_id"]);
    }

    [Fact]
    public async Task Url_verification_answers_the_decrypted_echostr_and_nothing_else()
    {
        var echostr = _crypto.Encrypt("1288432023552776189");
        var (timestamp, nonce) = (Now(), NewNonce());

        using var response = await _client.GetAsync(Url(_crypto.Sign(timestamp, nonce, echostr), timestamp, nonce, echostr));

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
            using var response = await _client.PostAsync(request.Url, Xml(request.Body));
            statuses.Add(response.StatusCode);
            if (i == 0)
            {
                Assert.Empty(await response.Content.ReadAsByteArrayAsync());
            }
        }

        // … and twice re-encrypted and re-signed with fresh nonces, as a retry that signs anew: the same MsgId, the same event.
        for (var i = 0; i < 2; i++)
        {
            using var retry = await PostAsync(message);
            statuses.Add(retry.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status)); // WeCom's retries are acked, and delivered once below
        await Deliveries.SettleAsync(() => _deliveries.Messages.Count >= 1);
        var delivered = Assert.Single(_deliveries.Messages);
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
            using var response = await PostAsync(callback);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Deliveries.SettleAsync(() => _deliveries.KfEvents.Count >= 2);
        Assert.Equal(
            [("acme", "wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw", "ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR", createTime),
             ("acme", "wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw", "ENCBnew6xNkdz0n1bWqSZUBDdbrS9BTp8zpdbsENMVAvtSf", createTime)],
            _deliveries.KfEvents.Select(e => (e.App, e.OpenKfId, e.Token, e.CreateTime)).OrderBy(e => e.Token, StringComparer.Ordinal));
        Assert.Empty(_deliveries.Messages);
    }

    [Fact]
    public async Task An_image_is_handed_on_as_a_placeholder_and_other_events_are_only_acknowledged()
    {
        using var image = await PostAsync(
            $"<xml><ToUserName>{CorpId}</ToUserName><FromUserName>lisi</FromUserName><CreateTime>1476422779</CreateTime><MsgType>image</MsgType>"
            + "<PicUrl>https://example.com/p.jpg</PicUrl><MediaId>media-1</MediaId><MsgId>2000001</MsgId><AgentID>1000002</AgentID></xml>");
        using var enterAgent = await PostAsync(
            $"<xml><ToUserName>{CorpId}</ToUserName><FromUserName>lisi</FromUserName><CreateTime>1476422780</CreateTime><MsgType>event</MsgType>"
            + "<Event>enter_agent</Event><EventKey></EventKey><AgentID>1000002</AgentID></xml>");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (image.StatusCode, enterAgent.StatusCode));
        await Deliveries.SettleAsync(() => _deliveries.Messages.Count >= 1);
        var delivered = Assert.Single(_deliveries.Messages);
        Assert.Equal(("lisi", "2000001", "[image]"), (delivered.AccountId, delivered.MessageId, delivered.Text));
        Assert.Empty(_deliveries.KfEvents);
    }

    [Fact]
    public async Task Bad_callbacks_get_their_status_and_publish_nothing()
    {
        var (timestamp, nonce) = (Now(), NewNonce());
        var text = Text("3000001", "should never arrive");
        var encrypt = _crypto.Encrypt(text);
        var signature = _crypto.Sign(timestamp, nonce, encrypt);

        // A spent nonce: accepted once for an event that publishes nothing, then reused for a message.
        var spent = Signed($"<xml><ToUserName>{CorpId}</ToUserName><FromUserName>lisi</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>enter_agent</Event></xml>");
        using (var accepted = await _client.PostAsync(spent.Url, Xml(spent.Body)))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        var reuse = _crypto.Encrypt(text);
        var stale = (DateTimeOffset.UtcNow - TimeSpan.FromMinutes(6)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var otherCorp = new WeComCallbackCrypto(Token, EncodingAesKey, "ww0000000000000000").Encrypt(text);
        var cases = new (string Name, Func<Task<HttpResponseMessage>> Send, int Status)[]
        {
            ("wrong signature", () => Post(Url("1" + signature[1..], timestamp, nonce), Envelope(encrypt)), 401),
            ("signature of another token", () => Post(Url(new WeComCallbackCrypto("otherToken", EncodingAesKey, CorpId).Sign(timestamp, nonce, encrypt), timestamp, nonce), Envelope(encrypt)), 401),
            ("stale timestamp", () => Post(Url(_crypto.Sign(stale, nonce, encrypt), stale, nonce), Envelope(encrypt)), 401),
            ("replayed nonce", () => Post(Url(_crypto.Sign(spent.Timestamp, spent.Nonce, reuse), spent.Timestamp, spent.Nonce), Envelope(reuse)), 409),
            ("bad base64", () => SignedPost("not*base64"), 400),
            ("not whole blocks", () => SignedPost(Convert.ToBase64String(new byte[40])), 400),
            ("wrong receive id", () => SignedPost(otherCorp), 400),
            ("malformed inner xml", () => SignedPost(_crypto.Encrypt("<xml><MsgType>text</MsgType>")), 400),
            ("text without MsgId", () => SignedPost(_crypto.Encrypt($"<xml><FromUserName>lisi</FromUserName><MsgType>text</MsgType><Content>hi</Content></xml>")), 400),
            ("malformed outer xml", () => Post(Url(signature, timestamp, nonce), $"<xml><Encrypt>{encrypt}</Encrypt>"), 400),
            ("dtd", () => Post(Url(signature, timestamp, nonce), $"<!DOCTYPE xml [<!ENTITY x \"{encrypt}\">]><xml><Encrypt>&x;</Encrypt></xml>"), 400),
            ("missing nonce", () => Post($"{Callback}?msg_signature={signature}&timestamp={timestamp}", Envelope(encrypt)), 400),
            ("oversized body", () => Post(Url(signature, timestamp, nonce), Envelope(encrypt) + new string(' ', 64 * 1024)), 413),
            ("unknown app", () => Post(Url(signature, timestamp, nonce).Replace("/acme/", "/nobody/", StringComparison.Ordinal), Envelope(encrypt)), 404),
            ("GET with a wrong signature", () => _client.GetAsync(Url("1" + signature[1..], timestamp, nonce, encrypt)), 401),
            ("GET without echostr", () => _client.GetAsync(Url(signature, timestamp, nonce)), 400),
        };

        foreach (var (name, send, status) in cases)
        {
            using var response = await send();
            Assert.True(status == (int)response.StatusCode, $"{name}: expected {status}, got {(int)response.StatusCode}");
            await response.ProblemAsync(status);
        }

        // A good message last: once it is delivered, anything a bad one had published would have been delivered too.
        using var sentinel = await PostAsync(Text("3000099", "sentinel"));
        Assert.Equal(HttpStatusCode.OK, sentinel.StatusCode);
        await Deliveries.SettleAsync(() => _deliveries.Messages.Count >= 1);
        Assert.Equal(["3000099"], _deliveries.Messages.Select(m => m.MessageId));
        Assert.Empty(_deliveries.KfEvents);

        Task<HttpResponseMessage> SignedPost(string cipher)
        {
            var n = NewNonce();
            return Post(Url(_crypto.Sign(timestamp, n, cipher), timestamp, n), Envelope(cipher));
        }
    }

    [Fact]
    public async Task Without_a_configured_app_there_is_no_wecom_endpoint()
    {
        await using var app = new CustomerServiceApp();
        using var client = app.CreateClient();

        using var response = await client.PostAsync(Callback, Xml("<xml/>"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText ?? "");
        Assert.DoesNotContain(routes, r => r.Contains("wecom", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(_app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>(),
            e => e.RoutePattern.RawText?.StartsWith("/channels/wecom/{app}/callback", StringComparison.Ordinal) == true);
        CustomerServiceApp.DeleteDataDirectory(app.DataDirectory);
    }

    [Fact]
    public async Task A_bad_encoding_aes_key_stops_start_up_naming_its_key()
    {
        await using var app = new CustomerServiceApp(settings: AcmeSettings(encodingAesKey: "too-short"));

        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Channels:WeCom:Apps:0:EncodingAesKey must be 43 characters of Base64 that decode to 32 bytes", e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, e.ToString(), StringComparison.Ordinal);
        CustomerServiceApp.DeleteDataDirectory(app.DataDirectory);
    }

    private sealed record SignedCallback(string Url, string Body, string Timestamp, string Nonce);

    private SignedCallback Signed(string message)
    {
        var (timestamp, nonce, encrypt) = (Now(), NewNonce(), _crypto.Encrypt(message));
        return new SignedCallback(Url(_crypto.Sign(timestamp, nonce, encrypt), timestamp, nonce), Envelope(encrypt), timestamp, nonce);
    }

    private Task<HttpResponseMessage> PostAsync(string message)
    {
        var callback = Signed(message);
        return Post(callback.Url, callback.Body);
    }

    private Task<HttpResponseMessage> Post(string url, string body) => _client.PostAsync(url, Xml(body));

    private static StringContent Xml(string body) => new(body, Encoding.UTF8, "text/xml");

    private static string Url(string signature, string timestamp, string nonce, string? echostr = null) =>
        $"{Callback}?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}"
        + (echostr is null ? "" : $"&echostr={Uri.EscapeDataString(echostr)}");

    private static string Envelope(string encrypt) =>
        $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";

    private static string Text(string msgId, string content, string from = "zhangsan") =>
        $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName><CreateTime>1476422779</CreateTime>"
        + $"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content><MsgId>{msgId}</MsgId><AgentID>1000002</AgentID></xml>";

    private static string KfEvent(string openKfId, string token, long createTime) =>
        $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><CreateTime>{createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        + $"<Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[{token}]]></Token><OpenKfId><![CDATA[{openKfId}]]></OpenKfId></xml>";

    private static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static string NewNonce() => Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture);

    /// <summary>Stands in for the WeCom message/send sender, so that these tests call no outside API.</summary>
    private sealed class RecordingWeComSender : IChannelSender
    {
        public string Channel => "wecom";

        public ConcurrentQueue<ChannelReplyReady> Sent { get; } = new();

        public Task SendAsync(ChannelReplyReady reply, CancellationToken cancellationToken)
        {
            Sent.Enqueue(reply);
            return Task.CompletedTask;
        }
    }

    public sealed class Deliveries
    {
        private readonly ConcurrentQueue<ChannelMessageReceived> _messages = new();
        private readonly ConcurrentQueue<WeComKfEventReceived> _kfEvents = new();

        public IReadOnlyList<ChannelMessageReceived> Messages => [.. _messages];

        public IReadOnlyList<WeComKfEventReceived> KfEvents => [.. _kfEvents];

        /// <summary>Waits for the condition, then a little longer, so that a second delivery of anything would have arrived too.</summary>
        public static async Task SettleAsync(Func<bool> condition)
        {
            for (var i = 0; i < 100 && !condition(); i++)
            {
                await Task.Delay(50);
            }

            await Task.Delay(300);
        }

        public sealed class MessageHandler(Deliveries log) : IIntegrationEventHandler<ChannelMessageReceived>
        {
            public Task HandleAsync(ChannelMessageReceived @event, CancellationToken cancellationToken)
            {
                log._messages.Enqueue(@event);
                return Task.CompletedTask;
            }
        }

        public sealed class KfHandler(Deliveries log) : IIntegrationEventHandler<WeComKfEventReceived>
        {
            public Task HandleAsync(WeComKfEventReceived @event, CancellationToken cancellationToken)
            {
                log._kfEvents.Enqueue(@event);
                return Task.CompletedTask;
            }
        }
    }
}
