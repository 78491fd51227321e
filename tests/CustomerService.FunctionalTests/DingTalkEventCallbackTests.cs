using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CustomerService.Channels.DingTalk;

using static CustomerService.FunctionalTests.DingTalkCallbackHost;
using static CustomerService.FunctionalTests.DingTalkTestApp;

namespace CustomerService.FunctionalTests;

/// <summary>DingTalk's event push through the real host: the url check answered encrypted and signed, other events acknowledged, bad pushes refused.</summary>
public sealed class DingTalkEventCallbackTests : IAsyncLifetime
{
    private readonly DingTalkCallbackHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task The_url_check_is_answered_with_an_encrypted_signed_success()
    {
        var (timestamp, nonce) = (NowMs(), "nonceUrl1");
        var encrypt = Crypto.Encrypt("{\"EventType\":\"check_url\"}");

        using var response = await _host.PostEventAsync(Events, encrypt, timestamp, nonce);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["encrypt", "msg_signature", "nonce", "timeStamp"], reply.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var (signature, replyTime, replyNonce, replyEncrypt) = (reply.GetProperty("msg_signature").GetString()!, reply.GetProperty("timeStamp").GetString()!,
            reply.GetProperty("nonce").GetString()!, reply.GetProperty("encrypt").GetString()!);
        Assert.True(Crypto.VerifySignature(signature, replyTime, replyNonce, replyEncrypt));
        Assert.Equal(DingTalkEventCrypto.Failure.None, Crypto.TryDecrypt(replyEncrypt, out var plaintext));
        Assert.Equal("success", plaintext);
        Assert.InRange(long.Parse(replyTime, CultureInfo.InvariantCulture), long.Parse(timestamp, CultureInfo.InvariantCulture) - 60_000,
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Other_events_are_acknowledged_logged_by_type_and_not_published()
    {
        var encrypt = Crypto.Encrypt("{\"EventType\":\"user_add_org\",\"UserId\":[\"secret-user-7\"],\"CorpId\":\"dingcorp\"}");

        using var response = await _host.PostEventAsync(Events, encrypt, NowMs(), "nonceEvt1", signatureQuery: "signature", timestampQuery: "timeStamp");

        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DingTalkEventCrypto.Failure.None, Crypto.TryDecrypt(reply.GetProperty("encrypt").GetString()!, out var plaintext));
        Assert.Equal("success", plaintext);
        Assert.Contains(_host.Logs.Lines, l => l.Contains("event user_add_org for app support acknowledged", StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs.Lines, l => l.Contains("secret-user-7", StringComparison.Ordinal));
        Assert.Empty(await _host.Received.SettledAsync(0));
    }

    [Fact]
    public async Task Bad_event_pushes_get_their_status_and_publish_nothing()
    {
        var checkUrl = Crypto.Encrypt("{\"EventType\":\"check_url\"}");
        using var first = await _host.PostEventAsync(Events, checkUrl, NowMs(), "nonceReplay");
        using var replay = await _host.PostEventAsync(Events, checkUrl, NowMs(), "nonceReplay");
        using var wrongSignature = await _host.PostEventAsync(Events, checkUrl, NowMs(), "nonceB1", signature: new string('0', 40));
        using var unsigned = await _host.Client.PostAsJsonAsync(Events, new { encrypt = checkUrl });
        // The spec's official vector is genuine but from 2020: stale today.
        using var specVector = await _host.Client.PostAsJsonAsync(
            $"{Events}?msg_signature=03044561471240d4a14bb09372dfcfd4fd0e40cb&timestamp=1608001896814&nonce=WL4PK6yA",
            new { encrypt = "0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3" });
        using var badBase64 = await _host.PostEventAsync(Events, "not*base64", NowMs(), "nonceB2");
        using var badPadding = await _host.PostEventAsync(Events, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)), NowMs(), "nonceB3");
        using var otherOwner = await _host.PostEventAsync(Events, new DingTalkEventCrypto(Token, AesKey, "dingotherapp").Encrypt("{\"EventType\":\"check_url\"}"),
            NowMs(), "nonceB4");
        using var notJsonInside = await _host.PostEventAsync(Events, Crypto.Encrypt("EventType=check_url"), NowMs(), "nonceB5");
        using var malformed = await _host.Client.PostRawAsync($"{Events}?msg_signature=x&timestamp={NowMs()}&nonce=n", "{\"encrypt\":", "application/json");
        using var oversized = await _host.PostEventAsync(Events, new string('A', 70_000), NowMs(), "nonceB6");
        using var unknownApp = await _host.PostEventAsync("/channels/dingtalk/nobody/events", checkUrl, NowMs(), "nonceB7");
        using var noSubscription = await _host.PostEventAsync("/channels/dingtalk/robot-only/events", checkUrl, NowMs(), "nonceB8");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("Replayed request", (await replay.ProblemAsync(401)).GetProperty("title").GetString());
        await wrongSignature.ProblemAsync(401);
        await unsigned.ProblemAsync(401);
        Assert.Equal("Stale timestamp", (await specVector.ProblemAsync(401)).GetProperty("title").GetString());
        Assert.Contains("NotBase64", (await badBase64.ProblemAsync(400)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("BadPadding", (await badPadding.ProblemAsync(400)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await otherOwner.ProblemAsync(401);
        await notJsonInside.ProblemAsync(400);
        await malformed.ProblemAsync(400);
        await oversized.ProblemAsync(413);
        await unknownApp.ProblemAsync(404);
        await noSubscription.ProblemAsync(404);

        Assert.Empty(await _host.Received.SettledAsync(0));
        Assert.DoesNotContain(_host.Logs.Lines, l => l.Contains(Token, StringComparison.Ordinal) || l.Contains(AesKey, StringComparison.Ordinal)
            || l.Contains("EventType=", StringComparison.Ordinal) || l.Contains(checkUrl, StringComparison.Ordinal));
        Assert.Contains(_host.Logs.Lines, l => l.Contains("event push for app support rejected (401): Wrong recipient", StringComparison.Ordinal));
    }
}
