using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerService.Channels.DingTalk;

/// <summary>The DingTalk channel's registration: options validated at start-up, and its two callbacks when an app is configured.</summary>
public static class DingTalkApi
{
    public const string Channel = "dingtalk";

    public static IServiceCollection AddDingTalk(this IServiceCollection services)
    {
        services.AddOptions<DingTalkOptions>().BindConfiguration(DingTalkOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DingTalkOptions>, DingTalkOptionsValidator>();
        services.AddSingleton<DingTalkApps>();
        services.AddSingleton<DingTalkNonceLedger>();
        return services;
    }

    /// <summary>Maps nothing when no app is configured.</summary>
    public static IEndpointRouteBuilder MapDingTalk(this IEndpointRouteBuilder routes)
    {
        // Read from configuration, not the options: their validation belongs to start-up, where it is explained.
        var configuration = routes.ServiceProvider.GetRequiredService<IConfiguration>();
        if (!configuration.GetSection($"{DingTalkOptions.SectionName}:Apps").GetChildren().Any())
        {
            return routes;
        }

        var group = routes.MapGroup("/channels/dingtalk/{app}").WithTags("DingTalk").ExcludeFromDescription();
        group.MapPost("/callback", DingTalkRobotCallback.Handle);
        group.MapPost("/events", DingTalkEventCallback.Handle);
        return routes;
    }
}
