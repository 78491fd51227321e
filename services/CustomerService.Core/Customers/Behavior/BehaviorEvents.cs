using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Messaging;
using CustomerService.Abstractions.State;
using CustomerService.Core.Policies.AutoTagging;
using Microsoft.Extensions.Logging;

namespace CustomerService.Core.Customers.Behavior;

/// <summary>What became of a report: recorded with the tags it added, a retry of one recorded before, or an id reused for another event.</summary>
public enum BehaviorOutcome { Recorded, Duplicate, Conflict }

/// <summary>
/// Records a behaviour event a site or marketing system reported for a customer: the <c>behavior_event</c> rules' tags,
/// then <see cref="CustomerBehaviorRecorded"/>. Idempotent on the event id, so a retried report changes nothing.
/// </summary>
public sealed partial class BehaviorEvents(
    IStateStore state, ICustomerDirectory directory, AutoTagRules rules, AutoTagger tagger, IEventBus bus, TimeProvider time,
    ILogger<BehaviorEvents> logger)
{
    private sealed record Seen(string CustomerId, string Fingerprint, DateTimeOffset ReceivedAt);

    /// <param name="customerId">The customer's current OneID.</param>
    public async Task<(BehaviorOutcome Outcome, IReadOnlyList<string> TagsAdded)> RecordAsync(string customerId, string eventId, string type,
        IReadOnlyDictionary<string, string> properties, DateTimeOffset? occurredAt, CancellationToken cancellationToken)
    {
        var key = Key(eventId);
        var fingerprint = Fingerprint(type, properties);
        if (await state.GetAsync<Seen>(key, cancellationToken) is { } seen)
        {
            return (await IsSameAsync(seen.Value, customerId, fingerprint, cancellationToken) ? BehaviorOutcome.Duplicate : BehaviorOutcome.Conflict, []);
        }

        // Tags and the event before the record: a crash in between makes the retry do them again, and both are once-only
        // (a tag is added once; the event's id comes from the report's, so the bus delivers it once).
        var now = time.GetUtcNow();
        var added = await tagger.AddAsync(customerId, rules.ForEvent(type, properties), cancellationToken);
        await bus.PublishAsync(new CustomerBehaviorRecorded(customerId, eventId, type, properties, occurredAt ?? now)
            { Id = EventIdOf(eventId), OccurredAt = now }, cancellationToken);
        try
        {
            await state.SaveAsync(key, new Seen(customerId, fingerprint, now), etag: null, cancellationToken);
        }
        catch (StateConflictException)
        {
            // A concurrent retry recorded it first; what it did is what this one did.
            return (BehaviorOutcome.Duplicate, []);
        }

        LogRecorded(logger, eventId, type, customerId, added.Count);
        return (BehaviorOutcome.Recorded, added);
    }

    internal static string Key(string eventId) => $"customer-events/{eventId}";

    /// <summary>The bus event's id, derived from the report's, so a retried report cannot publish twice.</summary>
    internal static Guid EventIdOf(string eventId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"customer-behavior\n{eventId}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // RFC 9562 version 8: custom, name-based
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private static string Fingerprint(string type, IReadOnlyDictionary<string, string> properties) =>
        JsonSerializer.Serialize(new { type, properties = new SortedDictionary<string, string>(properties.ToDictionary(), StringComparer.Ordinal) });

    // The customer recorded may since have been merged into the one reported now: that is the same person.
    private async Task<bool> IsSameAsync(Seen seen, string customerId, string fingerprint, CancellationToken cancellationToken) =>
        seen.Fingerprint == fingerprint
        && (seen.CustomerId == customerId || (await directory.FindAsync(seen.CustomerId, cancellationToken))?.Id == customerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Behaviour event {EventId} ({Type}) recorded for customer {CustomerId}; {Added} tags added")]
    private static partial void LogRecorded(ILogger logger, string eventId, string type, string customerId, int added);
}
