using System.Text.Json;
using CustomerService.Abstractions.Customers;
using CustomerService.Core.Policies.AutoTagging;
using CustomerService.UnitTests.Conversations;
using Microsoft.Extensions.Options;
using static CustomerService.UnitTests.Policies.PolicyTurns;

namespace CustomerService.UnitTests.Policies;

/// <summary>channel_source and behavior_event rules: which arrivals and events they tag, and how start-up refuses bad ones.</summary>
public sealed class AutoTagRuleMatchingTests
{
    private static readonly AutoTagRule Store12 = Json("""
        {"rule_name":"门店12扫码","trigger_type":"channel_source","channel_code":"qr-store-12","action":"add_tag","params":{"auto_tag":["门店12","线下客户"]}}
        """);

    private static readonly AutoTagRule Store12DoubleEleven = Json("""
        {"rule_name":"门店12双11","trigger_type":"channel_source","channel_code":"qr-store-12","match":{"activity":"双11"},"action":"add_tag","params":{"auto_tag":["双11到店","线下客户"]}}
        """);

    private static readonly AutoTagRule Coupon = Json("""
        {"rule_name":"点击优惠券","trigger_type":"behavior_event","event_type":"link_clicked","match":{"link":"coupon-1111"},"action":"add_tag","tag_name":"领券用户"}
        """);

    private static readonly AutoTagRule AnyCampaign = Json("""
        {"rule_name":"参加活动","trigger_type":"behavior_event","event_type":"campaign_joined","action":"add_tag","tag_name":"活动用户"}
        """);

    private static AutoTagRule Json(string json) => JsonSerializer.Deserialize<AutoTagRule>(json)!;

    private static AutoTagRules Rules(params AutoTagRule[] rules) =>
        new(new StaticOptionsMonitor<AutoTaggingOptions>(new AutoTaggingOptions { Rules = [.. rules] }));

    private static ChannelSource Source(string code, params (string Name, string Value)[] parameters) =>
        ChannelSource.From(code, parameters.ToDictionary(p => p.Name, p => (string?)p.Value));

    private static Dictionary<string, string> Properties(params (string Name, string Value)[] properties) =>
        properties.ToDictionary(p => p.Name, p => p.Value);

    [Fact]
    public void A_channel_code_gives_every_auto_tag_of_its_rules_with_the_channel_as_source()
    {
        var tags = Rules(Store12, Coupon).ForArrival(Source("qr-store-12", ("store_id", "12")));

        Assert.Equal([new RuleTag("门店12", "channel:qr-store-12"), new RuleTag("线下客户", "channel:qr-store-12")], tags);
    }

    [Fact]
    public void A_rule_with_match_needs_every_param_value_and_a_tag_two_rules_give_comes_once()
    {
        var rules = Rules(Store12, Store12DoubleEleven);

        Assert.Equal(["门店12", "线下客户", "双11到店"], rules.ForArrival(Source("qr-store-12", ("activity", "双11"), ("store_id", "12"))).Select(t => t.Tag));
        Assert.Equal(["门店12", "线下客户"], rules.ForArrival(Source("qr-store-12", ("activity", "618"))).Select(t => t.Tag));
        Assert.Equal(["门店12", "线下客户"], rules.ForArrival(Source("qr-store-12")).Select(t => t.Tag));
    }

    [Fact]
    public void Another_code_or_a_code_in_other_case_tags_nothing()
    {
        var rules = Rules(Store12, Store12DoubleEleven);

        Assert.Empty(rules.ForArrival(Source("qr-store-13", ("activity", "双11"))));
        Assert.Empty(rules.ForArrival(Source("QR-STORE-12")));
    }

    [Fact]
    public void A_behaviour_event_matches_its_type_and_properties()
    {
        var rules = Rules(Coupon, AnyCampaign, Store12);

        Assert.Equal([new RuleTag("领券用户", "event:link_clicked")], rules.ForEvent("link_clicked", Properties(("link", "coupon-1111"), ("page", "/home"))));
        Assert.Empty(rules.ForEvent("link_clicked", Properties(("link", "coupon-618"))));
        Assert.Empty(rules.ForEvent("link_clicked", Properties()));
        Assert.Empty(rules.ForEvent("campaign_left", Properties(("link", "coupon-1111"))));
        Assert.Equal([new RuleTag("活动用户", "event:campaign_joined")], rules.ForEvent("campaign_joined", Properties(("campaign", "any"))));
        // A channel code is no event: a code-named event type finds no channel_source rule.
        Assert.Empty(rules.ForEvent("qr-store-12", Properties()));
    }

