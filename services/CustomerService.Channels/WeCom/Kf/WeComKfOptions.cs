using Microsoft.Extensions.Options;

namespace CustomerService.Channels.WeCom.Kf;

/// <summary>微信客服 (section <c>Channels:WeCom:Kf</c>): how the bot pulls, welcomes and hands off on channel <c>wecom-kf</c>.</summary>
public sealed class WeComKfOptions
{
    public const string SectionName = "Channels:WeCom:Kf";
    public const int MaxSyncLimit = 1000;

    /// <summary>
    /// The WeCom userid of the servicer a hand-off goes to (<c>service_state</c> 3); empty: the queue (2), where any receiving servicer
    /// takes it. A servicer who is not activated (errcode 95014) makes the hand-off fall back to the queue.
    /// </summary>
    public string? HandoffServicer { get; set; }

    /// <summary>Which of <c>Welcome:Messages</c> greets a customer entering a session (the enter_session event has no text to detect it from).</summary>
    public string WelcomeLanguage { get; set; } = "zh";

    /// <summary>Messages per <c>kf/sync_msg</c> page (WeCom's maximum is 1000).</summary>
    public int SyncLimit { get; set; } = MaxSyncLimit;
}

internal sealed class WeComKfOptionsValidator : IValidateOptions<WeComKfOptions>
{
    public ValidateOptionsResult Validate(string? name, WeComKfOptions options)
    {
        List<string> failures = [];
        if (options.HandoffServicer is { Length: > 0 } servicer
            && (servicer.Length > 64 || !servicer.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@')))
        {
            failures.Add($"{WeComKfOptions.SectionName}:HandoffServicer must be a WeCom userid: at most 64 letters, digits, - _ . or @.");
        }

        if (options.WelcomeLanguage is not ("zh" or "en"))
        {
            failures.Add($"{WeComKfOptions.SectionName}:WelcomeLanguage must be zh or en (a key of Welcome:Messages).");
        }

        if (options.SyncLimit is < 1 or > WeComKfOptions.MaxSyncLimit)
        {
            failures.Add($"{WeComKfOptions.SectionName}:SyncLimit must be between 1 and {WeComKfOptions.MaxSyncLimit}.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
