using System.ComponentModel;
using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Messaging;
using CustomerService.Abstractions.Tickets;

namespace CustomerService.Plugins.Tickets;

/// <summary>Tickets for questions a person has to follow up on, filed for the current customer and conversation.</summary>
public sealed class TicketPlugin(ITicketStore tickets, IEventBus bus, IConversationContextAccessor conversation, TimeProvider time)
{
    // Only the names: Enum.TryParse would also accept "2" or "Low, High" from the model.
    private static readonly Dictionary<string, TicketUrgency> Urgencies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["low"] = TicketUrgency.Low,
        ["normal"] = TicketUrgency.Normal,
        ["high"] = TicketUrgency.High,
        ["urgent"] = TicketUrgency.Urgent,
    };

    [Description("Creates a ticket so that a person follows up a question the bot cannot settle now (e.g. a refund that has not arrived, or a message left outside business hours). Returns the ticket number to tell the customer.")]
    public async Task<string> CreateTicketAsync(
        [Description("The customer's question or request in their own words, with the details needed to follow up (order number, amounts, dates).")] string question,
        [Description("A short category, e.g. 退款, 物流, 发票, 投诉.")] string category,
        [Description("How urgent it is: one of low, normal, high, urgent.")] string urgency,
        CancellationToken cancellationToken = default)
    {
        if (conversation.Current is not { } context)
        {
            return PluginReplies.NoConversation;
        }

        if (string.IsNullOrWhiteSpace(question) || question.Trim().Length > Ticket.MaxQuestionLength)
        {
            return $"Error: the question must be 1 to {Ticket.MaxQuestionLength} characters. No ticket was created.";
        }

        if (string.IsNullOrWhiteSpace(category) || category.Trim().Length > Ticket.MaxCategoryLength)
        {
            return $"Error: the category must be 1 to {Ticket.MaxCategoryLength} characters. No ticket was created.";
        }

        if (!Urgencies.TryGetValue(urgency?.Trim() ?? "", out var level))
        {
            return $"Error: urgency '{urgency}' is not allowed; use one of low, normal, high, urgent. No ticket was created.";
        }

        var ticket = await tickets.CreateAsync(
            new Ticket("", context.CustomerId, context.ConversationId, context.Channel, question.Trim(), category.Trim(),
                level, TicketStatus.Open, time.GetUtcNow()),
            cancellationToken);
        await bus.PublishAsync(
            new TicketCreated(ticket.Id, ticket.CustomerId, ticket.ConversationId, ticket.Category, ticket.Urgency) { OccurredAt = time.GetUtcNow() },
            cancellationToken);
        return $"{Ticket.CreatedConfirmation} {ticket.Id} (category {ticket.Category}, urgency {ticket.Urgency}). Give the customer the number {ticket.Id}; a person will follow up.";
    }
}
