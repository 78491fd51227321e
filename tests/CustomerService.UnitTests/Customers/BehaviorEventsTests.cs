using CustomerService.Abstractions.Customers;
using CustomerService.Conformance;
using CustomerService.Core.Customers.Behavior;
using CustomerService.Core.Policies.AutoTagging;
using CustomerService.UnitTests.Conversations;
using CustomerService.UnitTests.Embedded;
using CustomerService.UnitTests.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerService.UnitTests.Customers;

/// <summary>Reported behaviour events: the rule's tag, the bus event, and once per event id.</summary>
public sealed class BehaviorEventsTests : IAsyncLifetime
{
    private static readonly AutoTagRule Coupon = new()
    {
        RuleName = "点击优惠券", TriggerType = "behavior_event", EventType = "link_clicked", Match = new() { ["link"] = "coupon-1111" },
        Action = "add_tag", TagName = "领券用户",
    };

    private readonly RecordingEventBus _bus = new();
    private IPortHarness _harness = null!;
    private BehaviorEvents _events = null!;

    public async Task InitializeAsync()
    {
        _harness = await EmbeddedHarness.StartAsync(_ => { });
        _events = new BehaviorEvents(_harness.Get<CustomerService.Abstractions.State.IStateStore>(), _harness.Get<ICustomerDirectory>(),
            new AutoTagRules(new StaticOptionsMonitor<AutoTaggingOptions>(new AutoTaggingOptions { Rules = [Coupon] })),
            new AutoTagger(_harness.Get<ICustomerTags>(), _bus, _harness.Time), _bus, _harness.Time, NullLogger<BehaviorEvents>.Instance);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static Dictionary<string, string> Link(string link) => new() { ["link"] = link };

    [Fact]
    public async Task A_matching_event_tags_and_is_published_and_its_retry_does_neither_again()
    {
        var happened = _harness.Time.GetUtcNow().AddMinutes(-3);

        var first = await _events.RecordAsync("cus-1", "mall:evt-1", "link_clicked", Link("coupon-1111"), happened, CancellationToken.None);
        var retry = await _events.RecordAsync("cus-1", "mall:evt-1", "link_clicked", Link("coupon-1111"), null, CancellationToken.None);

        Assert.Equal(BehaviorOutcome.Recorded, first.Outcome);
        Assert.Equal(["领券用户"], first.TagsAdded);
        Assert.Equal((BehaviorOutcome.Duplicate, 0), (retry.Outcome, retry.TagsAdded.Count));
        var tag = Assert.Single(await _harness.Get<ICustomerTags>().ListAsync("cus-1"));
        Assert.Equal(("领券用户", "event:link_clicked"), (tag.Tag, tag.Source));
        Assert.Single(_bus.Of<TagAdded>());
        var recorded = Assert.Single(_bus.Of<CustomerBehaviorRecorded>());
        Assert.Equal(("cus-1", "mall:evt-1", "link_clicked", "coupon-1111", happened),
            (recorded.CustomerId, recorded.EventId, recorded.Type, recorded.Properties["link"], recorded.HappenedAt));
        Assert.Equal(BehaviorEvents.EventIdOf("mall:evt-1"), recorded.Id);
    }

    [Fact]
    public async Task An_event_no_rule_matches_is_still_published_but_tags_nothing()
    {
        var result = await _events.RecordAsync("cus-1", "mall:evt-2", "link_clicked", Link("coupon-618"), null, CancellationToken.None);

        Assert.Equal((BehaviorOutcome.Recorded, 0), (result.Outcome, result.TagsAdded.Count));
        Assert.Empty(await _harness.Get<ICustomerTags>().ListAsync("cus-1"));
        Assert.Empty(_bus.Of<TagAdded>());
        Assert.Equal(_harness.Time.GetUtcNow(), Assert.Single(_bus.Of<CustomerBehaviorRecorded>()).HappenedAt);
    }

    [Fact]
    public async Task An_event_id_reused_for_another_event_or_customer_is_a_conflict()
    {
        await _events.RecordAsync("cus-1", "mall:evt-3", "link_clicked", Link("coupon-618"), null, CancellationToken.None);

        var otherLink = await _events.RecordAsync("cus-1", "mall:evt-3", "link_clicked", Link("coupon-1111"), null, CancellationToken.None);
        var otherCustomer = await _events.RecordAsync("cus-2", "mall:evt-3", "link_clicked", Link("coupon-618"), null, CancellationToken.None);

        Assert.Equal((BehaviorOutcome.Conflict, BehaviorOutcome.Conflict), (otherLink.Outcome, otherCustomer.Outcome));
        Assert.Empty(await _harness.Get<ICustomerTags>().ListAsync("cus-1"));
        Assert.Single(_bus.Of<CustomerBehaviorRecorded>());
    }

    [Fact]
    public void Bus_event_ids_are_stable_per_report_and_differ_between_reports()
    {
        Assert.Equal(BehaviorEvents.EventIdOf("mall:evt-1"), BehaviorEvents.EventIdOf("mall:evt-1"));
        Assert.NotEqual(BehaviorEvents.EventIdOf("mall:evt-1"), BehaviorEvents.EventIdOf("mall:evt-2"));
        Assert.Equal(8, BehaviorEvents.EventIdOf("mall:evt-1").Version);
    }
}
