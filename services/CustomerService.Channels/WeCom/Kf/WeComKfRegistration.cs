using CustomerService.Abstractions.Channels;
using CustomerService.Abstractions.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CustomerService.Channels.WeCom.Kf;

public static class WeComKfRegistration
{
    /// <summary>
    /// 微信客服 on top of the WeCom apps (called by <see cref="WeComCallbackApi.AddWeCom"/> once an app is configured): the pull on each
    /// kf_msg_or_event, the <c>wecom-kf</c> sender and the hand-off to people.
    /// </summary>
    public static IServiceCollection AddWeComKf(this IServiceCollection services)
    {
        services.AddOptions<WeComKfOptions>().BindConfiguration(WeComKfOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WeComKfOptions>, WeComKfOptionsValidator>();
        services.AddSingleton<WeComKfApi>();
        services.AddSingleton<WeComKfSessions>();
        services.AddSingleton<WeComKfInbox>();
        services.AddSingleton<WeComKfSync>();
        services.AddEventHandler<WeComKfEventReceived, WeComKfEventHandler>();
        services.AddEventHandler<HandoffRequested, WeComKfHandoff>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelSender, WeComKfSender>());
        return services;
    }
}
