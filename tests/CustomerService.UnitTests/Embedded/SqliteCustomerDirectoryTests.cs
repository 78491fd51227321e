using CustomerService.Abstractions.Customers;
using CustomerService.Conformance;
using CustomerService.Embedded.Storage;
using CustomerService.UnitTests.Customers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.UnitTests.Embedded;

public sealed class SqliteCustomerDirectoryTests : CustomerDirectoryConformance
{
    protected override Task<IPortHarness> StartAsync(Action<IServiceCollection> configure) => EmbeddedHarness.StartAsync(configure);

    [Fact]
    public async Task A_merge_that_fails_part_way_leaves_nothing_half_written()
    {
        await using var harness = await EmbeddedHarness.StartAsync(_ => { });
        var directory = harness.Get<ICustomerDirectory>();
        var tags = harness.Get<ICustomerTags>();
        var older = (await directory.ResolveAsync(new ChannelAccount("webchat", "a"), new VerifiedIdentity(Phone: "+8613800138000"))).Profile.Id;
        var newer = (await directory.ResolveAsync(new ChannelAccount("webchat", "b"), null)).Profile.Id;
        await tags.AddAsync(newer, "投诉", "agent");
        // The last step of a merge fails: accounts, identifiers and tags were already moved inside the transaction.
        await harness.Get<SqliteDatabase>().WriteAsync((c, t) => c.ExecuteAsync(
            "CREATE TEMP TRIGGER fail_alias BEFORE INSERT ON customer_aliases BEGIN SELECT RAISE(ABORT, 'disk full'); END",
            t, CancellationToken.None), CancellationToken.None);

        await Assert.ThrowsAsync<SqliteException>(() =>
            directory.ResolveAsync(new ChannelAccount("webchat", "b"), new VerifiedIdentity(Phone: "+8613800138000")));

        Assert.Equal(newer, (await directory.FindByAccountAsync(new ChannelAccount("webchat", "b")))?.Id);
        Assert.Equal(["投诉"], (await tags.ListAsync(newer)).Select(t => t.Tag));
        Assert.Empty(await tags.ListAsync(older));
        Assert.Equal([new ChannelAccount("webchat", "a")], (await directory.FindAsync(older))?.Accounts);
        await using var connection = await harness.Get<SqliteDatabase>().OpenReadAsync(CancellationToken.None);
        Assert.Equal(0L, await connection.ScalarAsync("SELECT COUNT(*) FROM outbox_events WHERE type = 'CustomersMerged'", null, CancellationToken.None));
    }

    [Fact]
    public async Task Customers_links_and_aliases_survive_a_restart()
    {
        var harness = await EmbeddedHarness.StartAsync(_ => { });
        var directory = harness.Get<ICustomerDirectory>();
        var older = (await directory.ResolveAsync(new ChannelAccount("webchat", "a"), null)).Profile.Id;
        await harness.AdvanceAsync(TimeSpan.FromSeconds(1));
        var newer = (await directory.ResolveAsync(new ChannelAccount("wecom", "b"), new VerifiedIdentity(WeComUnionId: "union-1"))).Profile.Id;
        await directory.ResolveAsync(new ChannelAccount("webchat", "a"), new VerifiedIdentity(WeComUnionId: "union-1"));

        await using var restarted = await harness.RestartAsync();
        var reopened = restarted.Get<ICustomerDirectory>();

        Assert.Equal(older, (await reopened.FindAsync(newer))?.Id);
        Assert.Equal(older, (await reopened.ResolveAsync(new ChannelAccount("wecom", "b"), new VerifiedIdentity(WeComUnionId: "union-1"))).Profile.Id);
        Assert.Equal("union-1", (await reopened.FindByAccountAsync(new ChannelAccount("webchat", "a")))?.WeComUnionId);
    }
}
