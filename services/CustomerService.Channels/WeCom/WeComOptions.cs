using Microsoft.Extensions.Options;

namespace CustomerService.Channels.WeCom;

/// <summary>The WeCom (企业微信) self-built apps whose callbacks this service receives and answers (section <c>Channels:WeCom</c>).</summary>
public sealed class WeComOptions
{
    public const string SectionName = "Channels:WeCom";
    public const string DefaultApiBaseUrl = "https://qyapi.weixin.qq.com";

    /// <summary>Where WeCom's server API (<c>/cgi-bin/gettoken</c>, <c>/cgi-bin/message/send</c>) lives: a proxy's or a test's fake in place of WeCom's own.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>One entry per app; none means no WeCom endpoint at all.</summary>
    public List<WeComAppOptions> Apps { get; set; } = [];

    /// <summary>The app a reply names, matched ignoring case as its callback route is.</summary>
    /// <exception cref="InvalidOperationException">No such app is configured.</exception>
    public WeComAppOptions AppOfReply(string app) =>
        Apps.FirstOrDefault(a => string.Equals(a.Name, app, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"The reply's WeCom app '{app}' is not configured under {SectionName}:Apps.");
}

/// <summary>
/// One app as its admin console shows it (应用管理 → app → 接收消息 → 设置API接收). <see cref="Secret"/>, <see cref="Token"/> and
/// <see cref="EncodingAesKey"/> are credentials: never logged, never part of a validation message.
/// </summary>
public sealed class WeComAppOptions
{
    /// <summary>Our name for the app, the URL segment of its callback: <c>/channels/wecom/{Name}/callback</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The corp's id (<c>ww…</c>): the receive id every callback's plaintext ends with.</summary>
    public string? CorpId { get; set; }

    public int? AgentId { get; set; }

    /// <summary>The app's secret, for access_token when replies are sent.</summary>
    public string? Secret { get; set; }

    /// <summary>The callback Token (signature only).</summary>
    public string? Token { get; set; }

    /// <summary>The callback EncodingAESKey: 43 characters, Base64 of the 32-byte AES key without its trailing <c>=</c>.</summary>
    public string? EncodingAesKey { get; set; }
}

internal sealed class WeComOptionsValidator : IValidateOptions<WeComOptions>
{
    public const int MaxNameLength = 64;

    public ValidateOptionsResult Validate(string? name, WeComOptions options)
    {
        List<string> failures = [];
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(api.Query) || !string.IsNullOrEmpty(api.Fragment))
        {
            failures.Add($"{WeComOptions.SectionName}:ApiBaseUrl must be an absolute http(s) URL without query, such as {WeComOptions.DefaultApiBaseUrl}.");
        }

        Dictionary<string, int> names = new(StringComparer.OrdinalIgnoreCase); // routes match names case-insensitively
        for (var i = 0; i < options.Apps.Count; i++)
        {
            var app = options.Apps[i];
            var key = $"{WeComOptions.SectionName}:Apps:{i}";
            if (string.IsNullOrWhiteSpace(app.Name))
            {
                failures.Add($"{key}:Name is required.");
            }
            else if (app.Name.Length > MaxNameLength || !app.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                failures.Add($"{key}:Name must be 1 to {MaxNameLength} letters, digits, - or _: it is the URL segment of /channels/wecom/{{Name}}/callback.");
            }
            else if (!names.TryAdd(app.Name, i))
            {
                failures.Add($"{key}:Name '{app.Name}' is already the name of {WeComOptions.SectionName}:Apps:{names[app.Name]}: app names must be unique (ignoring case).");
            }

            Require(failures, $"{key}:CorpId", app.CorpId);
            Require(failures, $"{key}:Secret", app.Secret);
            if (app.AgentId is not > 0)
            {
                failures.Add($"{key}:AgentId is required: the app's AgentId, a positive number.");
            }

            if (string.IsNullOrEmpty(app.Token))
            {
                failures.Add($"{key}:Token is required.");
            }
            else if (app.Token.Length > 32 || !app.Token.All(char.IsAsciiLetterOrDigit))
            {
                failures.Add($"{key}:Token must be 1 to 32 letters or digits, as the WeCom console accepts.");
            }

            if (WeComCallbackCrypto.DecodeKey(app.EncodingAesKey) is null)
            {
                failures.Add($"{key}:EncodingAesKey must be 43 characters of Base64 that decode to 32 bytes.");
            }
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    private static void Require(List<string> failures, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{key} is required.");
        }
    }
}
