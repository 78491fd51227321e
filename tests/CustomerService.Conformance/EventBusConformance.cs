using CustomerService.Abstractions.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CustomerService.Conformance;

/// <summary>Every <see cref="IEventBus"/> adapter inherits this suite.</summary>
public abstract class EventBusConformance
{
    private readonly DeliveryLog _log = new();

    /// <summary>Starts the adapter family with <paramref name="configure"/> applied (also after a restart).</summary>
    protected abstract Task<IPortHarness> StartAsync(Action<IServiceCollection> configure);

    private Task<IPortHarness> StartAsync() => StartAsync(services =>
    {
        services.AddSingleton(_log);
        services.AddEventHandler<TestEvent, RecordingHandler>();
        services.AddEventHandler<TestEvent, AuditHandler>();
        services.AddEventHandler<FlakyEvent, FlakyHandler>();
        services.AddEventHandler<FlakyEvent, AuditHandler>();
        services.AddEventHandler<PoisonEvent, PoisonHandler>();
    });

    [Fact]
    public async Task Published_event_reaches_every_subscriber_once()
    {
        await using var harness = await StartAsync();
        var @event = new TestEvent("你好") { OccurredAt = harness.Time.GetUtcNow() };

        await harness.Get<IEventBus>().PublishAsync(@event);
        await harness.AdvanceAsync(TimeSpan.Zero);
        await harness.AdvanceAsync(ConformanceSettings.RetryStep);

        Assert.Equal(1, _log.Count(nameof(RecordingHandler), @event.Id));
        Assert.Equal(1, _log.Count(nameof(AuditHandler), @event.Id));
        Assert.Equal("你好", _log.Handled.First(h => h.EventId == @event.Id).Text);
    }

    [Fact]
    public async Task The_same_event_id_published_twice_is_handled_once()
    {
        await using var harness = await StartAsync();
        var @event = new TestEvent("twice") { OccurredAt = harness.Time.GetUtcNow() };

        await harness.Get<IEventBus>().PublishAsync(@event);
        await harness.AdvanceAsync(TimeSpan.Zero);
        await harness.Get<IEventBus>().PublishAsync(@event);
        await harness.AdvanceAsync(ConformanceSettings.RetryStep);

        Assert.Equal(1, _log.Count(nameof(RecordingHandler), @event.Id));
    }

    [Fact]
    public async Task A_failing_handler_is_retried_after_a_backoff_until_it_succeeds()
    {
        await using var harness = await StartAsync();
        var @event = new FlakyEvent(FailTimes: 2) { OccurredAt = harness.Time.GetUtcNow() };
        await harness.Get<IEventBus>().PublishAsync(@event);

        await harness.AdvanceAsync(TimeSpan.Zero);
        Assert.Equal(1, _log.Attempts(nameof(FlakyHandler), @event.Id));
        await harness.AdvanceAsync(TimeSpan.Zero);
        Assert.Equal(1, _log.Attempts(nameof(FlakyHandler), @event.Id)); // not before its backoff

        await harness.AdvanceAsync(ConformanceSettings.RetryStep);
        await harness.AdvanceAsync(ConformanceSettings.RetryStep);
        await harness.AdvanceAsync(ConformanceSettings.RetryStep);

        Assert.Equal(3, _log.Attempts(nameof(FlakyHandler), @event.Id));
        Assert.Equal(1, _log.Count(nameof(FlakyHandler), @event.Id));
        Assert.Equal(1, _log.Count(nameof(AuditHandler), @event.Id)); // the healthy subscriber was not held back or repeated
        Assert.Empty(await harness.Get<IDeadLetterQueue>().ListAsync(10));
    }

    [Fact]
    public async Task A_handler_that_keeps_failing_is_parked_in_dead_letters_and_can_be_retried()
    {
        await using var harness = await StartAsync();
        var @event = new PoisonEvent { OccurredAt = harness.Time.GetUtcNow() };
        await harness.Get<IEventBus>().PublishAsync(@event);

        for (var i = 0; i < ConformanceSettings.MaxAttempts + 3; i++)
        {
            await harness.AdvanceAsync(ConformanceSettings.RetryStep);
        }

        Assert.Equal(ConformanceSettings.MaxAttempts, _log.Attempts(nameof(PoisonHandler), @event.Id));
        var parked = Assert.Single(await harness.Get<IDeadLetterQueue>().ListAsync(10));
        Assert.Equal(@event.Id, parked.EventId);
        Assert.Equal(nameof(PoisonEvent), parked.EventType);
        Assert.EndsWith(nameof(PoisonHandler), parked.Subscriber, StringComparison.Ordinal);
        Assert.Equal(ConformanceSettings.MaxAttempts, parked.Attempts);
        Assert.Contains("cannot handle this event", parked.LastError, StringComparison.Ordinal);

        _log.Healed = true;
        Assert.True(await harness.Get<IDeadLetterQueue>().RetryAsync(parked.Id));
        await harness.AdvanceAsync(TimeSpan.Zero);

        Assert.Equal(1, _log.Count(nameof(PoisonHandler), @event.Id));
        Assert.Empty(await harness.Get<IDeadLetterQueue>().ListAsync(10));
        Assert.False(await harness.Get<IDeadLetterQueue>().RetryAsync(parked.Id));
    }

    [Fact]
    public async Task Events_published_before_a_restart_are_delivered_after_it_exactly_once()
    {
        var harness = await StartAsync();
        var events = Enumerable.Range(0, 5).Select(i => new TestEvent($"e{i}") { OccurredAt = harness.Time.GetUtcNow() }).ToList();
        foreach (var @event in events)
        {
            await harness.Get<IEventBus>().PublishAsync(@event);
        }

        Assert.Empty(_log.Handled); // nothing was delivered before the "crash"
        await using var restarted = await harness.RestartAsync();
        await restarted.AdvanceAsync(TimeSpan.Zero);
        await restarted.AdvanceAsync(ConformanceSettings.RetryStep);

        Assert.All(events, e => Assert.Equal(1, _log.Count(nameof(RecordingHandler), e.Id)));
        Assert.All(events, e => Assert.Equal(1, _log.Count(nameof(AuditHandler), e.Id)));
    }

    [Fact]
    public async Task Publishing_an_event_nobody_subscribes_to_is_harmless()
    {
        await using var harness = await StartAsync(_ => { });

        await harness.Get<IEventBus>().PublishAsync(new TestEvent("nobody listens") { OccurredAt = harness.Time.GetUtcNow() });
        await harness.AdvanceAsync(ConformanceSettings.RetryStep);

        Assert.Empty(_log.Handled);
        Assert.Empty(await harness.Get<IDeadLetterQueue>().ListAsync(10));
    }
}
