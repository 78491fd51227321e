using System.Globalization;
using System.Text;
using CustomerService.Channels.WeCom;

namespace CustomerService.FunctionalTests;

/// <summary>
/// The official test app of the WeCom spec (§5), configured as <c>acme</c>, and the callbacks WeCom would send it: messages
/// encrypted and signed with fresh timestamps (the vectors' own are years stale; the unit tests cover those).
/// </summary>
internal static class WeComTestApp
{
    public const string Token = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
    public const string EncodingAesKey = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
    public const string CorpId = "ww1436e0e65a779aee";
    public const string Secret = "test-app-secret";
    public const string Callback = "/channels/wecom/acme/callback";

    public static readonly WeComCallbackCrypto Crypto = new(Token, EncodingAesKey, CorpId);

    public static Dictionary<string, string?> Settings(string encodingAesKey = EncodingAesKey) => new()
    {
        ["Channels:WeCom:Apps:0:Name"] = "acme",
        ["Channels:WeCom:Apps:0:CorpId"] = CorpId,
        ["Channels:WeCom:Apps:0:AgentId"] = "1000002",
        ["Channels:WeCom:Apps:0:Secret"] = Secret,
        ["Channels:WeCom:Apps:0:Token"] = Token,
        ["Channels:WeCom:Apps:0:EncodingAesKey"] = encodingAesKey,
    };

    /// <summary>A callback for <paramref name="message"/> (decrypted XML); posting the same value again is WeCom retrying it.</summary>
    public static SignedCallback Signed(string message)
    {
        var (timestamp, nonce, encrypt) = (Now(), NewNonce(), Crypto.Encrypt(message));
        return new SignedCallback(Url(Crypto.Sign(timestamp, nonce, encrypt), timestamp, nonce), Envelope(encrypt), timestamp, nonce);
    }

    public static string Url(string signature, string timestamp, string nonce, string? echostr = null) =>
        $"{Callback}?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}"
        + (echostr is null ? "" : $"&echostr={Uri.EscapeDataString(echostr)}");

    public static string Envelope(string encrypt) =>
        $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";

    public static string Text(string msgId, string content, string from = "zhangsan") =>
        $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName><CreateTime>1476422779</CreateTime>"
        + $"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content><MsgId>{msgId}</MsgId><AgentID>1000002</AgentID></xml>";

    public static string KfEvent(string openKfId, string token, long createTime) =>
        $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><CreateTime>{createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        + $"<Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[{token}]]></Token><OpenKfId><![CDATA[{openKfId}]]></OpenKfId></xml>";

    /// <summary>企业客户事件: a customer added staff member <paramref name="staff"/>, through the 联系我 code <paramref name="state"/> if any.</summary>
    public static string ContactAdded(string externalUserId, string? state, long createTime, string changeType = "add_external_contact", string staff = "zhangsan") =>
        $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>{createTime}</CreateTime>"
        + $"<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[{changeType}]]></ChangeType>"
        + $"<UserID><![CDATA[{staff}]]></UserID><ExternalUserID><![CDATA[{externalUserId}]]></ExternalUserID>"
        + (state is null ? "" : $"<State><![CDATA[{state}]]></State>") + "<WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode></xml>";

    public static StringContent Xml(string body) => new(body, Encoding.UTF8, "text/xml");

    public static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static string NewNonce() => Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture);
}

internal sealed record SignedCallback(string Url, string Body, string Timestamp, string Nonce);
