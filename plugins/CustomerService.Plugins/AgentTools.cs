using System.Reflection;
using CustomerService.Plugins.Handoff;
using CustomerService.Plugins.Tagging;
using CustomerService.Plugins.Tickets;
using Microsoft.Extensions.AI;

namespace CustomerService.Plugins;

/// <summary>
/// The plugins as the tools an LLM sees: snake_case names, descriptions and parameter schemas taken
/// from the <c>[Description]</c> attributes. Built once; identity is read per call from the conversation context.
/// </summary>
public sealed class AgentTools
{
    public const string AddTag = "add_tag";
    public const string RemoveTag = "remove_tag";
    public const string CreateTicket = "create_ticket";
    public const string RequestHuman = "request_human";

    /// <summary>How many tools there are, so each can be registered as an <see cref="AIFunction"/> service.</summary>
    internal const int Count = 4;

    public AgentTools(TaggingPlugin tagging, TicketPlugin tickets, HandoffPlugin handoff)
    {
        Functions =
        [
            Tool(tagging, nameof(TaggingPlugin.AddTagAsync), AddTag),
            Tool(tagging, nameof(TaggingPlugin.RemoveTagAsync), RemoveTag),
            Tool(tickets, nameof(TicketPlugin.CreateTicketAsync), CreateTicket),
            Tool(handoff, nameof(HandoffPlugin.RequestHumanAsync), RequestHuman),
        ];
    }

    public IReadOnlyList<AIFunction> Functions { get; }

    private static AIFunction Tool(object plugin, string method, string name) =>
        // A null description makes the factory read the method's [Description].
        AIFunctionFactory.Create(
            plugin.GetType().GetMethod(method, BindingFlags.Public | BindingFlags.Instance)
                ?? throw new InvalidOperationException($"{plugin.GetType().Name} has no method {method}."),
            plugin, name, description: null);
}
