using CustomerService.Abstractions.Customers;
using CustomerService.Conformance;
using CustomerService.Core.Customers;
using CustomerService.Core.Policies.AutoTagging;
using CustomerService.UnitTests.Conversations;
using CustomerService.UnitTests.Embedded;
using CustomerService.UnitTests.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerService.UnitTests.Customers;

/// <summary>Arrivals through a channel code (活码): recorded per OneID, first touch kept, tagged once.</summary>
public sealed class ChannelArrivalsTests : IAsyncLifetime
{
    private static readonly AutoTagRule Store12 = new()
    {
        RuleName = "门店12扫码", TriggerType = "channel_source", ChannelCode = "qr-store-12", Action = "add_tag",
        Params = new AutoTagRuleParams { AutoTag = ["门店12", "线下客户"] },
    };

    private readonly RecordingEventBus _bus = new();
    private IPortHarness _harness = null!;
    private ChannelArrivals _arrivals = null!;

    public async Task InitializeAsync()
    {
        _harness = await EmbeddedHarness.StartAsync(_ => { });
        _arrivals = new ChannelArrivals(_harness.Get<ICustomerSources>(),
            new AutoTagRules(new StaticOptionsMonitor<AutoTaggingOptions>(new AutoTaggingOptions { Rules = [Store12] })),
            new AutoTagger(_harness.Get<ICustomerTags>(), _bus, _harness.Time), NullLogger<ChannelArrivals>.Instance);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static ChannelSource Source(string code, string? activity = null) =>
        ChannelSource.From(code, activity is null ? null : new Dictionary<string, string?> { ["activity"] = activity, ["store_id"] = "12" });

    [Fact]
    public async Task The_first_arrival_tags_once_and_a_repeat_changes_nothing()
    {
        await _arrivals.RecordAsync("cus-1", "webchat", Source("qr-store-12", "双11"), CancellationToken.None);
        await _arrivals.RecordAsync("cus-1", "webchat", Source("qr-store-12", "双11"), CancellationToken.None);

        Assert.Equal([("线下客户", "channel:qr-store-12"), ("门店12", "channel:qr-store-12")],
            (await _harness.Get<ICustomerTags>().ListAsync("cus-1")).Select(t => (t.Tag, t.Source)).Order());
        Assert.Equal(["门店12", "线下客户"], _bus.Of<TagAdded>().Select(e => e.Tag));
        var source = Assert.Single(await _harness.Get<ICustomerSources>().ListAsync("cus-1"));
        Assert.Equal(("webchat", "qr-store-12", "双11", "12"), (source.Channel, source.Code, source.Params["activity"], source.Params["store_id"]));
        Assert.Equal(_harness.Time.GetUtcNow(), source.FirstSeenAt);
    }

    [Fact]
    public async Task A_tag_staff_removed_does_not_come_back_with_the_next_message_from_the_same_code()
    {
        await _arrivals.RecordAsync("cus-1", "webchat", Source("qr-store-12"), CancellationToken.None);
        await _harness.Get<ICustomerTags>().RemoveAsync("cus-1", "线下客户");

        await _arrivals.RecordAsync("cus-1", "webchat", Source("qr-store-12"), CancellationToken.None);

        Assert.Equal(["门店12"], (await _harness.Get<ICustomerTags>().ListAsync("cus-1")).Select(t => t.Tag));
        Assert.Equal(2, _bus.Of<TagAdded>().Count);
    }

    [Fact]
    public async Task Every_code_is_kept_and_the_first_is_the_first_touch_even_after_a_merge()
    {
        var directory = _harness.Get<ICustomerDirectory>();
        var older = (await directory.ResolveAsync(new ChannelAccount("webchat", "a"), null)).Profile.Id;
        await _harness.AdvanceAsync(TimeSpan.FromSeconds(1));
        var newer = (await directory.ResolveAsync(new ChannelAccount("wecom", "b"), null)).Profile.Id;
        await _arrivals.RecordAsync(newer, "wecom", Source("wecom-staff-7"), CancellationToken.None);   // the first touch, on the newer profile
        await _harness.AdvanceAsync(TimeSpan.FromSeconds(1));
        await _arrivals.RecordAsync(older, "webchat", Source("qr-store-12"), CancellationToken.None);
        await _harness.AdvanceAsync(TimeSpan.FromSeconds(1));
        await _arrivals.RecordAsync(newer, "wecom", Source("qr-store-12"), CancellationToken.None);      // later than older's

        await directory.ResolveAsync(new ChannelAccount("webchat", "a"), new VerifiedIdentity(Phone: "+8613800138000"));
        await directory.ResolveAsync(new ChannelAccount("wecom", "b"), new VerifiedIdentity(Phone: "+8613800138000"));

        var sources = await _harness.Get<ICustomerSources>().ListAsync(older);
        Assert.Equal([("wecom", "wecom-staff-7"), ("webchat", "qr-store-12")], sources.Select(s => (s.Channel, s.Code)));
        Assert.Empty(await _harness.Get<ICustomerSources>().ListAsync(newer));
    }

    [Fact]
    public void A_source_of_bad_shape_is_refused_field_by_field()
    {
        var parameters = new Dictionary<string, string?> { ["store:id"] = "12" };
        Assert.Equal(["source.code", "source.params"], ChannelSource.Validate(new string('x', 65), parameters).Keys);
        Assert.Equal(["source.params.activity"],
            ChannelSource.Validate("qr-store-12", new Dictionary<string, string?> { ["activity"] = new string('x', 129) }).Keys);
        Assert.Equal(["source.params"],
            ChannelSource.Validate("qr-store-12", Enumerable.Range(0, 17).ToDictionary(i => $"p{i}", i => (string?)"v")).Keys);
        Assert.Empty(ChannelSource.Validate(" qr-store-12 ", new Dictionary<string, string?> { ["activity"] = "双11" }));
    }
}
