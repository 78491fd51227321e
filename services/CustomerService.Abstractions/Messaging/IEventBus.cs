namespace CustomerService.Abstractions.Messaging;

/// <summary>Publishes integration events; delivery is at-least-once and survives a restart.</summary>
public interface IEventBus
{
    Task PublishAsync(IntegrationEvent @event, CancellationToken cancellationToken = default);
}

public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent @event, CancellationToken cancellationToken);
}
