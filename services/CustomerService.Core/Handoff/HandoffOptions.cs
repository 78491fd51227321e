using CustomerService.Core.Agent;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Handoff;

public sealed class HandoffOptions
{
    public const string SectionName = "Handoff";

    /// <summary>Phrases with which a customer asks for a person, anywhere in a message (case and spaces ignored).</summary>
    public List<string> RequestPhrases { get; set; } = [];

    /// <summary>
    /// Words that ask for a person only as the whole message: "人工" alone is a request, while inside
    /// "人工智能" it is not.
    /// </summary>
    public List<string> RequestMessages { get; set; } = [];

    /// <summary>The reply to such a request, by language (<c>zh</c>, <c>en</c>).</summary>
    public Dictionary<string, string> RequestedMessages { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

internal sealed class HandoffOptionsValidator : IValidateOptions<HandoffOptions>
{
    public ValidateOptionsResult Validate(string? name, HandoffOptions options)
    {
        List<string> errors = [.. ReplyLanguage.Missing(options.RequestedMessages).Select(l => $"Handoff:RequestedMessages:{l} must be set.")];
        for (var i = 0; i < options.RequestPhrases.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.RequestPhrases[i])) errors.Add($"Handoff:RequestPhrases:{i} must not be empty.");
        }

        for (var i = 0; i < options.RequestMessages.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.RequestMessages[i])) errors.Add($"Handoff:RequestMessages:{i} must not be empty.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
