using System.Collections.Concurrent;
using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Messaging;
using CustomerService.Abstractions.Tickets;
using CustomerService.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.UnitTests.Customers;

/// <summary>
/// The OneID rules every <see cref="ICustomerDirectory"/> adapter must keep. It lives here, not in
/// tests/CustomerService.Conformance, only until the Dapr adapters arrive; then it moves there.
/// </summary>
public abstract class CustomerDirectoryConformance
{
    private static readonly ChannelAccount WebAlice = new("webchat", "visitor-1");
    private static readonly ChannelAccount WeComAlice = new("wecom", "wm-ext-1");
    private static readonly ChannelAccount WebAliceLaptop = new("webchat", "visitor-2");
    private const string AlicePhone = "+8613800138000";

    protected abstract Task<IPortHarness> StartAsync(Action<IServiceCollection> configure);

    private Task<IPortHarness> StartAsync() => StartAsync(services =>
    {
        services.AddSingleton<MergeLog>();
        services.AddEventHandler<CustomersMerged, MergeLog.Handler>();
    });

    [Fact]
    public async Task A_first_contact_creates_a_customer_and_every_later_one_finds_it_unchanged()
    {
        await using var harness = await StartAsync();
        var directory = harness.Get<ICustomerDirectory>();

        var first = await directory.ResolveAsync(WebAlice, null);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        var again = await directory.ResolveAsync(WebAlice, null);

        Assert.StartsWith("cus_", first.Profile.Id, StringComparison.Ordinal);
        Assert.Equal([WebAlice], first.Profile.Accounts);
        Assert.Equal(harness.Time.GetUtcNow() - TimeSpan.FromMinutes(1), first.Profile.CreatedAt);
        Assert.Equal(first.Profile.Id, again.Profile.Id);
        Assert.Empty(again.MergedIds);
        Assert.Equal(first.Profile.Id, (await directory.FindByAccountAsync(WebAlice))?.Id);
        Assert.Equal([WebAlice], (await directory.FindAsync(first.Profile.Id))?.Accounts);
        Assert.NotEqual(first.Profile.Id, (await directory.ResolveAsync(WeComAlice, null)).Profile.Id); // another account, nothing verified: someone else
    }

    [Fact]
    public async Task A_verified_phone_links_a_second_account_to_the_customer_holding_it()
    {
        await using var harness = await StartAsync();
        var directory = harness.Get<ICustomerDirectory>();

        var alice = await directory.ResolveAsync(WebAlice, new VerifiedIdentity(Phone: AlicePhone));
        var linked = await directory.ResolveAsync(WeComAlice, new VerifiedIdentity(Phone: AlicePhone));

        Assert.Equal(alice.Profile.Id, linked.Profile.Id);
        Assert.Empty(linked.MergedIds);
        Assert.Equal([WebAlice, WeComAlice], linked.Profile.Accounts);
        Assert.Equal(AlicePhone, linked.Profile.VerifiedPhone);
        Assert.Empty(harness.Get<MergeLog>().Merges);
    }

    [Fact]
    public async Task A_WeCom_UnionId_links_a_second_account()
    {
        await using var harness = await StartAsync();
        var directory = harness.Get<ICustomerDirectory>();

        var alice = await directory.ResolveAsync(WeComAlice, new VerifiedIdentity(WeComUnionId: "union-alice"));
        var linked = await directory.ResolveAsync(new ChannelAccount("dingtalk", "dt-1"), new VerifiedIdentity(WeComUnionId: "union-alice"));

        Assert.Equal(alice.Profile.Id, linked.Profile.Id);
        Assert.Equal("union-alice", linked.Profile.WeComUnionId);
        Assert.Equal(2, linked.Profile.Accounts.Count);
    }

    [Fact]
    public async Task A_WeCom_external_userid_links_and_one_customer_may_hold_several()
    {
        await using var harness = await StartAsync();
        var directory = harness.Get<ICustomerDirectory>();

        var alice = await directory.ResolveAsync(WeComAlice, new VerifiedIdentity(WeComExternalUserId: "wm-ext-1"));
        await directory.ResolveAsync(WeComAlice, new VerifiedIdentity(WeComExternalUserId: "wm-ext-2")); // the same person under a second corp
        var linked = await directory.ResolveAsync(new ChannelAccount("wecom-kf", "kf-9"), new VerifiedIdentity(WeComExternalUserId: "wm-ext-2"));

        Assert.Equal(alice.Profile.Id, linked.Profile.Id);
        Assert.Equal(["wm-ext-1", "wm-ext-2"], linked.Profile.WeComExternalUserIds);
    }

