using CustomerService.Abstractions.Timers;

namespace Microsoft.Extensions.DependencyInjection;

public static class TimerServiceCollectionExtensions
{
    public static IServiceCollection AddDurableTimerHandler<THandler>(this IServiceCollection services)
        where THandler : class, IDurableTimerHandler
    {
        services.AddScoped<IDurableTimerHandler, THandler>();
        return services;
    }
}
