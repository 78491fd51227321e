using CustomerService.Channels.DingTalk;
using CustomerService.Channels.WeCom;

namespace CustomerService.Evals.Channels;

/// <summary>
/// The WeCom app and DingTalk robot every in-process host is configured with (both named <c>eval</c>), their replies
/// pointed at the <see cref="FakeChannelApis"/>. The keys are the WeCom spec's published test app and made-up DingTalk ones:
/// nothing here reaches a real WeCom or DingTalk.
/// </summary>
internal static class EvalChannelApps
{
    public const string Name = "eval";
    private const string WeComToken = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
    private const string WeComAesKey = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
    private const string WeComCorpId = "ww1436e0e65a779aee";
    private const int WeComAgentId = 1000002;
    private const string DingTalkSecret = "eval-runner-dingtalk-secret";

    /// <summary>Host settings; a suite's own <c>settings</c> are applied after them and may override them.</summary>
    public static Dictionary<string, string?> Settings(string fakeApiBaseUrl) => new()
    {
        ["Channels:WeCom:ApiBaseUrl"] = fakeApiBaseUrl,
        ["Channels:WeCom:Apps:0:Name"] = Name,
        ["Channels:WeCom:Apps:0:CorpId"] = WeComCorpId,
        ["Channels:WeCom:Apps:0:AgentId"] = WeComAgentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Channels:WeCom:Apps:0:Secret"] = "eval-runner-wecom-secret",
        ["Channels:WeCom:Apps:0:Token"] = WeComToken,
        ["Channels:WeCom:Apps:0:EncodingAesKey"] = WeComAesKey,
        ["Channels:DingTalk:ApiBaseUrl"] = fakeApiBaseUrl,
        ["Channels:DingTalk:AllowedWebhookHosts:0"] = new Uri(fakeApiBaseUrl).Host, // http is allowed for a loopback host named here
        ["Channels:DingTalk:Apps:0:Name"] = Name,
        ["Channels:DingTalk:Apps:0:AppKey"] = "dingevalrunner",
        ["Channels:DingTalk:Apps:0:AppSecret"] = DingTalkSecret,
    };

    public static SimulatedWeCom WeCom(TimeProvider time) => new(Name, WeComToken, WeComAesKey, WeComCorpId, WeComAgentId, time);

    public static SimulatedDingTalk DingTalk(TimeProvider time) => new(Name, DingTalkSecret, time);
}
