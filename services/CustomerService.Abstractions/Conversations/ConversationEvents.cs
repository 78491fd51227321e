using CustomerService.Abstractions.Messaging;

namespace CustomerService.Abstractions.Conversations;

/// <summary>The bot could not answer well enough, or the customer asked for a person.</summary>
public sealed record HandoffRequested(
    string ConversationId,
    string Channel,
    string CustomerId,
    string Reason,
    double Confidence) : IntegrationEvent;

/// <summary>The conversation ended (the customer signed off, or an agent closed it); journeys such as the satisfaction survey start here.</summary>
public sealed record ConversationClosed(
    string ConversationId,
    string Channel,
    string CustomerId,
    string Reason) : IntegrationEvent;
