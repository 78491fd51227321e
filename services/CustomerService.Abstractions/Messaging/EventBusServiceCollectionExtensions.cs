using CustomerService.Abstractions.Messaging;

namespace Microsoft.Extensions.DependencyInjection;

public static class EventBusServiceCollectionExtensions
{
    /// <summary>Subscribes <typeparamref name="THandler"/> to <typeparamref name="TEvent"/> on whichever bus is configured.</summary>
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.AddScoped<THandler>();
        services.Configure<EventSubscriptions>(s => s.Add<TEvent, THandler>());
        return services;
    }
}
