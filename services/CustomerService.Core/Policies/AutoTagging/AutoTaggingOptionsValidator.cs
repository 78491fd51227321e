using CustomerService.Abstractions.Customers;
using Microsoft.Extensions.Options;

namespace CustomerService.Core.Policies.AutoTagging;

/// <summary>Names each problem by its settings key (<c>AutoTagging:Rules:2:trigger_type</c>) so a knowledge manager can find it.</summary>
internal sealed class AutoTaggingOptionsValidator : IValidateOptions<AutoTaggingOptions>
{
    private static readonly string[] TriggerTypes = [AutoTagRule.MessageKeyword, AutoTagRule.ChannelSource, AutoTagRule.BehaviorEvent];
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
                    ValidateChannelRule(errors, key, rule);
                    break;
                case AutoTagRule.BehaviorEvent:
                    ValidateBehaviorRule(errors, key, rule);
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
        RequireTagName(errors, key, rule);
        ValidateEach(errors, $"{key}:keywords", rule.Keywords);
        // A field of another trigger type is a rule written for one and labelled as another: say so rather than ignore it.
        NotUsed(errors, key, rule, keywords: false, channelCode: true, eventType: true, match: true, autoTag: true);
    }

    private static void ValidateChannelRule(List<string> errors, string key, AutoTagRule rule)
    {
        if (string.IsNullOrWhiteSpace(rule.ChannelCode))
        {
            errors.Add($"{key}:channel_code must be set for a channel_source rule.");
        }
        else if (ChannelSource.Validate(rule.ChannelCode, null).Count > 0)
        {
            errors.Add($"{key}:channel_code '{rule.ChannelCode}' must be at most {ChannelSource.MaxCodeLength} characters of letters, digits and - _ . : @.");
        }

        ValidateEach(errors, $"{key}:params:auto_tag", rule.Params.AutoTag);
        ValidateMatch(errors, key, rule);
        if (!string.IsNullOrWhiteSpace(rule.TagName))
        {
            errors.Add($"{key}:tag_name is not used by a channel_source rule; list its tags under params:auto_tag.");
        }

        NotUsed(errors, key, rule, keywords: true, channelCode: false, eventType: true, match: false, autoTag: false);
    }

    private static void ValidateBehaviorRule(List<string> errors, string key, AutoTagRule rule)
    {
        if (string.IsNullOrWhiteSpace(rule.EventType))
        {
            errors.Add($"{key}:event_type must be set for a behavior_event rule (e.g. link_clicked or campaign_joined).");
        }

        RequireTagName(errors, key, rule);
        ValidateMatch(errors, key, rule);
        NotUsed(errors, key, rule, keywords: true, channelCode: true, eventType: false, match: false, autoTag: true);
    }

    private static void RequireTagName(List<string> errors, string key, AutoTagRule rule)
    {
        if (string.IsNullOrWhiteSpace(rule.TagName))
        {
            errors.Add($"{key}:tag_name must be set.");
        }
    }

    private static void ValidateMatch(List<string> errors, string key, AutoTagRule rule)
    {
        foreach (var (name, value) in rule.Match)
        {
            // An empty value could never match a validated param or property: the rule would silently never fire.
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{key}:match:{name} must not be empty.");
            }
        }
    }

    private static void NotUsed(List<string> errors, string key, AutoTagRule rule, bool keywords, bool channelCode, bool eventType, bool match, bool autoTag)
    {
        var type = rule.TriggerType;
        if (keywords && rule.Keywords.Count > 0) errors.Add($"{key}:keywords is only for message_keyword rules, not {type}.");
        if (channelCode && !string.IsNullOrWhiteSpace(rule.ChannelCode)) errors.Add($"{key}:channel_code is only for channel_source rules, not {type}.");
        if (eventType && !string.IsNullOrWhiteSpace(rule.EventType)) errors.Add($"{key}:event_type is only for behavior_event rules, not {type}.");
        if (match && rule.Match.Count > 0) errors.Add($"{key}:match is only for channel_source and behavior_event rules, not {type}.");
        if (autoTag && rule.Params.AutoTag.Count > 0) errors.Add($"{key}:params:auto_tag is only for channel_source rules, not {type}; set tag_name.");
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
