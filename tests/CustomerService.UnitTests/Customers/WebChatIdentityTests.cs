using CustomerService.Abstractions.Customers;
using CustomerService.Channels.WebChat;
using Microsoft.Extensions.Options;

namespace CustomerService.UnitTests.Customers;

/// <summary>How a website proves who its logged-in customer is: only a matching HMAC turns claims into verified ones.</summary>
public sealed class WebChatIdentityTests
{
    private const string Secret = "a-website-secret-of-at-least-32-characters";
    private readonly WebChatIdentityVerifier _verifier = new(Options.Create(new WebChatOptions { IdentitySecret = Secret }));

    private static WebChatIdentity Signed(string? phone, string? userId, string secret = Secret) =>
        new(phone, userId, WebChatIdentityVerifier.Sign(secret, phone, userId));

    [Fact]
    public void A_correct_signature_yields_the_normalised_phone_and_the_site_user()
    {
        var verified = _verifier.Verify(Signed("+86 138-0013-8000", "shop-42"));

        Assert.Equal(new VerifiedIdentity(Phone: "+8613800138000", SiteUserId: "shop-42"), verified);
    }

    [Fact]
    public void A_signature_for_other_values_or_under_another_secret_verifies_nothing()
    {
        var signed = Signed("13800138000", null);

        Assert.NotNull(_verifier.Verify(signed));
        Assert.Null(_verifier.Verify(signed with { Phone = "13900139000" }));
        Assert.Null(_verifier.Verify(signed with { UserId = "shop-42" }));
        Assert.Null(_verifier.Verify(Signed("13800138000", null, secret: "another-secret-of-at-least-32-characters")));
    }

    [Fact]
    public void Malformed_identities_are_named_by_field()
    {
        Assert.Equal(["identity", "identity.signature"], WebChatIdentityVerifier.Validate(new WebChatIdentity(null, null, null)).Keys.Order());
        Assert.Equal(["identity.phone"], WebChatIdentityVerifier.Validate(Signed("12345", null)).Keys);
        Assert.Equal(["identity.userId"], WebChatIdentityVerifier.Validate(Signed(null, "shop 42")).Keys);
        Assert.Equal(["identity.signature"], WebChatIdentityVerifier.Validate(new WebChatIdentity("13800138000", null, "zz")).Keys);
        Assert.Empty(WebChatIdentityVerifier.Validate(Signed("13800138000", "shop-42")));
    }

    [Theory]
    [InlineData("13800138000", "+8613800138000")]
    [InlineData("+86 138 0013 8000", "+8613800138000")]
    [InlineData("0086-138-0013-8000", "+8613800138000")]
    [InlineData("8613800138000", "+8613800138000")]
    [InlineData("+1 (415) 555-0100", "+14155550100")]
    public void Phone_numbers_have_one_spelling(string written, string normalized)
    {
        Assert.True(PhoneNumbers.TryNormalize(written, out var result));
        Assert.Equal(normalized, result);
    }

    [Theory]
    [InlineData("")]
    [InlineData("010-12345678")]   // no country code and not a mobile number: ambiguous
    [InlineData("+86 138 0013 800a")]
    [InlineData("++8613800138000")]
    [InlineData("+0123456789")]
    public void Ambiguous_or_malformed_phone_numbers_are_refused(string written) =>
        Assert.False(PhoneNumbers.TryNormalize(written, out _));

    [Fact]
    public void A_short_secret_stops_start_up_naming_the_key_but_not_the_secret()
    {
        var validator = new WebChatOptionsValidator();

        var result = validator.Validate(null, new WebChatOptions { IdentitySecret = "short-secret-value" });

        Assert.True(result.Failed);
        Assert.Contains("WebChat:IdentitySecret", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("short-secret-value", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(validator.Validate(null, new WebChatOptions()).Succeeded);
        Assert.True(validator.Validate(null, new WebChatOptions { IdentitySecret = Secret }).Succeeded);
    }

    [Fact]
    public void Stream_settings_out_of_range_stop_start_up_naming_each_key()
    {
        var validator = new WebChatOptionsValidator();

        var result = validator.Validate(null, new WebChatOptions
        {
            StreamHeartbeat = TimeSpan.Zero, StreamLifetime = TimeSpan.FromDays(2), MaxStreams = 0,
        });

        Assert.Contains("WebChat:StreamHeartbeat", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("WebChat:StreamLifetime", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("WebChat:MaxStreams", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(validator.Validate(null, new WebChatOptions { StreamHeartbeat = TimeSpan.FromSeconds(1), StreamLifetime = TimeSpan.FromSeconds(3) }).Succeeded);
    }
}
