using CustomerService.Abstractions.Customers;
using CustomerService.Plugins;
using CustomerService.Plugins.Handoff;
using CustomerService.Plugins.Tagging;
using CustomerService.Plugins.Tickets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class PluginsExtensions
{
    /// <summary>
    /// The agent's tools. Singletons: they hold no per-turn state, because identity comes from the
    /// AsyncLocal <see cref="IConversationContextAccessor"/> the pipeline sets around each turn. The ports
    /// (<see cref="ICustomerTags"/>, ticket store, event bus) come from the building blocks.
    /// Resolve <see cref="AgentTools"/> or <c>IEnumerable&lt;AIFunction&gt;</c> for the tool list.
    /// </summary>
    public static IServiceCollection AddPlugins(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConversationContextAccessor, ConversationContextAccessor>();

        services.AddSingleton<TaggingPlugin>();
        services.AddSingleton<TicketPlugin>();
        services.AddSingleton<HandoffPlugin>();
        services.AddSingleton<AgentTools>();
        for (var i = 0; i < AgentTools.Count; i++)
        {
            var index = i;
            services.AddSingleton<AIFunction>(sp => sp.GetRequiredService<AgentTools>().Functions[index]);
        }

        return services;
    }
}
