using CustomerService.Core.Conversations;
using CustomerService.Core.Policies.AutoTagging;
using CustomerService.Core.Policies.SensitiveWords;
using CustomerService.Core.Policies.Welcome;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class PoliciesExtensions
{
    /// <summary>
    /// Sensitive words, welcome and auto-tagging, registered in the order they must run: a blocked message
    /// stops the turn before anything else sees it (no welcome is spent on it, no tag comes from it), and
    /// later policies read the masked text.
    /// </summary>
    public static IServiceCollection AddPolicies(this IServiceCollection services)
    {
        services.AddOptions<SensitiveWordsOptions>().BindConfiguration(SensitiveWordsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SensitiveWordsOptions>, SensitiveWordsOptionsValidator>();
        services.AddOptions<WelcomeOptions>().BindConfiguration(WelcomeOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WelcomeOptions>, WelcomeOptionsValidator>();
        services.AddOptions<AutoTaggingOptions>().BindConfiguration(AutoTaggingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AutoTaggingOptions>, AutoTaggingOptionsValidator>();
        services.AddSingleton<AutoTagRules>();
        services.AddSingleton<AutoTagger>();

        services.AddSingleton<IConversationPolicy, SensitiveWordsPolicy>();
        services.AddSingleton<IConversationPolicy, WelcomePolicy>();
        services.AddSingleton<IConversationPolicy, AutoTagPolicy>();
        return services;
    }
}