    [Fact]
    public async Task Two_customers_proven_one_merge_into_the_older_with_accounts_tags_and_tickets()
    {
        await using var harness = await StartAsync();
        var directory = harness.Get<ICustomerDirectory>();
        var tags = harness.Get<ICustomerTags>();
        var older = (await directory.ResolveAsync(WebAlice, null)).Profile.Id;
        await tags.AddAsync(older, "售后咨询", "rule:退货咨询用户");
        await harness.AdvanceAsync(TimeSpan.FromHours(1));
        var newer = (await directory.ResolveAsync(WeComAlice, null)).Profile.Id;
        await tags.AddAsync(newer, "投诉", "agent");
        await tags.AddAsync(newer, "售后咨询", "agent"); // both have it: the first source stays
        var ticket = await harness.Get<ITicketStore>().CreateAsync(
            new Ticket("", newer, "conv-1", "wecom", "退款没到账", "退款", TicketUrgency.High, TicketStatus.Open, harness.Time.GetUtcNow()));

        await directory.ResolveAsync(WebAlice, new VerifiedIdentity(Phone: AlicePhone));
        var merged = await directory.ResolveAsync(WeComAlice, new VerifiedIdentity(Phone: AlicePhone));
        await harness.AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(older, merged.Profile.Id);
        Assert.Equal([newer], merged.MergedIds);
        Assert.Equal([WebAlice, WeComAlice], merged.Profile.Accounts);
        Assert.Equal(
            [("售后咨询", "rule:退货咨询用户"), ("投诉", "agent")],
            (await tags.ListAsync(older)).Select(t => (t.Tag, t.Source)));
        Assert.Empty(await tags.ListAsync(newer));
        Assert.Equal([ticket.Id], (await harness.Get<ITicketStore>().ListByCustomerAsync(older)).Select(t => t.Id));
        Assert.Equal(older, (await directory.FindAsync(newer))?.Id); // the merged id is an alias of the survivor
        Assert.Equal(older, (await directory.FindByAccountAsync(WeComAlice))?.Id);
        Assert.Equal([(older, newer, "phone")], harness.Get<MergeLog>().Merges);
    }

    [Fact]
    public async Task Repeating_a_merging_resolution_changes_nothing_more()
    {
        await using var harness = await StartAsync();
        var directory = harness.Get<ICustomerDirectory>();
        await directory.ResolveAsync(WebAlice, new VerifiedIdentity(SiteUserId: "shop-42"));
        await directory.ResolveAsync(WebAliceLaptop, null);

        var first = await directory.ResolveAsync(WebAliceLaptop, new VerifiedIdentity(SiteUserId: "shop-42"));
        var repeated = await directory.ResolveAsync(WebAliceLaptop, new VerifiedIdentity(SiteUserId: "shop-42"));
        await harness.AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Single(first.MergedIds);
        Assert.Empty(repeated.MergedIds);
        Assert.Equal(first.Profile.Id, repeated.Profile.Id);
        Assert.Equal([WebAlice, WebAliceLaptop], repeated.Profile.Accounts);
        Assert.Single(harness.Get<MergeLog>().Merges);
    }

    [Fact]
    public async Task Merged_ids_keep_resolving_to_the_survivor_after_it_merges_again()
    {
        await using var harness = await StartAsync();
        var directory = harness.Get<ICustomerDirectory>();
        var a = (await directory.ResolveAsync(new ChannelAccount("webchat", "a"), new VerifiedIdentity(WeComUnionId: "union-1"))).Profile.Id;
        await harness.AdvanceAsync(TimeSpan.FromSeconds(1));
        var b = (await directory.ResolveAsync(new ChannelAccount("webchat", "b"), new VerifiedIdentity(Phone: "+8613900139000"))).Profile.Id;
        await harness.AdvanceAsync(TimeSpan.FromSeconds(1));
        var c = (await directory.ResolveAsync(new ChannelAccount("webchat", "c"), null)).Profile.Id;

        await directory.ResolveAsync(new ChannelAccount("webchat", "c"), new VerifiedIdentity(Phone: "+8613900139000")); // c into b
        var last = await directory.ResolveAsync(new ChannelAccount("webchat", "b"), new VerifiedIdentity(WeComUnionId: "union-1")); // b into a

        Assert.Equal(a, last.Profile.Id);
        Assert.Equal(a, (await directory.FindAsync(b))?.Id);
        Assert.Equal(a, (await directory.FindAsync(c))?.Id);
        Assert.Equal(3, last.Profile.Accounts.Count);
        Assert.Equal(("+8613900139000", "union-1"), (last.Profile.VerifiedPhone, last.Profile.WeComUnionId));
    }

