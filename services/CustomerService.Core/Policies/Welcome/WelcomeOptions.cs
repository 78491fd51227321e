using CustomerService.Core.Agent;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Policies.Welcome;

public sealed class WelcomeOptions
{
    public const string SectionName = "Welcome";

    /// <summary>The welcome, by language (<c>zh</c>, <c>en</c>); a configured language replaces the default one.</summary>
    public Dictionary<string, string> Messages { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh"] = "您好，欢迎咨询！我是智能客服，请问有什么可以帮您？",
        ["en"] = "Hello and welcome! I'm the virtual assistant. How can I help you?",
    };

    /// <summary>A customer is welcomed at most once in this time on each channel.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(48);

    /// <summary>
    /// Channels that get the welcome; empty means every channel. The web chat widget greets on its own
    /// page, so a deployment usually lists only the messaging channels (wecom, dingtalk).
    /// </summary>
    public List<string> Channels { get; set; } = [];
}

internal sealed class WelcomeOptionsValidator : IValidateOptions<WelcomeOptions>
{
    public ValidateOptionsResult Validate(string? name, WelcomeOptions options)
    {
        List<string> errors = [.. ReplyLanguage.Missing(options.Messages).Select(l => $"Welcome:Messages:{l} must be set.")];
        if (options.Interval <= TimeSpan.Zero)
        {
            errors.Add($"Welcome:Interval must be positive (it is {options.Interval}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
