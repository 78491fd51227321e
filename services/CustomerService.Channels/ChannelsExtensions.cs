using CustomerService.Channels.WebChat;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

public static class ChannelsExtensions
{
    /// <summary>Every channel's inbound endpoints. Each channel verifies and normalises, then hands the turn to the pipeline.</summary>
    public static IEndpointRouteBuilder MapChannels(this IEndpointRouteBuilder routes)
    {
        routes.MapWebChat();
        return routes;
    }
}
