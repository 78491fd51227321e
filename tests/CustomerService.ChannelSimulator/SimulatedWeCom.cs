using System.Globalization;
using System.Security.Cryptography;
using CustomerService.Channels.WeCom;

namespace CustomerService.ChannelSimulator;

/// <summary>What WeCom's servers send a callback URL: text messages, encrypted and signed with the app's token and key.</summary>
internal sealed class SimulatedWeCom(string app, string token, string encodingAesKey, string corpId, int agentId, TimeProvider time)
{
    private readonly WeComCallbackCrypto _crypto = new(token, encodingAesKey, corpId);

    /// <summary>One callback request; sending the same value again is WeCom retrying it.</summary>
    public SignedCallback Text(string from, string msgId, string text)
    {
        var plain = $"<xml><ToUserName><![CDATA[{corpId}]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName>"
            + $"<CreateTime>{time.GetUtcNow().ToUnixTimeSeconds()}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            + $"<Content><![CDATA[{text.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal)}]]></Content>"
            + $"<MsgId>{msgId}</MsgId><AgentID>{agentId}</AgentID></xml>";
        var encrypt = _crypto.Encrypt(plain);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var signature = _crypto.Sign(timestamp, nonce, encrypt);
        return new SignedCallback(
            $"/channels/wecom/{Uri.EscapeDataString(app)}/callback?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}",
            $"<xml><ToUserName><![CDATA[{corpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[{agentId}]]></AgentID></xml>");
    }
}

internal sealed record SignedCallback(string PathAndQuery, string Body);
