using CustomerService.Abstractions.State;
using Xunit;

namespace CustomerService.Conformance;

/// <summary>Every <see cref="IStateStore"/> adapter inherits this suite.</summary>
public abstract class StateStoreConformance
{
    protected abstract Task<IPortHarness> StartAsync();

    public sealed record TicketState(string Id, string Status, List<string> Notes, DateTimeOffset DueAt);

    private static TicketState Ticket(string status = "open") =>
        new("T-1", status, ["客户来电：退款未到账", "second note"], new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public async Task Missing_key_reads_as_null()
    {
        await using var harness = await StartAsync();
        Assert.Null(await harness.Get<IStateStore>().GetAsync<TicketState>("nothing-here"));
    }

    [Fact]
    public async Task Created_value_round_trips_with_its_etag()
    {
        await using var harness = await StartAsync();
        var store = harness.Get<IStateStore>();
        var etag = await store.SaveAsync("ticket/T-1", Ticket(), etag: null);

        var read = await store.GetAsync<TicketState>("ticket/T-1");

        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.Equal("open", read.Value.Status);
        Assert.Equal(Ticket().Notes, read.Value.Notes);
        Assert.Equal(Ticket().DueAt, read.Value.DueAt);
    }

    [Fact]
    public async Task Creating_an_existing_key_is_a_conflict()
    {
        await using var harness = await StartAsync();
        var store = harness.Get<IStateStore>();
        await store.SaveAsync("ticket/T-1", Ticket(), etag: null);

        await Assert.ThrowsAsync<StateConflictException>(() => store.SaveAsync("ticket/T-1", Ticket("other"), etag: null));
        Assert.Equal("open", (await store.GetAsync<TicketState>("ticket/T-1"))!.Value.Status);
    }

    [Fact]
    public async Task Update_with_the_current_etag_succeeds_and_changes_the_etag()
    {
        await using var harness = await StartAsync();
        var store = harness.Get<IStateStore>();
        var first = await store.SaveAsync("ticket/T-1", Ticket(), etag: null);

        var second = await store.SaveAsync("ticket/T-1", Ticket("escalated"), first);

        Assert.NotEqual(first, second);
        Assert.Equal("escalated", (await store.GetAsync<TicketState>("ticket/T-1"))!.Value.Status);
    }

    [Fact]
    public async Task Update_with_a_stale_etag_is_rejected_and_loses_nothing()
    {
        await using var harness = await StartAsync();
        var store = harness.Get<IStateStore>();
        var stale = await store.SaveAsync("ticket/T-1", Ticket(), etag: null);
        await store.SaveAsync("ticket/T-1", Ticket("red"), stale);

        var conflict = await Assert.ThrowsAsync<StateConflictException>(() => store.SaveAsync("ticket/T-1", Ticket("closed"), stale));

        Assert.Equal("ticket/T-1", conflict.Key);
        Assert.Equal("red", (await store.GetAsync<TicketState>("ticket/T-1"))!.Value.Status);
    }

    [Fact]
    public async Task Of_concurrent_writers_with_the_same_etag_exactly_one_wins()
    {
        await using var harness = await StartAsync();
        var store = harness.Get<IStateStore>();
        var etag = await store.SaveAsync("counter", 0, etag: null);

        var attempts = Enumerable.Range(1, 8).Select(async i =>
        {
            try
            {
                await store.SaveAsync("counter", i, etag);
                return true;
            }
            catch (StateConflictException)
            {
                return false;
            }
        });
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(1, outcomes.Count(won => won));
        var winner = Array.IndexOf(outcomes, true) + 1;
        Assert.Equal(winner, (await store.GetAsync<int>("counter"))!.Value);
    }

    [Fact]
    public async Task Delete_honours_the_etag()
    {
        await using var harness = await StartAsync();
        var store = harness.Get<IStateStore>();
        var first = await store.SaveAsync("ticket/T-1", Ticket(), etag: null);
        var current = await store.SaveAsync("ticket/T-1", Ticket("red"), first);

        await Assert.ThrowsAsync<StateConflictException>(() => store.DeleteAsync("ticket/T-1", first));
        Assert.NotNull(await store.GetAsync<TicketState>("ticket/T-1"));

        Assert.True(await store.DeleteAsync("ticket/T-1", current));
        Assert.Null(await store.GetAsync<TicketState>("ticket/T-1"));
        Assert.False(await store.DeleteAsync("ticket/T-1", etag: null));
    }

    [Fact]
    public async Task State_survives_a_restart()
    {
        var harness = await StartAsync();
        var etag = await harness.Get<IStateStore>().SaveAsync("journey/c-1", Ticket(), etag: null);

        await using var restarted = await harness.RestartAsync();

        var read = await restarted.Get<IStateStore>().GetAsync<TicketState>("journey/c-1");
        Assert.Equal(etag, read?.ETag);
    }
}
