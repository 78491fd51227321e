using System.Collections.Concurrent;

namespace CustomerService.Channels;

/// <summary>
/// One access token per app, as vendor APIs hand them out (WeCom's gettoken, DingTalk's accessToken): cached until shortly
/// before it lapses, fetched by one caller while the others wait for its result (token endpoints are throttled), and dropped
/// when the API calls it invalid — only if it is still the cached one, so a late caller does not cause a second refresh.
/// </summary>
public sealed class AccessTokenCache(TimeProvider time, TimeSpan refreshAhead) : IDisposable
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The app's cached token, or one <paramref name="fetch"/> gets (the token and how long it lives) when none is fresh.</summary>
    public async Task<string> GetAsync(string app, Func<CancellationToken, Task<(string Token, TimeSpan Lifetime)>> fetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var slot = _slots.GetOrAdd(app, _ => new Slot());
        if (Fresh(slot) is { } cached)
        {
            return cached;
        }

        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(slot) is { } refreshed)
            {
                return refreshed; // another caller refreshed it while this one waited
            }

            var requestedAt = time.GetUtcNow();
            var (token, lifetime) = await fetch(cancellationToken);
            // Replaced ahead of expiry (at most half its lifetime), so no call carries a token about to lapse.
            var ahead = lifetime / 2 < refreshAhead ? lifetime / 2 : refreshAhead;
            Volatile.Write(ref slot.Current, new Cached(token, requestedAt + lifetime - ahead));
            return token;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Drops <paramref name="token"/> if it is still the app's cached one; a token another caller already replaced stays.</summary>
    public void Invalidate(string app, string token)
    {
        if (_slots.TryGetValue(app, out var slot) && Volatile.Read(ref slot.Current) is { } current && current.Token == token)
        {
            Interlocked.CompareExchange(ref slot.Current, null, current);
        }
    }

    public void Dispose()
    {
        foreach (var slot in _slots.Values)
        {
            slot.Dispose();
        }
    }

    private string? Fresh(Slot slot) => Volatile.Read(ref slot.Current) is { } cached && time.GetUtcNow() < cached.RefreshAt ? cached.Token : null;

    private sealed record Cached(string Token, DateTimeOffset RefreshAt);

    private sealed class Slot : IDisposable
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public Cached? Current;

        public void Dispose() => Gate.Dispose();
    }
}
