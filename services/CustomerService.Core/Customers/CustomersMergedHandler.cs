using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Messaging;

namespace CustomerService.Core.Customers;

/// <summary>
/// Merges the resolver does not see itself (another instance, a channel callback resolving directly) reach it here.
/// </summary>
internal sealed class CustomersMergedHandler(OneIdResolver resolver) : IIntegrationEventHandler<CustomersMerged>
{
    public Task HandleAsync(CustomersMerged @event, CancellationToken cancellationToken)
    {
        resolver.Forget();
        return Task.CompletedTask;
    }
}
