using CustomerService.Abstractions.Customers;

namespace CustomerService.UnitTests.Customers;

/// <summary>One customer per account (<c>one-</c> + account id) unless a test says otherwise; counts the resolutions that reach it.</summary>
internal sealed class CountingCustomerDirectory : ICustomerDirectory
{
    private int _resolutions;

    public int Resolutions => _resolutions;

    /// <summary>What the next resolution answers instead of the default: the customer id and whom it merged.</summary>
    public (string CustomerId, string[] MergedIds)? Next { get; set; }

    public Task<CustomerResolution> ResolveAsync(ChannelAccount account, VerifiedIdentity? identity, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _resolutions);
        var (id, merged) = Next ?? ($"one-{account.AccountId}", []);
        Next = null;
        return Task.FromResult(new CustomerResolution(Profile(id, account), merged));
    }

    public Task<CustomerProfile?> FindAsync(string customerId, CancellationToken cancellationToken = default) =>
        Task.FromResult<CustomerProfile?>(null);

    public Task<CustomerProfile?> FindByAccountAsync(ChannelAccount account, CancellationToken cancellationToken = default) =>
        Task.FromResult<CustomerProfile?>(null);

    public Task<CustomerProfile?> UpdateAsync(string customerId, CustomerProfileUpdate update, CancellationToken cancellationToken = default) =>
        Task.FromResult<CustomerProfile?>(null);

    private static CustomerProfile Profile(string id, ChannelAccount account) =>
        new(id, [account], null, null, [], null, null, null, null, null, DateTimeOffset.UnixEpoch);
}
