using CustomerService.Channels;
using CustomerService.Channels.DingTalk;
using CustomerService.Channels.WeCom;
using CustomerService.Channels.WebChat;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

public static class ChannelsExtensions
{
    /// <summary>What the channels need to verify their senders and reply: the web chat's identity secret and allowed origins, the WeCom apps' and the DingTalk apps' keys, validated at start-up.</summary>
    public static IServiceCollection AddChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebChatOptions>, WebChatOptionsValidator>();
        services.AddSingleton<WebChatIdentityVerifier>();
        services.AddSingleton<WebChatStreamSlots>();
        services.AddWebChatCors();
        services.AddSingleton<SentReplies>();
        services.AddWeCom(configuration);
        services.AddDingTalk(configuration);
        return services;
    }

    /// <summary>Every channel's inbound endpoints. Each channel verifies and normalises, then hands the turn to the pipeline.</summary>
    public static IEndpointRouteBuilder MapChannels(this IEndpointRouteBuilder routes)
    {
        routes.MapWebChat();
        routes.MapWeCom();
        routes.MapDingTalk();
        return routes;
    }
}
