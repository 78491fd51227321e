using CustomerService.Abstractions.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerService.Channels.DingTalk;

/// <summary>
/// The DingTalk channel's registration: options validated at start-up, and, when an app is configured, its two callbacks
/// and the reply sender.
/// </summary>
public static class DingTalkApi
{
    public const string Channel = "dingtalk";

    /// <summary>How long one DingTalk call may take before it counts as failed and the bus retries the reply.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    public static IServiceCollection AddDingTalk(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DingTalkOptions>().BindConfiguration(DingTalkOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DingTalkOptions>, DingTalkOptionsValidator>();
        services.AddSingleton<DingTalkApps>();
        services.AddSingleton<DingTalkNonceLedger>();
        services.AddSingleton<DingTalkWebhookHosts>();
        if (!HasApps(configuration))
        {
            return services;
        }

        // No request logging: a sessionWebhook's query is a credential, and the token rides in a header.
        services.AddHttpClient(DingTalkHttp.ClientName, client => client.Timeout = CallTimeout).RemoveAllLoggers();
        services.AddSingleton<DingTalkAccessTokens>();
        services.AddSingleton<DingTalkOpenApi>();
        services.AddSingleton<IChannelSender, DingTalkSender>();
        return services;
    }

    /// <summary>Maps nothing when no app is configured.</summary>
    public static IEndpointRouteBuilder MapDingTalk(this IEndpointRouteBuilder routes)
    {
        // Read from configuration, not the options: their validation belongs to start-up, where it is explained.
        if (!HasApps(routes.ServiceProvider.GetRequiredService<IConfiguration>()))
        {
            return routes;
        }

        var group = routes.MapGroup("/channels/dingtalk/{app}").WithTags("DingTalk").ExcludeFromDescription();
        group.MapPost("/callback", DingTalkRobotCallback.Handle);
        group.MapPost("/events", DingTalkEventCallback.Handle);
        return routes;
    }

    private static bool HasApps(IConfiguration configuration) =>
        configuration.GetSection($"{DingTalkOptions.SectionName}:Apps").GetChildren().Any();
}
