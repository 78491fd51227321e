using Microsoft.Extensions.Options;

namespace CustomerService.Channels.DingTalk;

/// <summary>The DingTalk (钉钉) robots this service answers for (section <c>Channels:DingTalk</c>); none configured, no endpoint is mapped.</summary>
public sealed class DingTalkOptions
{
    public const string SectionName = "Channels:DingTalk";

    public List<DingTalkApp> Apps { get; set; } = [];

    /// <summary>The OpenAPI (tokens, robot sends) replies use once a message's sessionWebhook expired.</summary>
    public string ApiBaseUrl { get; set; } = "https://api.dingtalk.com";

    /// <summary>
    /// Hosts a message's sessionWebhook may point at (<c>host</c>, or <c>*.domain</c> for its subdomains); unset, DingTalk's
    /// own. https only, except a loopback host listed by name, which may use http (tests' fake DingTalk).
    /// </summary>
    public List<string> AllowedWebhookHosts { get; set; } = [];
}

/// <summary>One enterprise-internal app and its robot. Secrets are never logged, nor part of a validation message.</summary>
public sealed class DingTalkApp
{
    /// <summary>URL-safe name in the callback paths (<c>/channels/dingtalk/{Name}/…</c>) and <see cref="Abstractions.Channels.ChannelMessageReceived.App"/>.</summary>
    public string Name { get; set; } = "";

    /// <summary>Client ID (old AppKey); the owner key the event-subscription plaintext must end with.</summary>
    public string AppKey { get; set; } = "";

    /// <summary>Client Secret (old AppSecret); robot callbacks are signed with it.</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>The robot's code (机器人编码) for OpenAPI replies; unset, the message's <c>robotCode</c>, else <see cref="AppKey"/>.</summary>
    public string? RobotCode { get; set; }

    /// <summary>Event subscription 签名 token (3–32 letters or digits); set together with <see cref="AesKey"/>, or neither.</summary>
    public string? Token { get; set; }

    /// <summary>Event subscription 加密 aes_key: 43 Base64 characters of a 32-byte AES key.</summary>
    public string? AesKey { get; set; }

    public bool HasEventSubscription => !string.IsNullOrEmpty(Token) && !string.IsNullOrEmpty(AesKey);
}

internal sealed class DingTalkOptionsValidator : IValidateOptions<DingTalkOptions>
{
    public ValidateOptionsResult Validate(string? name, DingTalkOptions options)
    {
        List<string> failures = [];
        HashSet<string> names = new(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Apps.Count; i++)
        {
            var app = options.Apps[i];
            var key = $"{DingTalkOptions.SectionName}:Apps:{i}";
            if (app is null)
            {
                failures.Add($"{key} must be an app with Name, AppKey and AppSecret.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(app.Name))
            {
                failures.Add($"{key}:Name is required.");
            }
            else if (app.Name.Length > 64 || !app.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                failures.Add($"{key}:Name must be at most 64 letters, digits, - or _ (it is part of the callback URL).");
            }
            else if (!names.Add(app.Name))
            {
                failures.Add($"{key}:Name '{app.Name}' is used by another app (names are compared ignoring case).");
            }

            if (string.IsNullOrWhiteSpace(app.AppKey))
            {
                failures.Add($"{key}:AppKey is required (the app's Client ID).");
            }

            if (string.IsNullOrWhiteSpace(app.AppSecret))
            {
                failures.Add($"{key}:AppSecret is required (the app's Client Secret, which signs robot callbacks).");
            }

            if (app.RobotCode is { } robotCode && string.IsNullOrWhiteSpace(robotCode))
            {
                failures.Add($"{key}:RobotCode must not be blank (leave it out to use the message's robotCode).");
            }

            ValidateEventSubscription(app, key, failures);
        }

        ValidateEndpoints(options, failures);
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    private static void ValidateEndpoints(DingTalkOptions options, List<string> failures)
    {
        var key = DingTalkOptions.SectionName;
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || !DingTalkWebhookHosts.IsSecureOrLoopback(api)
            || !string.IsNullOrEmpty(api.Query) || !string.IsNullOrEmpty(api.Fragment))
        {
            failures.Add($"{key}:ApiBaseUrl must be an absolute https URL without query (http only on a loopback host).");
        }

        for (var i = 0; i < options.AllowedWebhookHosts.Count; i++)
        {
            if (!DingTalkWebhookHosts.IsValidPattern(options.AllowedWebhookHosts[i]))
            {
                failures.Add($"{key}:AllowedWebhookHosts:{i} must be a host name or IP address, or *.domain for its subdomains (no scheme, port or path).");
            }
        }
    }

    private static void ValidateEventSubscription(DingTalkApp app, string key, List<string> failures)
    {
        var hasToken = !string.IsNullOrEmpty(app.Token);
        var hasAesKey = !string.IsNullOrEmpty(app.AesKey);
        if (hasToken != hasAesKey)
        {
            failures.Add($"{key}:{(hasToken ? "AesKey" : "Token")} is required when {key}:{(hasToken ? "Token" : "AesKey")} is set (event subscriptions need both).");
        }

        if (hasToken && (app.Token!.Length is < 3 or > 32 || !app.Token.All(char.IsAsciiLetterOrDigit)))
        {
            failures.Add($"{key}:Token must be 3 to 32 letters or digits.");
        }

        if (hasAesKey && !DingTalkEventCrypto.TryDecodeAesKey(app.AesKey!, out _))
        {
            failures.Add($"{key}:AesKey must be the 43 Base64 characters of a 32-byte key, as the developer console shows it.");
        }
    }
}
