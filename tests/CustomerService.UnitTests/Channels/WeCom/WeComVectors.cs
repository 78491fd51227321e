using CustomerService.Channels.WeCom;

namespace CustomerService.UnitTests.Channels.WeCom;

/// <summary>The official test vectors of spec §5 (Tencent's weworkapi sample, Sample.py).</summary>
internal static class WeComVectors
{
    public const string Token = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
    public const string EncodingAesKey = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
    public const string CorpId = "ww1436e0e65a779aee";
    public const string AesKeyHex = "eaa91d32babaf274ca76ece72583b5037ed6da8120a64314be4b6d453a2a854b";

    // V1: URL verification (GET).
    public const string V1Signature = "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb";
    public const string V1Timestamp = "1476416373";
    public const string V1Nonce = "47744683";
    public const string V1EchoStr = "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==";
    public const string V1Message = "1288432023552776189";
    public const string V1Random = "8908d0ff052afda0";

    // V2: a text message (POST).
    public const string V2Signature = "0c3914025cb4b4d68103f6bfc8db550f79dcf48e";
    public const string V2Timestamp = "1476422779";
    public const string V2Nonce = "1597212914";
    public const string V2Encrypt =
        "Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+";
    public const string V2Message =
        "<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>";
    public const string V2Random = "694ce5a83ae07fe3";

    public static string V2Body(string encrypt = V2Encrypt) =>
        $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";

    public static WeComCallbackCrypto Crypto() => new(Token, EncodingAesKey, CorpId);

    public static WeComAppOptions App(string name = "acme") =>
        new() { Name = name, CorpId = CorpId, AgentId = 1000002, Secret = "app-secret", Token = Token, EncodingAesKey = EncodingAesKey };
}
