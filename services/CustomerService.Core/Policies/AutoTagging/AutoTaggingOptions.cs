using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;

namespace CustomerService.Core.Policies.AutoTagging;

public sealed class AutoTaggingOptions
{
    public const string SectionName = "AutoTagging";

    /// <summary>The rules, in the JSON form knowledge managers write (snake_case keys).</summary>
    public List<AutoTagRule> Rules { get; set; } = [];
}

/// <summary>
/// One rule as knowledge managers write it:
/// <c>{"rule_name":"退货咨询用户","trigger_type":"message_keyword","keywords":["退货"],"action":"add_tag","tag_name":"售后咨询"}</c>.
/// The same names bind from configuration and from JSON, so a rule file can be pasted into either.
/// </summary>
public sealed class AutoTagRule
{
    public const string MessageKeyword = "message_keyword";
    public const string ChannelSource = "channel_source";
    public const string AddTag = "add_tag";

    [ConfigurationKeyName("rule_name"), JsonPropertyName("rule_name")]
    public string RuleName { get; set; } = "";

    /// <summary><see cref="MessageKeyword"/> or <see cref="ChannelSource"/>.</summary>
    [ConfigurationKeyName("trigger_type"), JsonPropertyName("trigger_type")]
    public string TriggerType { get; set; } = "";

    /// <summary>For <see cref="MessageKeyword"/>: any of these anywhere in a message (case and width ignored) fires the rule.</summary>
    [ConfigurationKeyName("keywords"), JsonPropertyName("keywords")]
    public List<string> Keywords { get; set; } = [];

    /// <summary><see cref="AddTag"/>, the only action so far.</summary>
    [ConfigurationKeyName("action"), JsonPropertyName("action")]
    public string Action { get; set; } = "";

    [ConfigurationKeyName("tag_name"), JsonPropertyName("tag_name")]
    public string TagName { get; set; } = "";

    /// <summary>For <see cref="ChannelSource"/>: what the channel code (活码) carries.</summary>
    [ConfigurationKeyName("params"), JsonPropertyName("params")]
    public AutoTagRuleParams Params { get; set; } = new();
}

public sealed class AutoTagRuleParams
{
    /// <summary>Tags a customer gets on arriving through the channel code.</summary>
    [ConfigurationKeyName("auto_tag"), JsonPropertyName("auto_tag")]
    public List<string> AutoTag { get; set; } = [];
}
