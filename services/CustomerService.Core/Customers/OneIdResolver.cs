using CustomerService.Abstractions.Customers;
using Microsoft.Extensions.Caching.Memory;

namespace CustomerService.Core.Customers;

/// <summary>
/// The OneID behind each inbound account. Once resolved, an account's OneID is held in memory, so a turn costs a
/// lookup rather than a query; a merge anywhere drops everything held (merges are rare, re-reading is cheap).
/// </summary>
public sealed class OneIdResolver(ICustomerDirectory directory) : IDisposable
{
    private static readonly MemoryCacheEntryOptions Entry = new() { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) };
    private readonly MemoryCache _held = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private long _generation;

    private sealed record Held(string CustomerId, VerifiedIdentity? Identity, long Generation);

    public async ValueTask<string> ResolveAsync(string channel, string accountId, VerifiedIdentity? identity, CancellationToken cancellationToken)
    {
        var key = (channel, accountId);
        var generation = Interlocked.Read(ref _generation);
        // A verified identity not seen with this account yet may link or merge: that goes to the directory.
        if (_held.TryGetValue(key, out Held? held) && held is not null && held.Generation == generation
            && (identity is null || identity.Equals(held.Identity)))
        {
            return held.CustomerId;
        }

        var resolution = await directory.ResolveAsync(new ChannelAccount(channel, accountId), identity, cancellationToken);
        if (resolution.MergedIds.Count > 0)
        {
            Forget();
        }
        else
        {
            // Held under the generation read before the query: a merge meanwhile leaves this entry stale, not wrong.
            _held.Set(key, new Held(resolution.Profile.Id, identity, generation), Entry);
        }

        return resolution.Profile.Id;
    }

    /// <summary>Drops every OneID held: some customer was merged, and accounts held under its id now belong to the survivor.</summary>
    public void Forget() => Interlocked.Increment(ref _generation);

    public void Dispose() => _held.Dispose();
}
