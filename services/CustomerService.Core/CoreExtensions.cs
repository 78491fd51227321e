using CustomerService.Core.Agent;
using CustomerService.Abstractions.Customers;
using CustomerService.Core.Agent.Calibration;
using CustomerService.Core.Agent.FollowUps;
using CustomerService.Core.Agent.Ladder;
using CustomerService.Core.Agent.Llm;
using CustomerService.Core.BusinessHours;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using CustomerService.Core.Conversations;
using CustomerService.Core.Handoff;
using CustomerService.Core.Tickets;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class CoreExtensions
{
    /// <summary>The conversation pipeline and what it needs: knowledge, policies, the responder.</summary>
    public static IServiceCollection AddConversationServices(this IServiceCollection services)
    {
        services.AddKnowledge();
        services.AddCustomers();

        services.AddOptions<AgentOptions>().BindConfiguration(AgentOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        services.AddSingleton<ConfidenceCalibration>();
        services.AddSingleton<ConversationMemory>();
        services.AddSingleton<AnswerLadder>();
        services.AddDurableTimerHandler<ClarifyTimeoutHandler>();
        services.AddSingleton<FollowUpDetector>();
        services.AddSingleton<ExtractiveResponder>();
        services.AddSingleton<IPromptProvider, PromptFiles>();
        // With an LLM configured (Llm:Endpoint and Llm:Model) the agent writes its answers; otherwise it is extractive.
        services.AddSingleton<IResponder>(sp => sp.GetService<IChatClient>() is null
            ? sp.GetRequiredService<ExtractiveResponder>()
            : ActivatorUtilities.CreateInstance<LlmResponder>(sp));
        services.TryAddSingleton<IConversationContextAccessor, ConversationContextAccessor>();

        services.AddOptions<HandoffOptions>().BindConfiguration(HandoffOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HandoffOptions>, HandoffOptionsValidator>();

        services.AddBusinessHours();

        // Policies run in this order before the responder: sensitive words, welcome, auto-tags, then the hand-off triggers.
        services.AddPolicies();
        services.AddSingleton<IConversationPolicy, HumanRequestPolicy>();      // the clearest reason first
        services.AddSingleton<IConversationPolicy, LeaveMessagePolicy>();      // after hours, the message asked for is filed before anything reads it as a question
        services.AddSingleton<IConversationPolicy, SuggestionPickPolicy>();    // "2" answers the last suggestions before anything counts it
        services.AddSingleton<IConversationPolicy, NegativeSentimentPolicy>(); // an upset customer gets the apology
        services.AddSingleton<IConversationPolicy, RepeatedQuestionPolicy>();
        services.AddSingleton<IConversationPolicy, UnansweredTurnsPolicy>();
        services.AddSingleton<IConversationPolicy, CustomerService.Core.Conversations.Closing.ClosingPolicy>();

        services.AddSingleton<RecentMessages>();
        services.AddSingleton<ConversationActivity>();
        services.AddOptions<CustomerService.Core.Conversations.Closing.ClosingOptions>()
            .BindConfiguration(CustomerService.Core.Conversations.Closing.ClosingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CustomerService.Core.Conversations.Closing.ClosingOptions>,
            CustomerService.Core.Conversations.Closing.ClosingOptionsValidator>();
        services.AddOptions<TicketRuleOptions>().BindConfiguration(TicketRuleOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TicketRuleOptions>, TicketRuleOptionsValidator>();
        services.AddSingleton<TicketRules>();
        services.AddSingleton<ConversationPipeline>();
        services.AddChannelConversations();
        return services;
    }
}
