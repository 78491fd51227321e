using CustomerService.Abstractions.Tickets;
using CustomerService.Conformance;

namespace CustomerService.UnitTests.Plugins;

/// <summary>
/// Every <see cref="ITicketStore"/> adapter inherits this suite. It lives here, not in
/// tests/CustomerService.Conformance, only until the Dapr adapters arrive; then it moves there.
/// </summary>
public abstract class TicketStoreConformance
{
    protected abstract Task<IPortHarness> StartAsync();

    private static Ticket New(string customerId, string question, DateTimeOffset at) =>
        new("ignored", customerId, "conv-" + customerId, "webchat", question, "退款", TicketUrgency.High, TicketStatus.Open, at);

    [Fact]
    public async Task A_created_ticket_gets_an_id_and_round_trips()
    {
        await using var harness = await StartAsync();
        var store = harness.Get<ITicketStore>();

        var created = await store.CreateAsync(New("c-1", "退款三天了还没到账，订单 20261120001", harness.Time.GetUtcNow()));

        Assert.False(string.IsNullOrWhiteSpace(created.Id));
        Assert.NotEqual("ignored", created.Id);
        Assert.Equal(New("c-1", "退款三天了还没到账，订单 20261120001", harness.Time.GetUtcNow()) with { Id = created.Id }, created);
        Assert.Equal(created, await store.FindAsync(created.Id));
    }

    [Fact]
    public async Task An_unknown_id_is_not_found()
    {
        await using var harness = await StartAsync();
        Assert.Null(await harness.Get<ITicketStore>().FindAsync("T-404"));
    }

    [Fact]
    public async Task Concurrent_creates_get_distinct_ids()
    {
        await using var harness = await StartAsync();
        var store = harness.Get<ITicketStore>();

        var created = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => store.CreateAsync(New("c-1", $"q{i}", harness.Time.GetUtcNow()))));

        Assert.Equal(16, created.Select(t => t.Id).Distinct().Count());
        Assert.Equal(16, (await store.ListByCustomerAsync("c-1")).Count);
    }

    [Fact]
    public async Task A_customers_tickets_are_listed_newest_first_and_only_theirs()
    {
        await using var harness = await StartAsync();
        var store = harness.Get<ITicketStore>();
        var first = await store.CreateAsync(New("c-1", "first", harness.Time.GetUtcNow()));
        await store.CreateAsync(New("c-2", "someone else's", harness.Time.GetUtcNow()));
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        var second = await store.CreateAsync(New("c-1", "second", harness.Time.GetUtcNow()));

        Assert.Equal([second.Id, first.Id], (await store.ListByCustomerAsync("c-1")).Select(t => t.Id));
        Assert.Empty(await store.ListByCustomerAsync("c-3"));
    }

    [Fact]
    public async Task Tickets_survive_a_restart_and_new_ids_stay_unique()
    {
        var harness = await StartAsync();
        var before = await harness.Get<ITicketStore>().CreateAsync(New("c-1", "before", harness.Time.GetUtcNow()));

        await using var restarted = await harness.RestartAsync();
        var store = restarted.Get<ITicketStore>();
        var after = await store.CreateAsync(New("c-1", "after", restarted.Time.GetUtcNow()));

        Assert.Equal(before, await store.FindAsync(before.Id));
        Assert.NotEqual(before.Id, after.Id);
    }
}
