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

/// <summary>
/// Two customers turned out to be one (a verified identifier they share): <paramref name="MergedId"/> now resolves to
/// <paramref name="SurvivorId"/>, which holds its accounts, identifiers, tags and tickets.
/// </summary>
/// <param name="Reason">The identifier that matched: <c>phone</c>, <c>wecom_unionid</c>, <c>wecom_external_userid</c> or <c>site_user</c>.</param>
public sealed record CustomersMerged(string SurvivorId, string MergedId, string Reason) : IntegrationEvent;

/// <summary>
/// A site or marketing system reported what a customer did (clicked a link, joined a campaign); published once per
/// reported event id, after the <c>behavior_event</c> rules' tags were added. Journeys hang off it.
/// </summary>
/// <param name="EventId">The reporter's id of the event, the idempotency key of the report.</param>
/// <param name="Type">What happened: <c>link_clicked</c>, <c>campaign_joined</c> …</param>
/// <param name="Properties">What the reporter said about it (<c>link</c>, <c>campaign</c> …).</param>
/// <param name="HappenedAt">When the customer did it, as reported; when it was received if the reporter did not say.</param>
public sealed record CustomerBehaviorRecorded(
    string CustomerId, string EventId, string Type, IReadOnlyDictionary<string, string> Properties, DateTimeOffset HappenedAt)
    : IntegrationEvent;
