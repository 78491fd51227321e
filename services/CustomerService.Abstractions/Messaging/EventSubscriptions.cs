using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.Abstractions.Messaging;

/// <summary>
/// Which handlers subscribe to which event type, independent of the transport that delivers them.
/// An event's wire name is its type name; a subscriber's name is its handler's full type name.
/// </summary>
public sealed class EventSubscriptions
{
    private readonly Dictionary<string, Type> _eventTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<EventSubscription>> _byEvent = new(StringComparer.Ordinal);

    public JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    public static string EventTypeName(Type eventType) => eventType.Name;

    public void Add<TEvent, THandler>()
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        var eventType = EventTypeName(typeof(TEvent));
        _eventTypes[eventType] = typeof(TEvent);
        if (!_byEvent.TryGetValue(eventType, out var list))
        {
            _byEvent[eventType] = list = [];
        }

        var subscriber = typeof(THandler).FullName ?? typeof(THandler).Name;
        if (list.Exists(s => s.Subscriber == subscriber))
        {
            return;
        }

        list.Add(new EventSubscription(eventType, subscriber, static (services, @event, ct) =>
            services.GetRequiredService<THandler>().HandleAsync((TEvent)@event, ct)));
    }

    public IReadOnlyList<EventSubscription> For(string eventType) =>
        _byEvent.TryGetValue(eventType, out var list) ? list : [];

    public EventSubscription? Find(string eventType, string subscriber) =>
        For(eventType).FirstOrDefault(s => s.Subscriber == subscriber);

    public IntegrationEvent Deserialize(string eventType, string payload)
    {
        if (!_eventTypes.TryGetValue(eventType, out var type))
        {
            throw new InvalidOperationException($"No subscription knows the event type '{eventType}'.");
        }

        return (IntegrationEvent)(JsonSerializer.Deserialize(payload, type, JsonOptions)
            ?? throw new InvalidOperationException($"Event payload of type '{eventType}' is null."));
    }

    public string Serialize(IntegrationEvent @event) =>
        JsonSerializer.Serialize(@event, @event.GetType(), JsonOptions);
}

/// <param name="Invoke">Resolves the handler from a scoped provider and calls it.</param>
public sealed record EventSubscription(
    string EventType,
    string Subscriber,
    Func<IServiceProvider, IntegrationEvent, CancellationToken, Task> Invoke);
