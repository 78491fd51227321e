using Microsoft.Extensions.Options;

namespace CustomerService.Core.Agent.IntentTickets;

/// <summary>
/// Answers that also need a person's follow-up: when the extractive agent answers one of these intents
/// (a missing or damaged item), it opens a ticket through the ticket plugin and tells the customer.
/// In LLM mode the model decides with the same plugin.
/// </summary>
public sealed class IntentTicketOptions
{
    public const string SectionName = "IntentTickets";

    public List<IntentTicketRule> Rules { get; set; } = [];

    /// <summary>The line added to the answer once the ticket is open, by language (<c>zh</c>, <c>en</c>).</summary>
    public Dictionary<string, string> Messages { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class IntentTicketRule
{
    public string Intent { get; set; } = "";

    public string Category { get; set; } = "";

    /// <summary>One of <c>low</c>, <c>normal</c>, <c>high</c>, <c>urgent</c>.</summary>
    public string Urgency { get; set; } = "normal";
}

internal sealed class IntentTicketOptionsValidator : IValidateOptions<IntentTicketOptions>
{
    private static readonly string[] Urgencies = ["low", "normal", "high", "urgent"];

    public ValidateOptionsResult Validate(string? name, IntentTicketOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            var key = $"{IntentTicketOptions.SectionName}:Rules:{i}";
            if (string.IsNullOrWhiteSpace(rule.Intent))
            {
                errors.Add($"{key}:Intent must be set.");
            }

            if (string.IsNullOrWhiteSpace(rule.Category) || rule.Category.Trim().Length > 32)
            {
                errors.Add($"{key}:Category must be 1 to 32 characters.");
            }

            if (!Urgencies.Contains(rule.Urgency, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{key}:Urgency must be one of {string.Join(", ", Urgencies)} (was '{rule.Urgency}').");
            }
        }

        if (options.Rules.Count > 0)
        {
            errors.AddRange(ReplyLanguage.Missing(options.Messages).Select(l => $"{IntentTicketOptions.SectionName}:Messages:{l} must be set."));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
