using Microsoft.Extensions.Options;

namespace CustomerService.Core.Policies.AutoTagging;

/// <summary>Names each problem by its settings key (<c>AutoTagging:Rules:2:trigger_type</c>) so a knowledge manager can find it.</summary>
internal sealed class AutoTaggingOptionsValidator : IValidateOptions<AutoTaggingOptions>
{
    private static readonly string[] TriggerTypes = [AutoTagRule.MessageKeyword, AutoTagRule.ChannelSource];
    private static readonly string[] Actions = [AutoTagRule.AddTag];

    public ValidateOptionsResult Validate(string? name, AutoTaggingOptions options)
    {
        List<string> errors = [];
        HashSet<string> names = new(StringComparer.Ordinal);
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            var key = $"{AutoTaggingOptions.SectionName}:Rules:{i}";
            if (string.IsNullOrWhiteSpace(rule.RuleName))
            {
                errors.Add($"{key}:rule_name must be set.");
            }
            else if (!names.Add(rule.RuleName))
            {
                // The name is the tag's source (rule:<name>): two rules with one name could not be told apart.
                errors.Add($"{key}:rule_name '{rule.RuleName}' is used by an earlier rule; rule names must be unique.");
            }

            if (!Actions.Contains(rule.Action, StringComparer.Ordinal))
            {
                errors.Add($"{key}:action '{rule.Action}' is not supported; use one of: {string.Join(", ", Actions)}.");
            }

            switch (rule.TriggerType)
            {
                case AutoTagRule.MessageKeyword:
                    ValidateKeywordRule(errors, key, rule);
                    break;
                case AutoTagRule.ChannelSource:
                    ValidateEach(errors, $"{key}:params:auto_tag", rule.Params.AutoTag);
                    break;
                default:
                    errors.Add($"{key}:trigger_type '{rule.TriggerType}' is not supported; use one of: {string.Join(", ", TriggerTypes)}.");
                    break;
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateKeywordRule(List<string> errors, string key, AutoTagRule rule)
    {
        if (string.IsNullOrWhiteSpace(rule.TagName))
        {
            errors.Add($"{key}:tag_name must be set.");
        }

        ValidateEach(errors, $"{key}:keywords", rule.Keywords);
    }

    private static void ValidateEach(List<string> errors, string key, List<string> values)
    {
        if (values.Count == 0)
        {
            errors.Add($"{key} must list at least one entry.");
        }

        for (var i = 0; i < values.Count; i++)
        {
            // A keyword that folds to nothing would match every message and tag every customer.
            if (string.IsNullOrWhiteSpace(values[i]) || FoldedText.Fold(values[i].Trim()).Length == 0)
            {
                errors.Add($"{key}:{i} must not be empty.");
            }
        }
    }
}
