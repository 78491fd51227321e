using System.Text;
using CustomerService.Abstractions.Channels;
using CustomerService.Abstractions.Messaging;
using CustomerService.Channels.WeCom;
using CustomerService.Conformance;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static CustomerService.UnitTests.Channels.WeCom.WeComVectors;

namespace CustomerService.UnitTests.Channels.WeCom;

/// <summary>The official V1 and V2 callbacks through the whole verification path, at the clock of their timestamps.</summary>
public sealed class WeComCallbacksTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(long.Parse(V2Timestamp, System.Globalization.CultureInfo.InvariantCulture)));
    private readonly RecordingBus _bus = new();
    private readonly LogLines _logs = new();
    private readonly WeComCallbacks _callbacks;
    private readonly WeComCallbackApp _app;

    public WeComCallbacksTests()
    {
        _callbacks = new WeComCallbacks(Options.Create(new WeComOptions { Apps = [App("acme")] }), _bus, _time, _logs);
        _app = _callbacks.Find("ACME")!;
    }

    [Fact]
    public void V1_verifies_the_url_with_the_official_echostr()
    {
        var (callbacks, app) = AtV1Time();

        Assert.Equal(new WeComCallbackResult(null, V1Message), callbacks.VerifyUrl(app, new WeComCallbackQuery(V1Signature, V1Timestamp, V1Nonce, V1EchoStr)));
        // The same request again is WeCom retrying; the nonce with another echostr is a replay.
        Assert.Equal(V1Message, callbacks.VerifyUrl(app, new WeComCallbackQuery(V1Signature, V1Timestamp, V1Nonce, V1EchoStr)).EchoStr);
        var other = app.Crypto.Encrypt("42");
        Assert.Equal(WeComFailure.ReplayedNonce,
            callbacks.VerifyUrl(app, new WeComCallbackQuery(app.Crypto.Sign(V1Timestamp, V1Nonce, other), V1Timestamp, V1Nonce, other)).Failure);
    }

    [Fact]
    public void V1_with_its_plus_signs_decoded_to_spaces_still_verifies()
    {
        var (callbacks, app) = AtV1Time();

        Assert.Equal(V1Message, callbacks.VerifyUrl(app, new WeComCallbackQuery(V1Signature, V1Timestamp, V1Nonce, V1EchoStr.Replace('+', ' '))).EchoStr);
    }

    [Fact]
    public void V1_at_the_time_of_V2_is_stale() =>
        Assert.Equal(WeComFailure.StaleTimestamp, _callbacks.VerifyUrl(_app, new WeComCallbackQuery(V1Signature, V1Timestamp, V1Nonce, V1EchoStr)).Failure);

    private (WeComCallbacks, WeComCallbackApp) AtV1Time()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(long.Parse(V1Timestamp, System.Globalization.CultureInfo.InvariantCulture)));
        var callbacks = new WeComCallbacks(Options.Create(new WeComOptions { Apps = [App("acme")] }), _bus, time, _logs);
        return (callbacks, callbacks.Find("acme")!);
    }

    [Fact]
    public async Task V2_publishes_the_text_message_once_with_its_channel_event_id()
    {
        var result = await ReceiveAsync(V2Body(), V2Nonce);

        Assert.Equal(WeComCallbackResult.Accepted, result);
        var message = Assert.IsType<ChannelMessageReceived>(Assert.Single(_bus.Published));
        Assert.Equal(("wecom", "acme", "ChenJiaShun", "1456453720", "你好"), (message.Channel, message.App, message.AccountId, message.MessageId, message.Text));
        Assert.Equal(ChannelEventIds.For("wecom", "acme", "1456453720"), message.Id);
        Assert.Equal(new Dictionary<string, string> { ["agent_id"] = "1000002", ["to_user"] = "ChenJiaShun" }, message.ReplyContext);
        Assert.Equal(_time.GetUtcNow(), message.OccurredAt);
    }

    [Fact]
    public async Task V2_sent_again_unchanged_is_acked_under_the_same_event_id_and_its_nonce_with_other_content_is_refused()
    {
        await ReceiveAsync(V2Body(), V2Nonce);

        Assert.Equal(WeComCallbackResult.Accepted, await ReceiveAsync(V2Body(), V2Nonce)); // WeCom's retry after a late ack
        Assert.Equal(WeComFailure.ReplayedNonce, (await ReplayWithOtherContentAsync()).Failure);
        Assert.Equal(2, _bus.Published.Count);
        Assert.Single(_bus.Published.Select(e => e.Id).Distinct()); // the bus delivers one id once
    }

    [Fact]
    public async Task V2_after_the_five_minute_window_is_stale()
    {
        _time.Advance(WeComCallbacks.Window + TimeSpan.FromSeconds(1));

        Assert.Equal(WeComFailure.StaleTimestamp, (await ReceiveAsync(V2Body(), V2Nonce)).Failure);
        Assert.Empty(_bus.Published);
    }

    [Fact]
    public async Task A_storage_failure_leaves_the_nonce_unused_so_the_retry_is_accepted()
    {
        _bus.FailNext = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => ReceiveAsync(V2Body(), V2Nonce));

        Assert.Equal(WeComCallbackResult.Accepted, await ReceiveAsync(V2Body(), V2Nonce));
        Assert.Single(_bus.Published);
    }

    [Theory]
    [InlineData("0c3914025cb4b4d68103f6bfc8db550f79dcf48f", V2Timestamp, WeComFailure.BadSignature)]
    [InlineData(V2Signature, "1476422780", WeComFailure.BadSignature)]
    [InlineData(V2Signature, "14764227x9", WeComFailure.BadTimestamp)]
    [InlineData(V2Signature, "", WeComFailure.MissingParameter)]
    [InlineData(V2Signature, "99999999999999999999", WeComFailure.BadTimestamp)]
    public async Task A_bad_query_is_refused_before_decryption(string signature, string timestamp, WeComFailure reason)
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(V2Body()));

        Assert.Equal(reason, (await _callbacks.ReceiveAsync(_app, new WeComCallbackQuery(signature, timestamp, V2Nonce), body, default)).Failure);
        Assert.Empty(_bus.Published);
    }

    [Theory]
    [InlineData("<xml><Encrypt>abc</Encrypt>")]
    [InlineData("<!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&e;</Encrypt></xml>")]
    [InlineData("<other><Encrypt>abc</Encrypt></other>")]
    [InlineData("")]
    public async Task A_body_that_is_not_a_wecom_envelope_is_malformed(string body) =>
        Assert.Equal(WeComFailure.MalformedXml, (await ReceiveAsync(body, V2Nonce)).Failure);

    [Fact]
    public async Task Refusals_and_acceptances_log_no_secret_and_no_plaintext()
    {
        await ReceiveAsync(V2Body(), V2Nonce);
        await ReplayWithOtherContentAsync();
        var (callbacks, app) = AtV1Time();
        callbacks.VerifyUrl(app, new WeComCallbackQuery(V1Signature, V1Timestamp, V1Nonce, V1EchoStr));
        callbacks.VerifyUrl(app, new WeComCallbackQuery("1" + V1Signature[1..], V1Timestamp, V1Nonce, V1EchoStr));

        Assert.Contains(_logs.Lines, l => l.Contains("ReplayedNonce", StringComparison.Ordinal));
        Assert.Contains(_logs.Lines, l => l.Contains("BadSignature", StringComparison.Ordinal));
        Assert.Contains(_logs.Lines, l => l.Contains("URL of app acme verified", StringComparison.Ordinal));
        Assert.Contains(_logs.Lines, l => l.Contains("1456453720", StringComparison.Ordinal));
        foreach (var secret in new[] { Token, EncodingAesKey, "app-secret", "你好", "ChenJiaShun", V2Encrypt[..20], V1Message })
        {
            Assert.DoesNotContain(_logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    // V2's nonce again, on a message of someone else's making.
    private Task<WeComCallbackResult> ReplayWithOtherContentAsync()
    {
        var encrypt = _app.Crypto.Encrypt(
            "<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><FromUserName><![CDATA[mallory]]></FromUserName><CreateTime>1</CreateTime>"
            + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[x]]></Content><MsgId>9</MsgId><AgentID>1000002</AgentID></xml>");
        var query = new WeComCallbackQuery(_app.Crypto.Sign(V2Timestamp, V2Nonce, encrypt), V2Timestamp, V2Nonce);
        return _callbacks.ReceiveAsync(_app, query, new MemoryStream(Encoding.UTF8.GetBytes(V2Body(encrypt))), default);
    }

    private Task<WeComCallbackResult> ReceiveAsync(string body, string nonce)
    {
        var signature = _app.Crypto.Sign(V2Timestamp, nonce, V2Encrypt);
        return _callbacks.ReceiveAsync(_app, new WeComCallbackQuery(signature, V2Timestamp, nonce), new MemoryStream(Encoding.UTF8.GetBytes(body)), default);
    }

    private sealed class RecordingBus : IEventBus
    {
        public List<IntegrationEvent> Published { get; } = [];

        public bool FailNext { get; set; }

        public Task PublishAsync(IntegrationEvent @event, CancellationToken cancellationToken = default)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("storage unavailable");
            }

            Published.Add(@event);
            return Task.CompletedTask;
        }
    }

    private sealed class LogLines : ILogger<WeComCallbacks>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception) + " " + exception);
    }
}
