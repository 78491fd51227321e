using CustomerService.Channels.WebChat;

namespace CustomerService.UnitTests.Channels.WebChat;

/// <summary>WebChat:AllowedOrigins: origins as browsers send them, <c>*</c> only alone and only without an identity secret.</summary>
public sealed class WebChatCorsTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef-site-secret";

    [Theory]
    [InlineData("https://shop.example.com", "https://shop.example.com")]
    [InlineData(" HTTPS://Shop.Example.COM/ ", "https://shop.example.com")]
    [InlineData("https://shop.example.com:443", "https://shop.example.com")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080")]
    public void An_origin_is_kept_as_browsers_send_it(string configured, string expected) =>
        Assert.Equal(expected, WebChatCors.Normalize(configured));

    [Theory]
    [InlineData("shop.example.com")]
    [InlineData("https://shop.example.com/chat")]
    [InlineData("https://shop.example.com?x=1")]
    [InlineData("https://user@shop.example.com")]
    [InlineData("ftp://shop.example.com")]
    [InlineData("https://*.example.com")]
    [InlineData("")]
    public void What_is_not_an_origin_is_refused_naming_its_key(string configured)
    {
        var result = new WebChatOptionsValidator().Validate(null, new WebChatOptions { AllowedOrigins = ["https://ok.example.com", configured] });

        Assert.True(result.Failed);
        Assert.Contains("WebChat:AllowedOrigins:1 must be an origin", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("AllowedOrigins:0", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_star_is_every_site_alone_and_never_with_an_identity_secret()
    {
        var validator = new WebChatOptionsValidator();

        Assert.True(validator.Validate(null, new WebChatOptions { AllowedOrigins = ["*"] }).Succeeded);
        Assert.Contains("WebChat:AllowedOrigins:1 is *, which allows every site: it must then be the only entry",
            validator.Validate(null, new WebChatOptions { AllowedOrigins = ["https://shop.example.com", "*"] }).FailureMessage, StringComparison.Ordinal);
        var withSecret = validator.Validate(null, new WebChatOptions { AllowedOrigins = ["*"], IdentitySecret = Secret });
        Assert.Contains("WebChat:AllowedOrigins:0 cannot be * while WebChat:IdentitySecret is set", withSecret.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, withSecret.FailureMessage, StringComparison.Ordinal);
        Assert.True(validator.Validate(null, new WebChatOptions { AllowedOrigins = ["https://shop.example.com"], IdentitySecret = Secret }).Succeeded);
    }
}
