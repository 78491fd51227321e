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
/// One rule as knowledge managers write it, in one of three forms:
/// <c>{"rule_name":"退货咨询用户","trigger_type":"message_keyword","keywords":["退货"],"action":"add_tag","tag_name":"售后咨询"}</c>,
/// <c>{"rule_name":"门店12扫码","trigger_type":"channel_source","channel_code":"qr-store-12","match":{"activity":"双11"},"action":"add_tag","params":{"auto_tag":["门店12","线下客户"]}}</c>,
/// <c>{"rule_name":"点击优惠券","trigger_type":"behavior_event","event_type":"link_clicked","match":{"link":"coupon-1111"},"action":"add_tag","tag_name":"领券用户"}</c>.
/// The same names bind from configuration and from JSON, so a rule file can be pasted into either.
/// </summary>
public sealed class AutoTagRule
{
    public const string MessageKeyword = "message_keyword";
    public const string ChannelSource = "channel_source";
    public const string BehaviorEvent = "behavior_event";
    public const string AddTag = "add_tag";

    [ConfigurationKeyName("rule_name"), JsonPropertyName("rule_name")]
    public string RuleName { get; set; } = "";

    /// <summary><see cref="MessageKeyword"/>, <see cref="ChannelSource"/> or <see cref="BehaviorEvent"/>.</summary>
    [ConfigurationKeyName("trigger_type"), JsonPropertyName("trigger_type")]
    public string TriggerType { get; set; } = "";

    /// <summary>For <see cref="MessageKeyword"/>: any of these anywhere in a message (case and width ignored) fires the rule.</summary>
    [ConfigurationKeyName("keywords"), JsonPropertyName("keywords")]
    public List<string> Keywords { get; set; } = [];

    /// <summary><see cref="AddTag"/>, the only action so far.</summary>
    [ConfigurationKeyName("action"), JsonPropertyName("action")]
    public string Action { get; set; } = "";

    /// <summary>The tag <see cref="MessageKeyword"/> and <see cref="BehaviorEvent"/> rules add (channel codes list theirs in <see cref="Params"/>).</summary>
    [ConfigurationKeyName("tag_name"), JsonPropertyName("tag_name")]
    public string TagName { get; set; } = "";

    /// <summary>For <see cref="ChannelSource"/>: the channel code (活码) whose arrivals the rule tags, e.g. <c>qr-store-12</c>.</summary>
    [ConfigurationKeyName("channel_code"), JsonPropertyName("channel_code")]
    public string ChannelCode { get; set; } = "";

    /// <summary>For <see cref="BehaviorEvent"/>: the reported event's type, e.g. <c>link_clicked</c> or <c>campaign_joined</c>.</summary>
    [ConfigurationKeyName("event_type"), JsonPropertyName("event_type")]
    public string EventType { get; set; } = "";

    /// <summary>
    /// For <see cref="ChannelSource"/> (the code's params) and <see cref="BehaviorEvent"/> (the event's properties): values that
    /// must all be equal (exactly, after trimming) for the rule to fire; empty fires on every arrival or event.
    /// </summary>
    [ConfigurationKeyName("match"), JsonPropertyName("match")]
    public Dictionary<string, string> Match { get; set; } = [];

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