    [Fact]
    public void A_reload_brings_the_new_rules()
    {
        var monitor = new ReloadingMonitor { CurrentValue = new AutoTaggingOptions { Rules = [Coupon] } };
        var rules = new AutoTagRules(monitor);
        Assert.Single(rules.ForEvent("link_clicked", Properties(("link", "coupon-1111"))));

        monitor.CurrentValue = new AutoTaggingOptions { Rules = [AnyCampaign] };

        Assert.Empty(rules.ForEvent("link_clicked", Properties(("link", "coupon-1111"))));
        Assert.Single(rules.ForEvent("campaign_joined", Properties()));
    }

    [Fact]
    public void Channel_and_behaviour_rules_bind_from_settings()
    {
        var options = Options<AutoTaggingOptions>(new()
        {
            ["AutoTagging:Rules:0:rule_name"] = "门店12扫码",
            ["AutoTagging:Rules:0:trigger_type"] = "channel_source",
            ["AutoTagging:Rules:0:channel_code"] = "qr-store-12",
            ["AutoTagging:Rules:0:match:activity"] = "双11",
            ["AutoTagging:Rules:0:action"] = "add_tag",
            ["AutoTagging:Rules:0:params:auto_tag:0"] = "门店12",
            ["AutoTagging:Rules:0:params:auto_tag:1"] = "线下客户",
            ["AutoTagging:Rules:1:rule_name"] = "点击优惠券",
            ["AutoTagging:Rules:1:trigger_type"] = "behavior_event",
            ["AutoTagging:Rules:1:event_type"] = "link_clicked",
            ["AutoTagging:Rules:1:match:link"] = "coupon-1111",
            ["AutoTagging:Rules:1:action"] = "add_tag",
            ["AutoTagging:Rules:1:tag_name"] = "领券用户",
        });

        var rules = Rules([.. options.Rules]);
        Assert.Equal(["门店12", "线下客户"], rules.ForArrival(Source("qr-store-12", ("activity", "双11"))).Select(t => t.Tag));
        Assert.Empty(rules.ForArrival(Source("qr-store-12", ("activity", "618"))));
        Assert.Equal(["领券用户"], rules.ForEvent("link_clicked", Properties(("link", "coupon-1111"))).Select(t => t.Tag));
    }

    [Fact]
    public void Validation_names_the_missing_or_misplaced_key_of_each_trigger_type()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Options<AutoTaggingOptions>(new()
        {
            ["AutoTagging:Rules:0:rule_name"] = "ok",
            ["AutoTagging:Rules:0:trigger_type"] = "channel_source",
            ["AutoTagging:Rules:0:channel_code"] = "qr-store-12",
            ["AutoTagging:Rules:0:action"] = "add_tag",
            ["AutoTagging:Rules:0:params:auto_tag:0"] = "门店12",
            ["AutoTagging:Rules:1:rule_name"] = "no code",
            ["AutoTagging:Rules:1:trigger_type"] = "channel_source",
            ["AutoTagging:Rules:1:action"] = "add_tag",
            ["AutoTagging:Rules:1:tag_name"] = "门店12",
            ["AutoTagging:Rules:2:rule_name"] = "no event type",
            ["AutoTagging:Rules:2:trigger_type"] = "behavior_event",
            ["AutoTagging:Rules:2:action"] = "add_tag",
            ["AutoTagging:Rules:2:keywords:0"] = "券",
            ["AutoTagging:Rules:2:match:link"] = " ",
            ["AutoTagging:Rules:3:rule_name"] = "bad code",
            ["AutoTagging:Rules:3:trigger_type"] = "channel_source",
            ["AutoTagging:Rules:3:channel_code"] = "门店 12",
            ["AutoTagging:Rules:3:event_type"] = "link_clicked",
            ["AutoTagging:Rules:3:action"] = "add_tag",
            ["AutoTagging:Rules:3:params:auto_tag:0"] = "门店12",
        }));

        Assert.Equal(
        [
            "AutoTagging:Rules:1:channel_code must be set for a channel_source rule.",
            "AutoTagging:Rules:1:params:auto_tag must list at least one entry.",
            "AutoTagging:Rules:1:tag_name is not used by a channel_source rule; list its tags under params:auto_tag.",
            "AutoTagging:Rules:2:event_type must be set for a behavior_event rule (e.g. link_clicked or campaign_joined).",
            "AutoTagging:Rules:2:tag_name must be set.",
            "AutoTagging:Rules:2:match:link must not be empty.",
            "AutoTagging:Rules:2:keywords is only for message_keyword rules, not behavior_event.",
            "AutoTagging:Rules:3:channel_code '门店 12' must be at most 64 characters of letters, digits and - _ . : @.",
            "AutoTagging:Rules:3:event_type is only for behavior_event rules, not channel_source.",
        ], ex.Failures);
    }

    private sealed class ReloadingMonitor : IOptionsMonitor<AutoTaggingOptions>
    {
        public required AutoTaggingOptions CurrentValue { get; set; }

        public AutoTaggingOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<AutoTaggingOptions, string?> listener) => null;
    }
}
