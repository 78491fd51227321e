using Microsoft.Extensions.Options;

namespace CustomerService.Channels.DingTalk;

/// <summary>The configured apps by name, each with its event crypto built once from the validated options.</summary>
public sealed class DingTalkApps
{
    private readonly Dictionary<string, (DingTalkApp App, DingTalkEventCrypto? Crypto)> _apps;

    public DingTalkApps(IOptions<DingTalkOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _apps = options.Value.Apps.ToDictionary(
            a => a.Name,
            a => (a, a.HasEventSubscription ? new DingTalkEventCrypto(a.Token!, a.AesKey!, a.AppKey) : null),
            StringComparer.OrdinalIgnoreCase);
    }

    public DingTalkApp? Find(string name) => _apps.TryGetValue(name, out var entry) ? entry.App : null;

    /// <summary>The app's event crypto; null when the app is unknown or has no Token and AesKey.</summary>
    public DingTalkEventCrypto? EventCrypto(string name) => _apps.TryGetValue(name, out var entry) ? entry.Crypto : null;

    /// <summary>A route value safe to log: names of the configured shape, else a placeholder (no log forging).</summary>
    public static string Loggable(string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? value : "(unprintable)";
}
