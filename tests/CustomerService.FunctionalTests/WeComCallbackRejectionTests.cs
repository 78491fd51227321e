using System.Globalization;
using System.Net;
using CustomerService.Channels.WeCom;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static CustomerService.FunctionalTests.WeComTestApp;

namespace CustomerService.FunctionalTests;

/// <summary>
/// What WeCom's callback endpoint refuses, each with its status and a problem body, publishing nothing; and the endpoint's
/// absence, or a refused start, when the app is not configured or badly configured.
/// </summary>
public sealed class WeComCallbackRejectionTests : IAsyncLifetime
{
    private readonly WeComCallbackHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Bad_callbacks_get_their_status_and_publish_nothing()
    {
        var (timestamp, nonce) = (Now(), NewNonce());
        var text = Text("3000001", "should never arrive");
        var encrypt = Crypto.Encrypt(text);
        var signature = Crypto.Sign(timestamp, nonce, encrypt);
        // One hex digit changed: a fixed "1" would leave the signature valid whenever it already starts with 1 (1 run in 16).
        var wrongSignature = (signature[0] == '1' ? "2" : "1") + signature[1..];

        // A spent nonce: accepted once for an event that publishes nothing, then reused for a message.
        var spent = Signed($"<xml><ToUserName>{CorpId}</ToUserName><FromUserName>lisi</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>enter_agent</Event></xml>");
        using (var accepted = await _host.Client.PostAsync(spent.Url, Xml(spent.Body)))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        var reuse = Crypto.Encrypt(text);
        var stale = (DateTimeOffset.UtcNow - TimeSpan.FromMinutes(6)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var otherCorp = new WeComCallbackCrypto(Token, EncodingAesKey, "ww0000000000000000").Encrypt(text);
        var cases = new (string Name, Func<Task<HttpResponseMessage>> Send, int Status)[]
        {
            ("wrong signature", () => _host.Post(Url(wrongSignature, timestamp, nonce), Envelope(encrypt)), 401),
            ("signature of another token", () => _host.Post(Url(new WeComCallbackCrypto("otherToken", EncodingAesKey, CorpId).Sign(timestamp, nonce, encrypt), timestamp, nonce), Envelope(encrypt)), 401),
            ("stale timestamp", () => _host.Post(Url(Crypto.Sign(stale, nonce, encrypt), stale, nonce), Envelope(encrypt)), 401),
            ("replayed nonce", () => _host.Post(Url(Crypto.Sign(spent.Timestamp, spent.Nonce, reuse), spent.Timestamp, spent.Nonce), Envelope(reuse)), 409),
            ("bad base64", () => SignedPost("not*base64"), 400),
            ("not whole blocks", () => SignedPost(Convert.ToBase64String(new byte[40])), 400),
            ("wrong receive id", () => SignedPost(otherCorp), 400),
            ("malformed inner xml", () => SignedPost(Crypto.Encrypt("<xml><MsgType>text</MsgType>")), 400),
            ("text without MsgId", () => SignedPost(Crypto.Encrypt($"<xml><FromUserName>lisi</FromUserName><MsgType>text</MsgType><Content>hi</Content></xml>")), 400),
            ("malformed outer xml", () => _host.Post(Url(signature, timestamp, nonce), $"<xml><Encrypt>{encrypt}</Encrypt>"), 400),
            ("dtd", () => _host.Post(Url(signature, timestamp, nonce), $"<!DOCTYPE xml [<!ENTITY x \"{encrypt}\">]><xml><Encrypt>&x;</Encrypt></xml>"), 400),
            ("missing nonce", () => _host.Post($"{Callback}?msg_signature={signature}&timestamp={timestamp}", Envelope(encrypt)), 400),
            ("oversized body", () => _host.Post(Url(signature, timestamp, nonce), Envelope(encrypt) + new string(' ', 64 * 1024)), 413),
            ("unknown app", () => _host.Post(Url(signature, timestamp, nonce).Replace("/acme/", "/nobody/", StringComparison.Ordinal), Envelope(encrypt)), 404),
            ("GET with a wrong signature", () => _host.Client.GetAsync(Url(wrongSignature, timestamp, nonce, encrypt)), 401),
            ("GET without echostr", () => _host.Client.GetAsync(Url(signature, timestamp, nonce)), 400),
        };

        foreach (var (name, send, status) in cases)
        {
            using var response = await send();
            Assert.True(status == (int)response.StatusCode, $"{name}: expected {status}, got {(int)response.StatusCode}");
            await response.ProblemAsync(status);
        }

        // A good message last: once it is delivered, anything a bad one had published would have been delivered too.
        using var sentinel = await _host.PostAsync(Text("3000099", "sentinel"));
        Assert.Equal(HttpStatusCode.OK, sentinel.StatusCode);
        await WeComDeliveries.SettleAsync(() => _host.Deliveries.Messages.Count >= 1);
        Assert.Equal(["3000099"], _host.Deliveries.Messages.Select(m => m.MessageId));
        Assert.Empty(_host.Deliveries.KfEvents);

        Task<HttpResponseMessage> SignedPost(string cipher)
        {
            var n = NewNonce();
            return _host.Post(Url(Crypto.Sign(timestamp, n, cipher), timestamp, n), Envelope(cipher));
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
        Assert.Contains(_host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>(),
            e => e.RoutePattern.RawText?.StartsWith("/channels/wecom/{app}/callback", StringComparison.Ordinal) == true);
        CustomerServiceApp.DeleteDataDirectory(app.DataDirectory);
    }

    [Fact]
    public async Task A_bad_encoding_aes_key_stops_start_up_naming_its_key()
    {
        await using var app = new CustomerServiceApp(settings: Settings(encodingAesKey: "too-short"));

        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Channels:WeCom:Apps:0:EncodingAesKey must be 43 characters of Base64 that decode to 32 bytes", e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, e.ToString(), StringComparison.Ordinal);
        CustomerServiceApp.DeleteDataDirectory(app.DataDirectory);
    }
}
