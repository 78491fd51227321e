using CustomerService.Abstractions.Messaging;

namespace CustomerService.Abstractions.Tickets;

public sealed record TicketCreated(
    string TicketId,
    string CustomerId,
    string ConversationId,
    string Category,
    TicketUrgency Urgency) : IntegrationEvent;
