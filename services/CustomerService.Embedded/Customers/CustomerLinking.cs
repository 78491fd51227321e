using CustomerService.Abstractions.Customers;
using CustomerService.Embedded.Messaging;
using CustomerService.Embedded.Storage;
using Microsoft.Data.Sqlite;

namespace CustomerService.Embedded.Customers;

/// <summary>What a resolution did: the customer, whom it merged (and on which identifier), what it kept apart.</summary>
internal sealed record LinkOutcome(
    CustomerProfile Profile,
    IReadOnlyList<(string MergedId, string Reason)> Merged,
    IReadOnlyList<(string Kind, string HolderId)> Conflicts,
    bool Notify);

/// <summary>
/// One resolution inside the write transaction: link the account, attach the verified identifiers, merge the customers they
/// prove to be one.
/// <para>
/// Conflicts are settled deliberately, never by guessing. A customer holds one phone, one UnionID and one website login,
/// so identifiers of one kind that differ belong to different people (a recycled or shared phone number): such customers
/// are never merged, and an identifier is never attached to a customer holding another of its kind. An account keeps
/// the customer it has; if that customer clashes with what the account now presents, nothing is merged and only what
/// agrees is attached. Otherwise the owners of the presented identifiers join, strongest identifier first (UnionID,
/// external_userid, website login, phone), each only if it agrees with everything joined so far; a new account whose
/// identifiers match no agreeing customer gets a new one. Each clash is logged (ids only) for staff to settle.
/// </para>
/// </summary>
internal sealed class CustomerLinking(SqliteConnection c, SqliteTransaction t, DateTimeOffset now, CancellationToken cancellationToken)
{
    public async Task<LinkOutcome> LinkAsync(ChannelAccount account, IReadOnlyList<Identifier> identifiers, SqliteEventBus bus)
    {
        var accountOwner = await CustomerRows.OwnerOfAsync(c, t, account, cancellationToken);
        List<(Identifier Identifier, string? Owner)> claims = [];
        foreach (var identifier in identifiers)
        {
            claims.Add((identifier, await CustomerRows.OwnerOfAsync(c, t, identifier, cancellationToken)));
        }

        List<(string Id, StaffFields Fields)> group = [];
        List<Identifier> held = []; // what the group's customers hold between them
        List<(string Kind, string HolderId)> conflicts = [];
        var apart = false;
        if (accountOwner is not null)
        {
            group.Add((accountOwner, await FieldsOfAsync(accountOwner)));
            held = await CustomerRows.IdentifiersOfAsync(c, t, accountOwner, cancellationToken);
            if (CustomerIdentifiers.Clash(held, identifiers) is { } kind)
            {
                apart = true;
                conflicts.Add((kind, accountOwner));
            }
        }

        foreach (var owner in apart ? [] : claims.Select(x => x.Owner).OfType<string>().Distinct(StringComparer.Ordinal).Where(o => o != accountOwner))
        {
            var theirs = await CustomerRows.IdentifiersOfAsync(c, t, owner, cancellationToken);
            if (CustomerIdentifiers.Clash(held.Concat(identifiers), theirs) is { } kind)
            {
                conflicts.Add((kind, owner));
                continue;
            }

            group.Add((owner, await FieldsOfAsync(owner)));
            held.AddRange(theirs);
        }

        List<(string MergedId, string Reason)> merged = [];
        var notify = false;
        string survivor;
        if (group.Count == 0)
        {
            survivor = await CreateAsync();
        }
        else
        {
            // The older customer survives: its id is the one staff and earlier tickets already know.
            var oldest = group.MinBy(g => (g.Fields.CreatedAt, g.Id), Comparer<(DateTimeOffset, string)>.Create(Oldest));
            survivor = oldest.Id;
            var fields = oldest.Fields;
            foreach (var (id, theirFields) in group.Where(g => g.Id != survivor))
            {
                var reason = claims.FirstOrDefault(x => x.Owner == id).Identifier?.Kind
                    ?? claims.First(x => x.Owner is not null && x.Owner != id && group.Exists(g => g.Id == x.Owner)).Identifier.Kind;
                notify |= await MergeAsync(survivor, id, reason, bus);
                merged.Add((id, reason));
                fields = fields.MergedWith(theirFields);
            }

            if (merged.Count > 0)
            {
                await WriteStaffFieldsAsync(survivor, fields);
            }
        }

        if (accountOwner is null)
        {
            await c.ExecuteAsync(
                "INSERT INTO customer_accounts (channel, account_id, customer_id, linked_at) VALUES (@channel, @account, @customer, @now)",
                t, cancellationToken, ("@channel", account.Channel), ("@account", account.AccountId), ("@customer", survivor), ("@now", now.ToUnixMs()));
        }

        // Identifiers nobody holds yet; one owned by a customer kept apart stays with that customer.
        foreach (var (identifier, _) in claims.Where(x => x.Owner is null))
        {
            if (CustomerIdentifiers.Compatible(held, [identifier]))
            {
                await c.ExecuteAsync(
                    "INSERT INTO customer_identifiers (kind, value, customer_id, verified_at) VALUES (@kind, @value, @customer, @now)",
                    t, cancellationToken, ("@kind", identifier.Kind), ("@value", identifier.Value), ("@customer", survivor), ("@now", now.ToUnixMs()));
                held.Add(identifier);
            }
        }

        var profile = await CustomerRows.ProfileAsync(c, t, survivor, cancellationToken)
            ?? throw new InvalidOperationException($"Customer '{survivor}' vanished while it was being resolved.");
        return new LinkOutcome(profile, merged, conflicts, notify);
    }

