using CustomerService.Abstractions.Customers;
using CustomerService.Core.Customers;
using CustomerService.Core.Customers.Behavior;

namespace Microsoft.Extensions.DependencyInjection;

public static class CustomersExtensions
{
    /// <summary>
    /// OneID for the pipeline, channel-code arrivals and reported behaviour events (their rules and tagger come with
    /// <c>AddPolicies</c>); <see cref="ICustomerDirectory"/> and <see cref="ICustomerSources"/> come from the building blocks.
    /// </summary>
    public static IServiceCollection AddCustomers(this IServiceCollection services)
    {
        services.AddSingleton<OneIdResolver>();
        services.AddSingleton<ChannelArrivals>();
        services.AddSingleton<BehaviorEvents>();
        services.AddEventHandler<CustomersMerged, CustomersMergedHandler>();
        return services;
    }
}
