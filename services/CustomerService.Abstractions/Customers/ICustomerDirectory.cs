namespace CustomerService.Abstractions.Customers;

/// <summary>
/// OneID: which customer a channel account belongs to. Accounts are linked, and customers merged, only on
/// verified identifiers (phone, WeCom UnionID or external_userid, the website's user id).
/// </summary>
public interface ICustomerDirectory
{
    /// <summary>
    /// The customer of an inbound account, created on first contact. Verified identifiers that belong to another
    /// customer link the account to it, merging the two customers (the older survives) when both exist.
    /// </summary>
    Task<CustomerResolution> ResolveAsync(ChannelAccount account, VerifiedIdentity? identity, CancellationToken cancellationToken = default);

    /// <summary>The customer; an id merged away finds the customer it was merged into.</summary>
    Task<CustomerProfile?> FindAsync(string customerId, CancellationToken cancellationToken = default);

    Task<CustomerProfile?> FindByAccountAsync(ChannelAccount account, CancellationToken cancellationToken = default);

    /// <summary>Changes the staff-maintained fields; null when there is no such customer.</summary>
    Task<CustomerProfile?> UpdateAsync(string customerId, CustomerProfileUpdate update, CancellationToken cancellationToken = default);
}

/// <param name="MergedIds">Customers merged into <paramref name="Profile"/> by this resolution; empty almost always.</param>
public sealed record CustomerResolution(CustomerProfile Profile, IReadOnlyList<string> MergedIds);

/// <summary>The staff-maintained fields to change; a null <see cref="Change{T}"/> leaves its field as it is.</summary>
public sealed record CustomerProfileUpdate
{
    public Change<int?>? VipLevel { get; init; }

    public Change<string?>? LastHumanAgent { get; init; }

    public Change<DateOnly?>? Birthday { get; init; }

    public Change<DateTimeOffset?>? MembershipExpiresAt { get; init; }
}

/// <summary>A new value for a field; a null value clears it.</summary>
public sealed record Change<T>(T Value);