    private async Task<StaffFields> FieldsOfAsync(string id) =>
        await CustomerRows.StaffFieldsOfAsync(c, t, id, cancellationToken)
            ?? throw new InvalidOperationException($"Customer '{id}' is linked but has no row.");

    private async Task<string> CreateAsync()
    {
        var id = $"cus_{Guid.CreateVersion7(now):N}";
        await c.ExecuteAsync("INSERT INTO customers (id, created_at) VALUES (@id, @now)", t, cancellationToken, ("@id", id), ("@now", now.ToUnixMs()));
        return id;
    }

    /// <summary>Moves everything of <paramref name="mergedId"/> to the survivor and leaves its id behind as an alias.</summary>
    private async Task<bool> MergeAsync(string survivor, string mergedId, string reason, SqliteEventBus bus)
    {
        (string, object?)[] ids = [("@survivor", survivor), ("@merged", mergedId), ("@now", now.ToUnixMs())];
        await c.ExecuteAsync("UPDATE customer_accounts SET customer_id = @survivor WHERE customer_id = @merged", t, cancellationToken, ids);
        await c.ExecuteAsync("UPDATE customer_identifiers SET customer_id = @survivor WHERE customer_id = @merged", t, cancellationToken, ids);
        // Tags are unioned; a tag both had keeps its first source, as ICustomerTags promises.
        await c.ExecuteAsync(
            """
            INSERT INTO customer_tags (customer_id, tag, source, added_at)
            SELECT @survivor, tag, source, added_at FROM customer_tags WHERE customer_id = @merged
            ON CONFLICT (customer_id, tag) DO UPDATE SET source = excluded.source, added_at = excluded.added_at
              WHERE excluded.added_at < customer_tags.added_at
            """, t, cancellationToken, ids);
        await c.ExecuteAsync("DELETE FROM customer_tags WHERE customer_id = @merged", t, cancellationToken, ids);
        // Sources likewise: an arrival both made keeps the earlier one, so the survivor's first touch is the earliest of the two.
        await c.ExecuteAsync(
            """
            INSERT INTO customer_sources (customer_id, code, params, channel, first_seen_at)
            SELECT @survivor, code, params, channel, first_seen_at FROM customer_sources WHERE customer_id = @merged
            ON CONFLICT (customer_id, code, params) DO UPDATE SET channel = excluded.channel, first_seen_at = excluded.first_seen_at
              WHERE excluded.first_seen_at < customer_sources.first_seen_at
            """, t, cancellationToken, ids);
        await c.ExecuteAsync("DELETE FROM customer_sources WHERE customer_id = @merged", t, cancellationToken, ids);
        await c.ExecuteAsync("UPDATE tickets SET customer_id = @survivor WHERE customer_id = @merged", t, cancellationToken, ids);
        await c.ExecuteAsync("DELETE FROM customers WHERE id = @merged", t, cancellationToken, ids);
        await c.ExecuteAsync("UPDATE customer_aliases SET survivor_id = @survivor WHERE survivor_id = @merged", t, cancellationToken, ids);
        await c.ExecuteAsync("INSERT INTO customer_aliases (merged_id, survivor_id, merged_at) VALUES (@merged, @survivor, @now)",
            t, cancellationToken, ids);
        return await bus.EnlistAsync(c, t, new CustomersMerged(survivor, mergedId, reason) { OccurredAt = now }, cancellationToken);
    }

    private Task<int> WriteStaffFieldsAsync(string id, StaffFields fields) => c.ExecuteAsync(
        """
        UPDATE customers SET vip_level = @vip, last_human_agent = @agent, birthday = @birthday, membership_expires_at = @expiry
        WHERE id = @id
        """,
        t, cancellationToken, ("@id", id), ("@vip", fields.VipLevel), ("@agent", fields.LastHumanAgent),
        ("@birthday", fields.Birthday?.ToString(CustomerRows.DateFormat, System.Globalization.CultureInfo.InvariantCulture)),
        ("@expiry", fields.MembershipExpiresAt?.ToUnixMs()));

    private static int Oldest((DateTimeOffset CreatedAt, string Id) a, (DateTimeOffset CreatedAt, string Id) b)
    {
        var byTime = a.CreatedAt.CompareTo(b.CreatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Id, b.Id);
    }
}
