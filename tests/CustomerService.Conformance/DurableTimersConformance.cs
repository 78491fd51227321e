using CustomerService.Abstractions.Timers;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CustomerService.Conformance;

/// <summary>Every <see cref="IDurableTimers"/> adapter inherits this suite.</summary>
public abstract class DurableTimersConformance
{
    private readonly TimerLog _log = new();

    protected abstract Task<IPortHarness> StartAsync(Action<IServiceCollection> configure);

    private Task<IPortHarness> StartAsync() => StartAsync(services =>
    {
        services.AddSingleton(_log);
        services.AddDurableTimerHandler<RecordingTimerHandler>();
        services.AddDurableTimerHandler<FlakyTimerHandler>();
    });

    private static DurableTimer Timer(IPortHarness harness, string key, TimeSpan after, string kind = RecordingTimerHandler.KindName) =>
        new(key, kind, harness.Time.GetUtcNow() + after, Payload: $"{{\"ticket\":\"{key}\"}}");

    [Fact]
    public async Task A_timer_fires_once_at_or_after_its_due_time_never_before()
    {
        await using var harness = await StartAsync();
        var timer = Timer(harness, "ticket-sla/T-1/2h", TimeSpan.FromHours(2));
        await harness.Get<IDurableTimers>().ScheduleAsync(timer);

        await harness.AdvanceAsync(TimeSpan.FromMinutes(119));
        Assert.Equal(0, _log.Count(timer.Key));

        await harness.AdvanceAsync(TimeSpan.FromMinutes(2));
        await harness.AdvanceAsync(TimeSpan.FromHours(5));

        var fired = Assert.Single(_log.Fired);
        Assert.Equal(timer.Key, fired.Key);
        Assert.Equal(timer.Payload, fired.Payload);
        Assert.True(fired.FiredAt >= timer.DueAt);
    }

    [Fact]
    public async Task A_cancelled_timer_never_fires()
    {
        await using var harness = await StartAsync();
        var timers = harness.Get<IDurableTimers>();
        await timers.ScheduleAsync(Timer(harness, "renewal/c-1", TimeSpan.FromDays(30)));

        Assert.True(await timers.CancelAsync("renewal/c-1"));
        Assert.False(await timers.CancelAsync("renewal/c-1"));
        Assert.False(await timers.CancelAsync("never-scheduled"));
        await harness.AdvanceAsync(TimeSpan.FromDays(31));

        Assert.Empty(_log.Fired);
    }

    [Fact]
    public async Task Scheduling_an_existing_key_replaces_the_timer()
    {
        await using var harness = await StartAsync();
        var timers = harness.Get<IDurableTimers>();
        await timers.ScheduleAsync(Timer(harness, "survey/conv-1", TimeSpan.FromMinutes(10)));
        var moved = Timer(harness, "survey/conv-1", TimeSpan.FromMinutes(30)) with { Payload = "moved" };
        await timers.ScheduleAsync(moved);

        await harness.AdvanceAsync(TimeSpan.FromMinutes(20));
        Assert.Empty(_log.Fired);

        await harness.AdvanceAsync(TimeSpan.FromMinutes(20));
        var fired = Assert.Single(_log.Fired);
        Assert.Equal("moved", fired.Payload);
    }

    [Fact]
    public async Task Timers_fire_in_due_order()
    {
        await using var harness = await StartAsync();
        var timers = harness.Get<IDurableTimers>();
        await timers.ScheduleAsync(Timer(harness, "third", TimeSpan.FromMinutes(3)));
        await timers.ScheduleAsync(Timer(harness, "first", TimeSpan.FromMinutes(1)));
        await timers.ScheduleAsync(Timer(harness, "second", TimeSpan.FromMinutes(2)));

        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(["first", "second", "third"], _log.Fired.Select(f => f.Key));
    }

    [Fact]
    public async Task A_timer_survives_a_restart_and_fires_once_after_it()
    {
        var harness = await StartAsync();
        await harness.Get<IDurableTimers>().ScheduleAsync(Timer(harness, "birthday/c-9", TimeSpan.FromHours(1)));

        await using var restarted = await harness.RestartAsync();
        await restarted.AdvanceAsync(TimeSpan.FromHours(2));
        await restarted.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal(1, _log.Count("birthday/c-9"));
    }

    [Fact]
    public async Task A_failing_handler_is_retried_and_the_timer_still_fires_once()
    {
        await using var harness = await StartAsync();
        await harness.Get<IDurableTimers>().ScheduleAsync(Timer(harness, "sla/T-7/8h", TimeSpan.FromMinutes(1), FlakyTimerHandler.KindName));

        for (var i = 0; i < 5; i++)
        {
            await harness.AdvanceAsync(ConformanceSettings.RetryStep);
        }

        Assert.Equal(3, _log.Attempts("sla/T-7/8h"));
        Assert.Equal(1, _log.Count("sla/T-7/8h"));
    }
}