    [Fact]
    public async Task A_phone_held_by_someone_with_another_UnionId_is_a_different_person_and_merges_nothing()
    {
        await using var harness = await StartAsync();
        var directory = harness.Get<ICustomerDirectory>();
        var alice = (await directory.ResolveAsync(WeComAlice, new VerifiedIdentity(Phone: AlicePhone, WeComUnionId: "union-alice"))).Profile;

        // The number was recycled: a new WeChat user verifies it.
        var bob = await directory.ResolveAsync(new ChannelAccount("wecom", "wm-bob"), new VerifiedIdentity(Phone: AlicePhone, WeComUnionId: "union-bob"));

        Assert.NotEqual(alice.Id, bob.Profile.Id);
        Assert.Empty(bob.MergedIds);
        Assert.Equal(("union-bob", null), (bob.Profile.WeComUnionId, bob.Profile.VerifiedPhone)); // the phone stays with its holder
        Assert.Equal([WeComAlice], (await directory.FindAsync(alice.Id))?.Accounts);
        Assert.Equal(AlicePhone, (await directory.FindAsync(alice.Id))?.VerifiedPhone);
    }

    [Fact]
    public async Task An_account_presenting_a_second_phone_keeps_its_customer_and_the_first_phone()
    {
        await using var harness = await StartAsync();
        var directory = harness.Get<ICustomerDirectory>();
        var alice = (await directory.ResolveAsync(WebAlice, new VerifiedIdentity(Phone: AlicePhone))).Profile.Id;
        var other = (await directory.ResolveAsync(WebAliceLaptop, new VerifiedIdentity(Phone: "+8613700137000"))).Profile.Id;

        var again = await directory.ResolveAsync(WebAlice, new VerifiedIdentity(Phone: "+8613700137000"));
        await harness.AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(alice, again.Profile.Id);
        Assert.Equal(AlicePhone, again.Profile.VerifiedPhone);
        Assert.Empty(again.MergedIds);
        Assert.Equal([WebAliceLaptop], (await directory.FindAsync(other))?.Accounts);
        Assert.Empty(harness.Get<MergeLog>().Merges);
    }

    [Fact]
    public async Task A_merge_keeps_the_better_staff_fields_of_both()
    {
        await using var harness = await StartAsync();
        var directory = harness.Get<ICustomerDirectory>();
        var older = (await directory.ResolveAsync(WebAlice, null)).Profile.Id;
        await harness.AdvanceAsync(TimeSpan.FromSeconds(1));
        var newer = (await directory.ResolveAsync(WeComAlice, null)).Profile.Id;
        var expiry = new DateTimeOffset(2027, 1, 31, 0, 0, 0, TimeSpan.FromHours(8));
        await directory.UpdateAsync(older, new CustomerProfileUpdate { VipLevel = new(2), LastHumanAgent = new("agent-1") });
        await directory.UpdateAsync(newer, new CustomerProfileUpdate
        {
            VipLevel = new(5), LastHumanAgent = new("agent-2"), Birthday = new(new DateOnly(1990, 5, 17)), MembershipExpiresAt = new(expiry),
        });

        await directory.ResolveAsync(WebAlice, new VerifiedIdentity(WeComUnionId: "union-alice"));
        var merged = (await directory.ResolveAsync(WeComAlice, new VerifiedIdentity(WeComUnionId: "union-alice"))).Profile;

        Assert.Equal((5, "agent-1", new DateOnly(1990, 5, 17), expiry), (merged.VipLevel, merged.LastHumanAgent, merged.Birthday, merged.MembershipExpiresAt));
    }

    [Fact]
    public async Task An_update_changes_only_the_fields_it_names_and_null_clears_one()
    {
        await using var harness = await StartAsync();
        var directory = harness.Get<ICustomerDirectory>();
        var id = (await directory.ResolveAsync(WebAlice, null)).Profile.Id;

        await directory.UpdateAsync(id, new CustomerProfileUpdate { VipLevel = new(3), Birthday = new(new DateOnly(1988, 2, 29)) });
        var updated = await directory.UpdateAsync(id, new CustomerProfileUpdate { Birthday = new(null), LastHumanAgent = new("agent-7") });

        Assert.Equal((3, "agent-7", (DateOnly?)null), (updated?.VipLevel, updated?.LastHumanAgent, updated?.Birthday));
        Assert.Null(await directory.UpdateAsync("cus_nobody", new CustomerProfileUpdate { VipLevel = new(1) }));
    }

    /// <summary>The CustomersMerged events delivered, as (survivor, merged, reason).</summary>
    public sealed class MergeLog
    {
        private readonly ConcurrentQueue<(string, string, string)> _merges = new();

        public IReadOnlyList<(string SurvivorId, string MergedId, string Reason)> Merges => [.. _merges];

        public sealed class Handler(MergeLog log) : IIntegrationEventHandler<CustomersMerged>
        {
            public Task HandleAsync(CustomersMerged @event, CancellationToken cancellationToken)
            {
                log._merges.Enqueue((@event.SurvivorId, @event.MergedId, @event.Reason));
                return Task.CompletedTask;
            }
        }
    }
}
