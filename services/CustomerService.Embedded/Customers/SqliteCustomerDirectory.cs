using System.Globalization;
using CustomerService.Abstractions.Customers;
using CustomerService.Embedded.Messaging;
using CustomerService.Embedded.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CustomerService.Embedded.Customers;

/// <summary>
/// OneID over SQLite. A resolution that links or merges runs in one write transaction, together with its
/// <see cref="CustomersMerged"/> events in the outbox: a crash leaves either all of a merge or none of it.
/// </summary>
internal sealed partial class SqliteCustomerDirectory(
    SqliteDatabase database, SqliteEventBus bus, TimeProvider time, ILogger<SqliteCustomerDirectory> logger) : ICustomerDirectory
{
    public async Task<CustomerResolution> ResolveAsync(ChannelAccount account, VerifiedIdentity? identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(account.Channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(account.AccountId);
        var identifiers = CustomerIdentifiers.Of(identity);

        // The usual case reads only: a known account whose verified identifiers are already its customer's.
        await using (var connection = await database.OpenReadAsync(cancellationToken))
        {
            if (await CustomerRows.OwnerOfAsync(connection, null, account, cancellationToken) is { } owner
                && await AllHeldByAsync(connection, owner, identifiers, cancellationToken)
                && await CustomerRows.ProfileAsync(connection, null, owner, cancellationToken) is { } known)
            {
                return new CustomerResolution(known, []);
            }
        }

        var outcome = await database.WriteAsync((c, t) => new CustomerLinking(c, t, time.GetUtcNow(), cancellationToken)
            .LinkAsync(account, identifiers, bus), cancellationToken);
        if (outcome.Notify)
        {
            bus.Signal.Notify();
        }

        foreach (var (merged, reason) in outcome.Merged)
        {
            LogMerged(logger, merged, outcome.Profile.Id, reason);
        }

        foreach (var (kind, holder) in outcome.Conflicts)
        {
            LogConflict(logger, outcome.Profile.Id, kind, holder);
        }

        return new CustomerResolution(outcome.Profile, [.. outcome.Merged.Select(m => m.MergedId)]);
    }

    public async Task<CustomerProfile?> FindAsync(string customerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadAsync(cancellationToken);
        var survivor = await CustomerRows.SurvivorOfAsync(connection, null, customerId, cancellationToken);
        return await CustomerRows.ProfileAsync(connection, null, survivor, cancellationToken);
    }

    public async Task<CustomerProfile?> FindByAccountAsync(ChannelAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using var connection = await database.OpenReadAsync(cancellationToken);
        return await CustomerRows.OwnerOfAsync(connection, null, account, cancellationToken) is { } owner
            ? await CustomerRows.ProfileAsync(connection, null, owner, cancellationToken)
            : null;
    }

    public Task<CustomerProfile?> UpdateAsync(string customerId, CustomerProfileUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        return database.WriteAsync(async (c, t) =>
        {
            var id = await CustomerRows.SurvivorOfAsync(c, t, customerId, cancellationToken);
            // CASE keeps each field the update leaves out, in one statement: two staff changing different fields both win.
            await c.ExecuteAsync(
                """
                UPDATE customers SET
                  vip_level = CASE WHEN @setVip THEN @vip ELSE vip_level END,
                  last_human_agent = CASE WHEN @setAgent THEN @agent ELSE last_human_agent END,
                  birthday = CASE WHEN @setBirthday THEN @birthday ELSE birthday END,
                  membership_expires_at = CASE WHEN @setExpiry THEN @expiry ELSE membership_expires_at END
                WHERE id = @id
                """,
                t, cancellationToken, ("@id", id),
                ("@setVip", update.VipLevel is not null), ("@vip", update.VipLevel?.Value),
                ("@setAgent", update.LastHumanAgent is not null), ("@agent", update.LastHumanAgent?.Value),
                ("@setBirthday", update.Birthday is not null),
                ("@birthday", update.Birthday?.Value?.ToString(CustomerRows.DateFormat, CultureInfo.InvariantCulture)),
                ("@setExpiry", update.MembershipExpiresAt is not null), ("@expiry", update.MembershipExpiresAt?.Value?.ToUnixMs()));
            return await CustomerRows.ProfileAsync(c, t, id, cancellationToken);
        }, cancellationToken);
    }

    private static async Task<bool> AllHeldByAsync(SqliteConnection connection, string customerId, IReadOnlyList<Identifier> identifiers,
        CancellationToken cancellationToken)
    {
        foreach (var identifier in identifiers)
        {
            if (await CustomerRows.OwnerOfAsync(connection, null, identifier, cancellationToken) != customerId)
            {
                return false;
            }
        }

        return true;
    }

    // Ids only: identifiers (phone numbers) and account ids stay out of the logs.
    [LoggerMessage(Level = LogLevel.Information, Message = "Customer {MergedId} merged into {SurvivorId} on a verified {Reason}")]
    private static partial void LogMerged(ILogger logger, string mergedId, string survivorId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId}: a verified {Kind} clashes with what customer {HolderId} holds; kept apart")]
    private static partial void LogConflict(ILogger logger, string customerId, string kind, string holderId);
}
