using CustomerService.Channels.WeCom;
using static CustomerService.UnitTests.Channels.WeCom.WeComVectors;

namespace CustomerService.UnitTests.Channels.WeCom;

/// <summary>A bad WeCom app stops start-up with a message naming its key, and never quoting a credential.</summary>
public sealed class WeComOptionsValidatorTests
{
    private static string? Failure(params WeComAppOptions[] apps) =>
        new WeComOptionsValidator().Validate(null, new WeComOptions { Apps = [.. apps] }).FailureMessage;

    [Fact]
    public void No_app_and_a_valid_app_pass()
    {
        Assert.True(new WeComOptionsValidator().Validate(null, new WeComOptions()).Succeeded);
        Assert.True(new WeComOptionsValidator().Validate(null, new WeComOptions { Apps = [App("acme"), App("kf-2")] }).Succeeded);
    }

    [Theory]
    [InlineData("6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhU")]
    [InlineData("6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt=")]
    [InlineData("6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqh*t")]
    [InlineData("")]
    public void A_bad_encoding_aes_key_is_named_and_not_quoted(string key)
    {
        var app = App();
        app.EncodingAesKey = key;

        var failure = Failure(App("first"), app);
        Assert.Contains("Channels:WeCom:Apps:1:EncodingAesKey must be 43 characters of Base64 that decode to 32 bytes", failure, StringComparison.Ordinal);
        Assert.False(key.Length > 0 && failure!.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_fields_are_each_named()
    {
        var failure = Failure(new WeComAppOptions());

        foreach (var field in new[] { "Name is required", "CorpId is required", "Secret is required", "AgentId is required", "Token is required", "EncodingAesKey must be" })
        {
            Assert.Contains($"Channels:WeCom:Apps:0:{field}", failure, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("acme/kf")]
    [InlineData("acme kf")]
    [InlineData("客服")]
    [InlineData("a%2F")]
    public void A_name_that_is_not_url_safe_is_named(string name) =>
        Assert.Contains("Channels:WeCom:Apps:0:Name must be 1 to 64 letters, digits, - or _", Failure(App(name)), StringComparison.Ordinal);

    [Fact]
    public void Names_must_be_unique_ignoring_case() =>
        Assert.Contains("Channels:WeCom:Apps:2:Name 'ACME' is already the name of Channels:WeCom:Apps:0",
            Failure(App("acme"), App("other"), App("ACME")), StringComparison.Ordinal);

    [Fact]
    public void A_token_of_other_characters_is_named_and_not_quoted()
    {
        var app = App();
        app.Token = "tok en+secret";

        var failure = Failure(app);
        Assert.Contains("Channels:WeCom:Apps:0:Token must be 1 to 32 letters or digits", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_positive_agent_id_is_named()
    {
        var app = App();
        app.AgentId = 0;

        Assert.Contains("Channels:WeCom:Apps:0:AgentId", Failure(app), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://qyapi.weixin.qq.com")]
    [InlineData("qyapi.weixin.qq.com")]
    [InlineData("/cgi-bin")]
    [InlineData("https://qyapi.weixin.qq.com/?x=1")]
    [InlineData("")]
    public void A_bad_api_base_url_is_named(string url)
    {
        var result = new WeComOptionsValidator().Validate(null, new WeComOptions { ApiBaseUrl = url, Apps = [App()] });

        Assert.Contains("Channels:WeCom:ApiBaseUrl must be an absolute http(s) URL", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://qyapi.weixin.qq.com")]
    [InlineData("http://127.0.0.1:5123/wecom/")]
    public void An_http_or_https_api_base_url_passes(string url) =>
        Assert.True(new WeComOptionsValidator().Validate(null, new WeComOptions { ApiBaseUrl = url, Apps = [App()] }).Succeeded);
}
