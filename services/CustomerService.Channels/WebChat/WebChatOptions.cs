using Microsoft.Extensions.Options;

namespace CustomerService.Channels.WebChat;

/// <summary>The web chat channel's settings (section <c>WebChat</c>).</summary>
public sealed class WebChatOptions
{
    public const string SectionName = "WebChat";
    public const int MinSecretLength = 32;

    /// <summary>
    /// Secret shared with the website's server, which signs its logged-in customer's identity with it (HMAC-SHA256).
    /// Unset: the web chat accepts no identity. Never logged, never part of a validation message.
    /// </summary>
    public string? IdentitySecret { get; set; }
}

internal sealed class WebChatOptionsValidator : IValidateOptions<WebChatOptions>
{
    public ValidateOptionsResult Validate(string? name, WebChatOptions options) =>
        options.IdentitySecret is { Length: > 0 } secret && (secret.Length < WebChatOptions.MinSecretLength || string.IsNullOrWhiteSpace(secret))
            ? ValidateOptionsResult.Fail(
                $"WebChat:IdentitySecret must be at least {WebChatOptions.MinSecretLength} characters of random text (or unset to accept no identity).")
            : ValidateOptionsResult.Success;
}
