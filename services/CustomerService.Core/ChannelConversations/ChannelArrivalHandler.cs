using CustomerService.Abstractions.Channels;
using CustomerService.Abstractions.Messaging;
using CustomerService.Core.Customers;

namespace CustomerService.Core.ChannelConversations;

/// <summary>Records a channel-code arrival on the customer's OneID, which tags the customer by the <c>channel_source</c> rules.</summary>
internal sealed class ChannelArrivalHandler(OneIdResolver oneIds, ChannelArrivals arrivals) : IIntegrationEventHandler<ChannelCustomerArrived>
{
    public async Task HandleAsync(ChannelCustomerArrived arrival, CancellationToken cancellationToken)
    {
        var customerId = await oneIds.ResolveAsync(arrival.Channel, arrival.AccountId, arrival.Identity, cancellationToken);
        await arrivals.RecordAsync(customerId, arrival.Channel, arrival.Source, cancellationToken);
    }
}
