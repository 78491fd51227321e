using CustomerService.Abstractions.Channels;
using CustomerService.Core.ChannelConversations;

namespace Microsoft.Extensions.DependencyInjection;

public static class ChannelConversationsExtensions
{
    /// <summary>
    /// Messages channels publish (<see cref="ChannelMessageReceived"/>) are answered after the channel's ack, and the
    /// replies (<see cref="ChannelReplyReady"/>) leave through each channel's <see cref="IChannelSender"/>.
    /// </summary>
    public static IServiceCollection AddChannelConversations(this IServiceCollection services)
    {
        services.AddEventHandler<ChannelMessageReceived, ChannelMessageHandler>();
        services.AddEventHandler<ChannelReplyReady, ChannelReplyHandler>();
        services.AddEventHandler<ChannelCustomerArrived, ChannelArrivalHandler>();
        return services;
    }
}
