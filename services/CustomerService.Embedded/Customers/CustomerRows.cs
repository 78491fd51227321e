using System.Globalization;
using CustomerService.Abstractions.Customers;
using CustomerService.Embedded.Storage;
using Microsoft.Data.Sqlite;

namespace CustomerService.Embedded.Customers;

/// <summary>Reads customers back from their three tables; every read takes the caller's connection (and transaction).</summary>
internal static class CustomerRows
{
    public static async Task<string> SurvivorOfAsync(SqliteConnection c, SqliteTransaction? t, string customerId, CancellationToken cancellationToken) =>
        await c.ScalarAsync("SELECT survivor_id FROM customer_aliases WHERE merged_id = @id", t, cancellationToken, ("@id", customerId)) as string
            ?? customerId;

    public static async Task<string?> OwnerOfAsync(SqliteConnection c, SqliteTransaction? t, ChannelAccount account, CancellationToken cancellationToken) =>
        await c.ScalarAsync("SELECT customer_id FROM customer_accounts WHERE channel = @channel AND account_id = @account", t, cancellationToken,
            ("@channel", account.Channel), ("@account", account.AccountId)) as string;

    public static async Task<string?> OwnerOfAsync(SqliteConnection c, SqliteTransaction? t, Identifier identifier, CancellationToken cancellationToken) =>
        await c.ScalarAsync("SELECT customer_id FROM customer_identifiers WHERE kind = @kind AND value = @value", t, cancellationToken,
            ("@kind", identifier.Kind), ("@value", identifier.Value)) as string;

    public static async Task<List<Identifier>> IdentifiersOfAsync(SqliteConnection c, SqliteTransaction? t, string customerId, CancellationToken cancellationToken)
    {
        await using var command = c.Command("SELECT kind, value FROM customer_identifiers WHERE customer_id = @id ORDER BY verified_at, kind, value",
            t, ("@id", customerId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<Identifier> identifiers = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            identifiers.Add(new Identifier(reader.GetString(0), reader.GetString(1)));
        }

        return identifiers;
    }

    public static async Task<StaffFields?> StaffFieldsOfAsync(SqliteConnection c, SqliteTransaction? t, string customerId, CancellationToken cancellationToken)
    {
        await using var command = c.Command(
            "SELECT vip_level, last_human_agent, birthday, membership_expires_at, created_at FROM customers WHERE id = @id", t, ("@id", customerId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StaffFields(
            reader.IsDBNull(0) ? null : reader.GetInt32(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : DateOnly.ParseExact(reader.GetString(2), DateFormat, CultureInfo.InvariantCulture),
            reader.IsDBNull(3) ? null : SqliteCommands.FromUnixMs(reader.GetInt64(3)),
            SqliteCommands.FromUnixMs(reader.GetInt64(4)));
    }

    /// <summary>The customer, or null when <paramref name="customerId"/> is no (surviving) customer.</summary>
    public static async Task<CustomerProfile?> ProfileAsync(SqliteConnection c, SqliteTransaction? t, string customerId, CancellationToken cancellationToken)
    {
        if (await StaffFieldsOfAsync(c, t, customerId, cancellationToken) is not { } fields)
        {
            return null;
        }

        List<ChannelAccount> accounts = [];
        await using (var command = c.Command(
            "SELECT channel, account_id FROM customer_accounts WHERE customer_id = @id ORDER BY linked_at, channel, account_id", t, ("@id", customerId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                accounts.Add(new ChannelAccount(reader.GetString(0), reader.GetString(1)));
            }
        }

        var identifiers = await IdentifiersOfAsync(c, t, customerId, cancellationToken);
        string? Single(string kind) => identifiers.FirstOrDefault(i => i.Kind == kind)?.Value;
        return new CustomerProfile(customerId, accounts, Single(CustomerIdentifiers.Phone), Single(CustomerIdentifiers.WeComUnionId),
            [.. identifiers.Where(i => i.Kind == CustomerIdentifiers.WeComExternalUserId).Select(i => i.Value)], Single(CustomerIdentifiers.SiteUser),
            fields.VipLevel, fields.LastHumanAgent, fields.Birthday, fields.MembershipExpiresAt, fields.CreatedAt);
    }

    public const string DateFormat = "yyyy-MM-dd";
}

/// <summary>A customer row: the staff-maintained fields and when the customer was first seen.</summary>
internal sealed record StaffFields(int? VipLevel, string? LastHumanAgent, DateOnly? Birthday, DateTimeOffset? MembershipExpiresAt, DateTimeOffset CreatedAt)
{
    /// <summary>
    /// What the survivor of a merge keeps: its own values, the other's where it has none, and the better of two
    /// VIP levels and membership expiries (a merge must not cost the customer a status they had on either account).
    /// </summary>
    public StaffFields MergedWith(StaffFields other) => this with
    {
        VipLevel = Max(VipLevel, other.VipLevel),
        LastHumanAgent = LastHumanAgent ?? other.LastHumanAgent,
        Birthday = Birthday ?? other.Birthday,
        MembershipExpiresAt = Max(MembershipExpiresAt, other.MembershipExpiresAt),
    };

    private static T? Max<T>(T? a, T? b) where T : struct, IComparable<T> =>
        a is { } x && b is { } y ? (x.CompareTo(y) >= 0 ? x : y) : a ?? b;
}
