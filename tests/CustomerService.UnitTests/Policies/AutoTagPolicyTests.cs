using CustomerService.Abstractions.Customers;
using CustomerService.Conformance;
using CustomerService.Core.Policies.AutoTagging;
using CustomerService.UnitTests.Conversations;
using CustomerService.UnitTests.Embedded;
using CustomerService.UnitTests.Plugins;
using Microsoft.Extensions.Options;
using static CustomerService.UnitTests.Policies.PolicyTurns;

namespace CustomerService.UnitTests.Policies;

public sealed class AutoTagPolicyTests : IAsyncLifetime
{
    private static readonly AutoTagRule Returns = new()
    {
        RuleName = "退货咨询用户", TriggerType = "message_keyword", Keywords = ["退货", "退款", "换货"], Action = "add_tag", TagName = "售后咨询",
    };

    private readonly RecordingEventBus _bus = new();
    private IPortHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await EmbeddedHarness.StartAsync(_ => { });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private AutoTagPolicy Policy(params AutoTagRule[] rules) =>
        new(new AutoTagRules(new StaticOptionsMonitor<AutoTaggingOptions>(new AutoTaggingOptions { Rules = [.. rules] })),
            new AutoTagger(_harness.Get<ICustomerTags>(), _bus, _harness.Time));

    [Fact]
    public async Task A_keyword_adds_the_tag_once_and_publishes_TagAdded_once()
    {
        var policy = Policy(Returns);

        Assert.Null(await policy.EvaluateAsync(Turn("我想退货"), CancellationToken.None));
        Assert.Null(await policy.EvaluateAsync(Turn("退款什么时候到？换货也行"), CancellationToken.None));

        var tag = Assert.Single(await _harness.Get<ICustomerTags>().ListAsync("cust-1"));
        Assert.Equal(("售后咨询", "rule:退货咨询用户"), (tag.Tag, tag.Source));
        var added = Assert.Single(_bus.Of<TagAdded>());
        Assert.Equal(("cust-1", "售后咨询", "rule:退货咨询用户"), (added.CustomerId, added.Tag, added.Source));
        Assert.Equal(_harness.Time.GetUtcNow(), added.OccurredAt);
    }

    [Fact]
    public async Task No_keyword_no_tag_and_the_customer_comes_from_the_turn()
    {
        var policy = Policy(Returns);

        await policy.EvaluateAsync(Turn("你们几点下班"), CancellationToken.None);
        await policy.EvaluateAsync(Turn("ＲＥＴＵＲＮ退货", customerId: "cust-2"), CancellationToken.None);

        Assert.Empty(await _harness.Get<ICustomerTags>().ListAsync("cust-1"));
        Assert.Equal("cust-2", Assert.Single(_bus.Of<TagAdded>()).CustomerId);
    }

    [Fact]
    public void Rules_bind_from_the_knowledge_managers_snake_case_form()
    {
        var options = Options<AutoTaggingOptions>(new()
        {
            ["AutoTagging:Rules:0:rule_name"] = "退货咨询用户",
            ["AutoTagging:Rules:0:trigger_type"] = "message_keyword",
            ["AutoTagging:Rules:0:keywords:0"] = "退货",
            ["AutoTagging:Rules:0:keywords:1"] = "退款",
            ["AutoTagging:Rules:0:action"] = "add_tag",
            ["AutoTagging:Rules:0:tag_name"] = "售后咨询",
        });

        var rule = Assert.Single(options.Rules);
        Assert.Equal(("退货咨询用户", "message_keyword", "add_tag", "售后咨询"), (rule.RuleName, rule.TriggerType, rule.Action, rule.TagName));
        Assert.Equal(["退货", "退款"], rule.Keywords);
    }

    [Fact]
    public void Rules_parse_from_the_json_knowledge_managers_write()
    {
        var rule = System.Text.Json.JsonSerializer.Deserialize<AutoTagRule>(
            """{"rule_name":"退货咨询用户","trigger_type":"message_keyword","keywords":["退货","退款","换货"],"action":"add_tag","tag_name":"售后咨询"}""")!;

        Assert.Equal(("退货咨询用户", 3, "售后咨询"), (rule.RuleName, rule.Keywords.Count, rule.TagName));
    }

    [Fact]
    public void Validation_names_the_rule_index_and_the_field()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Options<AutoTaggingOptions>(new()
        {
            ["AutoTagging:Rules:0:rule_name"] = "ok",
            ["AutoTagging:Rules:0:trigger_type"] = "message_keyword",
            ["AutoTagging:Rules:0:keywords:0"] = "退货",
            ["AutoTagging:Rules:0:action"] = "add_tag",
            ["AutoTagging:Rules:0:tag_name"] = "售后咨询",
            ["AutoTagging:Rules:1:rule_name"] = "bad",
            ["AutoTagging:Rules:1:trigger_type"] = "clicked_link",
            ["AutoTagging:Rules:1:action"] = "send_coupon",
            ["AutoTagging:Rules:2:rule_name"] = "ok",
            ["AutoTagging:Rules:2:trigger_type"] = "message_keyword",
            ["AutoTagging:Rules:2:action"] = "add_tag",
        }));

        Assert.Contains("AutoTagging:Rules:1:trigger_type 'clicked_link' is not supported; use one of: message_keyword, channel_source, behavior_event.", ex.Failures);
        Assert.Contains("AutoTagging:Rules:1:action 'send_coupon' is not supported; use one of: add_tag.", ex.Failures);
        Assert.Contains("AutoTagging:Rules:2:rule_name 'ok' is used by an earlier rule; rule names must be unique.", ex.Failures);
        Assert.Contains("AutoTagging:Rules:2:tag_name must be set.", ex.Failures);
        Assert.Contains("AutoTagging:Rules:2:keywords must list at least one entry.", ex.Failures);
        Assert.DoesNotContain(ex.Failures, f => f.StartsWith("AutoTagging:Rules:0", StringComparison.Ordinal));
    }
}
