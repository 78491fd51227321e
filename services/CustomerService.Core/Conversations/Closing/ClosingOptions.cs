using CustomerService.Core.Agent;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Conversations.Closing;

public sealed class ClosingOptions
{
    public const string SectionName = "Closing";

    /// <summary>Whole messages with which a customer signs off (case, width, spaces and punctuation ignored).</summary>
    public List<string> Phrases { get; set; } = [];

    /// <summary>The goodbye, by language (<c>zh</c>, <c>en</c>).</summary>
    public Dictionary<string, string> Messages { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

internal sealed class ClosingOptionsValidator : IValidateOptions<ClosingOptions>
{
    public ValidateOptionsResult Validate(string? name, ClosingOptions options)
    {
        List<string> errors = [.. ReplyLanguage.Missing(options.Messages).Select(l => $"Closing:Messages:{l} must be set.")];
        for (var i = 0; i < options.Phrases.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Phrases[i])) errors.Add($"Closing:Phrases:{i} must not be empty.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
