using System.Collections.Concurrent;
using CustomerService.Abstractions.Messaging;

namespace CustomerService.Conformance;

public sealed record TestEvent(string Text) : IntegrationEvent;

/// <summary>Its handler fails the first <see cref="FailTimes"/> attempts.</summary>
public sealed record FlakyEvent(int FailTimes) : IntegrationEvent;

/// <summary>Its handler fails until the test heals it.</summary>
public sealed record PoisonEvent : IntegrationEvent;

/// <summary>What handlers saw; shared across a simulated restart.</summary>
public sealed class DeliveryLog
{
    private readonly ConcurrentQueue<(string Handler, Guid EventId, string? Text)> _handled = new();
    private readonly ConcurrentDictionary<(string, Guid), int> _attempts = new();

    private volatile bool _healed;

    public bool Healed { get => _healed; set => _healed = value; }

    public IReadOnlyList<(string Handler, Guid EventId, string? Text)> Handled => [.. _handled];

    public int Count(string handler, Guid eventId) => _handled.Count(h => h.Handler == handler && h.EventId == eventId);

    public int Attempts(string handler, Guid eventId) => _attempts.GetValueOrDefault((handler, eventId));

    internal int Attempt(string handler, Guid eventId) => _attempts.AddOrUpdate((handler, eventId), 1, (_, n) => n + 1);

    internal void Record(string handler, Guid eventId, string? text = null) => _handled.Enqueue((handler, eventId, text));
}

public sealed class RecordingHandler(DeliveryLog log) : IIntegrationEventHandler<TestEvent>
{
    public Task HandleAsync(TestEvent @event, CancellationToken cancellationToken)
    {
        log.Record(nameof(RecordingHandler), @event.Id, @event.Text);
        return Task.CompletedTask;
    }
}

public sealed class AuditHandler(DeliveryLog log) : IIntegrationEventHandler<TestEvent>, IIntegrationEventHandler<FlakyEvent>
{
    public Task HandleAsync(TestEvent @event, CancellationToken cancellationToken)
    {
        log.Record(nameof(AuditHandler), @event.Id, @event.Text);
        return Task.CompletedTask;
    }

    public Task HandleAsync(FlakyEvent @event, CancellationToken cancellationToken)
    {
        log.Record(nameof(AuditHandler), @event.Id);
        return Task.CompletedTask;
    }
}

public sealed class FlakyHandler(DeliveryLog log) : IIntegrationEventHandler<FlakyEvent>
{
    public Task HandleAsync(FlakyEvent @event, CancellationToken cancellationToken)
    {
        if (log.Attempt(nameof(FlakyHandler), @event.Id) <= @event.FailTimes)
        {
            throw new InvalidOperationException("downstream unavailable");
        }

        log.Record(nameof(FlakyHandler), @event.Id);
        return Task.CompletedTask;
    }
}

public sealed class PoisonHandler(DeliveryLog log) : IIntegrationEventHandler<PoisonEvent>
{
    public Task HandleAsync(PoisonEvent @event, CancellationToken cancellationToken)
    {
        log.Attempt(nameof(PoisonHandler), @event.Id);
        if (!log.Healed)
        {
            throw new InvalidOperationException("cannot handle this event");
        }

        log.Record(nameof(PoisonHandler), @event.Id);
        return Task.CompletedTask;
    }
}
