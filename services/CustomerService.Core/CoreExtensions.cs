using CustomerService.Core.Agent;
using CustomerService.Core.Agent.Calibration;
using CustomerService.Core.Conversations;
using CustomerService.Core.Handoff;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class CoreExtensions
{
    /// <summary>The conversation pipeline and what it needs: knowledge, policies, the responder.</summary>
    public static IServiceCollection AddConversationServices(this IServiceCollection services)
    {
        services.AddKnowledge();

        services.AddOptions<AgentOptions>().BindConfiguration(AgentOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        services.AddSingleton<ConfidenceCalibration>();
        services.AddSingleton<IResponder, ExtractiveResponder>();

        services.AddOptions<HandoffOptions>().BindConfiguration(HandoffOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HandoffOptions>, HandoffOptionsValidator>();

        // Policies run in this order before the responder.
        services.AddSingleton<IConversationPolicy, HumanRequestPolicy>();

        services.AddSingleton<ConversationPipeline>();
        return services;
    }
}
