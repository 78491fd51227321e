using System.Globalization;
using System.Security.Cryptography;

namespace CustomerService.Channels.WeCom;

/// <summary>
/// What WeCom's servers send a callback URL: text messages, encrypted and signed with the app's token and key. Plays WeCom
/// against a host (the channel simulator, the eval runner's channel turns); the host never uses it.
/// </summary>
public sealed class SimulatedWeCom(string app, string token, string encodingAesKey, string corpId, int agentId, TimeProvider time)
{
    private readonly WeComCallbackCrypto _crypto = new(token, encodingAesKey, corpId);

    /// <summary>One callback request; sending the same value again is WeCom retrying it.</summary>
    /// <exception cref="WeComCryptoException">The EncodingAESKey is not one.</exception>
    public WeComCallbackRequest Text(string from, string msgId, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plain = $"<xml><ToUserName><![CDATA[{corpId}]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName>"
            + $"<CreateTime>{time.GetUtcNow().ToUnixTimeSeconds()}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            + $"<Content><![CDATA[{text.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal)}]]></Content>"
            + $"<MsgId>{msgId}</MsgId><AgentID>{agentId}</AgentID></xml>";
        var encrypt = _crypto.Encrypt(plain);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var signature = _crypto.Sign(timestamp, nonce, encrypt);
        return new WeComCallbackRequest(
            $"/channels/wecom/{Uri.EscapeDataString(app)}/callback?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}",
            $"<xml><ToUserName><![CDATA[{corpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[{agentId}]]></AgentID></xml>");
    }
}

/// <summary>A signed callback: POST <see cref="Body"/> (XML) to <see cref="PathAndQuery"/> on the host.</summary>
public sealed record WeComCallbackRequest(string PathAndQuery, string Body);
