using CustomerService.Abstractions.Tickets;
using CustomerService.Core.Agent;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Tickets;

/// <summary>
/// Turns that also need a person's follow-up: an answered intent (a missing or damaged item) or a hand-off
/// reason (an upset customer) opens a ticket through the ticket plugin, and the reply says so.
/// </summary>
public sealed class TicketRuleOptions
{
    public const string SectionName = "Tickets";

    public List<TicketRule> Rules { get; set; } = [];

    /// <summary>The line added to the reply once the ticket is open, by language; <c>{category}</c> is replaced.</summary>
    public Dictionary<string, string> Messages { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The rule a hand-off for this reason opens a ticket by, if any.</summary>
    public TicketRule? ForHandoff(string? reason) =>
        reason is null ? null : Rules.FirstOrDefault(r => string.Equals(r.HandoffReason, reason, StringComparison.Ordinal));
}

/// <summary>Exactly one of <see cref="Intent"/> and <see cref="HandoffReason"/> says when the rule applies.</summary>
public sealed class TicketRule
{
    /// <summary>An answer on this intent. Only without a model: with one, the model decides about tickets itself.</summary>
    public string? Intent { get; set; }

    /// <summary>A hand-off for this reason, e.g. <c>negative_sentiment</c>.</summary>
    public string? HandoffReason { get; set; }

    public string Category { get; set; } = "";

    /// <summary>One of <c>low</c>, <c>normal</c>, <c>high</c>, <c>urgent</c>.</summary>
    public string Urgency { get; set; } = "normal";
}

internal sealed class TicketRuleOptionsValidator : IValidateOptions<TicketRuleOptions>
{
    // The ticket plugin's urgency names, as the rules write them.
    private static readonly string[] Urgencies = [.. Enum.GetNames<TicketUrgency>().Select(n => n.ToLowerInvariant())];

    public ValidateOptionsResult Validate(string? name, TicketRuleOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            var key = $"{TicketRuleOptions.SectionName}:Rules:{i}";
            if (string.IsNullOrWhiteSpace(rule.Intent) == string.IsNullOrWhiteSpace(rule.HandoffReason))
            {
                errors.Add($"{key} must set exactly one of Intent and HandoffReason.");
            }

            if (string.IsNullOrWhiteSpace(rule.Category) || rule.Category.Trim().Length > Ticket.MaxCategoryLength)
            {
                errors.Add($"{key}:Category must be 1 to {Ticket.MaxCategoryLength} characters.");
            }

            if (!Urgencies.Contains(rule.Urgency, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{key}:Urgency must be one of {string.Join(", ", Urgencies)} (was '{rule.Urgency}').");
            }
        }

        if (options.Rules.Count > 0)
        {
            errors.AddRange(ReplyLanguage.Missing(options.Messages).Select(l => $"{TicketRuleOptions.SectionName}:Messages:{l} must be set."));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
