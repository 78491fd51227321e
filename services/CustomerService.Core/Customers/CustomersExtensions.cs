using CustomerService.Abstractions.Customers;
using CustomerService.Core.Customers;

namespace Microsoft.Extensions.DependencyInjection;

public static class CustomersExtensions
{
    /// <summary>OneID for the pipeline; <see cref="ICustomerDirectory"/> itself comes from the building blocks.</summary>
    public static IServiceCollection AddCustomers(this IServiceCollection services)
    {
        services.AddSingleton<OneIdResolver>();
        services.AddEventHandler<CustomersMerged, CustomersMergedHandler>();
        return services;
    }
}
