using CustomerService.Channels.DingTalk;

namespace CustomerService.UnitTests.Channels.DingTalk;

/// <summary>Where replies may be POSTed: DingTalk's https hosts by default; http only on a loopback host listed by name.</summary>
public sealed class DingTalkWebhookHostsTests
{
    [Theory]
    [InlineData("https://oapi.dingtalk.com/robot/sendBySession?session=abc", true)]
    [InlineData("https://dingtalk.com/x", true)]
    [InlineData("http://oapi.dingtalk.com/robot/sendBySession", false)]
    [InlineData("https://evildingtalk.com/x", false)]
    [InlineData("https://oapi.dingtalk.com.evil.example/x", false)]
    [InlineData("https://user@oapi.dingtalk.com/x", false)]
    [InlineData("http://127.0.0.1:5000/robot/sendBySession", false)]
    [InlineData("/robot/sendBySession", false)]
    public void By_default_only_dingtalk_https_urls_are_allowed(string url, bool allowed) =>
        Assert.Equal(allowed, new DingTalkWebhookHosts(DingTalkFakes.Options()).IsAllowed(url));

    [Theory]
    [InlineData("http://127.0.0.1:5000/robot/sendBySession?session=t", true)]
    [InlineData("https://127.0.0.1:5001/robot/sendBySession", true)]
    [InlineData("https://hooks.example.com/x", true)]
    [InlineData("http://hooks.example.com/x", false)] // http is for loopback only
    [InlineData("https://oapi.dingtalk.com/robot/sendBySession", false)] // a configured list replaces the default
    [InlineData("http://127.0.0.2/x", false)]
    public void Configured_hosts_replace_the_default(string url, bool allowed) =>
        Assert.Equal(allowed, new DingTalkWebhookHosts(DingTalkFakes.Options("127.0.0.1", "*.example.com")).IsAllowed(url));

    [Fact]
    public void Bad_endpoint_settings_are_named_by_key()
    {
        var options = DingTalkFakes.Options("127.0.0.1", "https://x.example", "*.com", "*", "host:80", " ").Value;
        options.ApiBaseUrl = "http://api.dingtalk.com";

        var failures = new DingTalkOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(
            [
                "Channels:DingTalk:ApiBaseUrl must be an absolute https URL without query (http only on a loopback host).",
                .. Enumerable.Range(1, 5).Select(i => $"Channels:DingTalk:AllowedWebhookHosts:{i} must be a host name or IP address, or *.domain for its subdomains (no scheme, port or path)."),
            ],
            failures);
    }

    [Theory]
    [InlineData("https://api.dingtalk.com")]
    [InlineData("https://api.dingtalk.com/")]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://localhost:8080")]
    public void Https_and_loopback_api_urls_pass(string url)
    {
        var options = DingTalkFakes.Options("*.dingtalk.com", "localhost").Value;
        options.ApiBaseUrl = url;

        Assert.True(new DingTalkOptionsValidator().Validate(null, options).Succeeded);
    }
}
