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

    /// <summary>
    /// How long an idle event stream waits before it sends a comment line, so proxies do not close it; it also re-reads
    /// the store then, which picks up messages another process wrote.
    /// </summary>
    public TimeSpan StreamHeartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one event stream stays open; the client then reconnects from its last event id, so nothing is lost.</summary>
    public TimeSpan StreamLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Event streams open at once in this process; one more is refused with 503 until one ends.</summary>
    public int MaxStreams { get; set; } = 1000;

    /// <summary>
    /// The sites (origins such as <c>https://shop.example.com</c>) whose pages may embed the widget from this host and call the web chat
    /// API across origins (CORS); empty: only pages served by this host. <c>*</c> alone allows every site, but not with an
    /// <see cref="IdentitySecret"/> (see <see cref="WebChatCors"/>).
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];
}

internal sealed class WebChatOptionsValidator : IValidateOptions<WebChatOptions>
{
    public ValidateOptionsResult Validate(string? name, WebChatOptions options)
    {
        List<string> failures = [];
        if (options.IdentitySecret is { Length: > 0 } secret && (secret.Length < WebChatOptions.MinSecretLength || string.IsNullOrWhiteSpace(secret)))
        {
            failures.Add($"WebChat:IdentitySecret must be at least {WebChatOptions.MinSecretLength} characters of random text (or unset to accept no identity).");
        }

        if (options.StreamHeartbeat < TimeSpan.FromMilliseconds(100) || options.StreamHeartbeat > TimeSpan.FromMinutes(5))
        {
            failures.Add("WebChat:StreamHeartbeat must be between 00:00:00.1 and 00:05:00.");
        }

        if (options.StreamLifetime < options.StreamHeartbeat || options.StreamLifetime > TimeSpan.FromHours(24))
        {
            failures.Add("WebChat:StreamLifetime must be at least WebChat:StreamHeartbeat and at most 24:00:00.");
        }

        if (options.MaxStreams < 1)
        {
            failures.Add("WebChat:MaxStreams must be at least 1.");
        }

        failures.AddRange(WebChatCors.Validate(options));

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
