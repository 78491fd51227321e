using System.Net;
using Microsoft.Extensions.Options;

namespace CustomerService.Channels.DingTalk;

/// <summary>
/// Where a message's sessionWebhook may point (<c>Channels:DingTalk:AllowedWebhookHosts</c>). The sender POSTs replies
/// there, so a forged callback body must not choose the address: only DingTalk's hosts unless configured otherwise.
/// </summary>
public sealed class DingTalkWebhookHosts
{
    /// <summary>DingTalk's own hosts, used when nothing is configured (sessionWebhooks are on oapi.dingtalk.com).</summary>
    public static readonly IReadOnlyList<string> Default = ["dingtalk.com", "*.dingtalk.com"];

    private readonly IReadOnlyList<string> _patterns;

    public DingTalkWebhookHosts(IOptions<DingTalkOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _patterns = options.Value.AllowedWebhookHosts is { Count: > 0 } configured ? configured : Default;
    }

    /// <summary>An absolute https URL on an allowed host; http only on a loopback host that is listed by name.</summary>
    public bool IsAllowed(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        var host = uri.IdnHost;
        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return _patterns.Any(p => Matches(p, host));
        }

        return uri.Scheme == Uri.UriSchemeHttp && IsLoopback(host) && _patterns.Any(p => p.Equals(host, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>https, or http on a loopback host (a test's fake DingTalk; nothing leaves the machine unencrypted).</summary>
    public static bool IsSecureOrLoopback(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri.IdnHost));
    }

    /// <summary>A host name or IP address, or <c>*.</c> and a domain of at least two labels.</summary>
    public static bool IsValidPattern(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return false;
        }

        var host = pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern;
        var kind = Uri.CheckHostName(host);
        return pattern.Length == host.Length
            ? kind is UriHostNameType.Dns or UriHostNameType.IPv4
            : kind == UriHostNameType.Dns && host.Contains('.', StringComparison.Ordinal);
    }

    private static bool Matches(string pattern, string host) =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
            : host.Equals(pattern, StringComparison.OrdinalIgnoreCase);

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
