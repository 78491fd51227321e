using CustomerService.Abstractions.Messaging;

namespace CustomerService.Abstractions.Customers;

/// <summary>A tag was added to a customer; published only when the customer did not have it yet.</summary>
public sealed record TagAdded(string CustomerId, string Tag, string Source) : IntegrationEvent;

/// <summary>A tag was removed from a customer; published only when the customer had it.</summary>
public sealed record TagRemoved(string CustomerId, string Tag) : IntegrationEvent;

/// <summary>
/// What the agent wrote for the human who takes over a conversation. Published next to
/// <see cref="Conversations.HandoffRequested"/>, whose <c>Reason</c> stays a short routing code.
/// Belongs beside that record in Conversations/ConversationEvents.cs; it lives here until that file's owner moves it.
/// </summary>
public sealed record HandoffSummaryWritten(string ConversationId, string Reason, string Summary) : IntegrationEvent;
