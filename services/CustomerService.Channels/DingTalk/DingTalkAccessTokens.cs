using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CustomerService.Channels.DingTalk;

/// <summary>
/// Each app's OpenAPI access token (spec §1: <c>POST /v1.0/oauth2/accessToken</c>, valid <c>expireIn</c> seconds). Cached
/// and refreshed ahead of expiry, one refresh per app at a time however many replies wait: the endpoint is throttled.
/// </summary>
public sealed class DingTalkAccessTokens(IHttpClientFactory clients, IOptions<DingTalkOptions> options, TimeProvider time) : IDisposable
{
    /// <summary>How early a token is refreshed: DingTalk's guide suggests about ten minutes (half the lifetime when shorter).</summary>
    public static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The app's cached token, or a fresh one when none is cached or it is about to expire.</summary>
    /// <exception cref="DingTalkApiException">DingTalk refused the app's key and secret, or did not answer.</exception>
    public async Task<string> GetAsync(DingTalkApp app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var slot = _slots.GetOrAdd(app.Name, _ => new Slot());
        if (Volatile.Read(ref slot.Current) is { } cached && time.GetUtcNow() < cached.RefreshAt)
        {
            return cached.Token;
        }

        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            // Whoever waited behind the refresh finds its result here.
            if (Volatile.Read(ref slot.Current) is { } refreshed && time.GetUtcNow() < refreshed.RefreshAt)
            {
                return refreshed.Token;
            }

            var fresh = await FetchAsync(app, cancellationToken);
            Volatile.Write(ref slot.Current, fresh);
            return fresh.Token;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>
    /// Forgets <paramref name="token"/> after DingTalk called it invalid. Only that token: when a concurrent caller already
    /// replaced it, the replacement stays and no second refresh happens.
    /// </summary>
    public void Invalidate(DingTalkApp app, string token)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (_slots.TryGetValue(app.Name, out var slot) && Volatile.Read(ref slot.Current) is { } current && current.Token == token)
        {
            Interlocked.CompareExchange(ref slot.Current, null, current);
        }
    }

    private async Task<Cached> FetchAsync(DingTalkApp app, CancellationToken cancellationToken)
    {
        const string Operation = "accessToken";
        var requestedAt = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBaseUrl.TrimEnd('/') + "/v1.0/oauth2/accessToken"))
        {
            Content = JsonContent.Create(new { appKey = app.AppKey, appSecret = app.AppSecret }),
        };
        var body = await DingTalkHttp.SendAsync(clients.CreateClient(DingTalkHttp.ClientName), request, Operation, cancellationToken);
        if (!body.TryGetProperty("accessToken", out var token) || token.ValueKind != JsonValueKind.String || token.GetString() is not { Length: > 0 } value
            || !body.TryGetProperty("expireIn", out var expireIn) || expireIn.ValueKind != JsonValueKind.Number
            || !expireIn.TryGetInt64(out var seconds) || seconds <= 0)
        {
            throw new DingTalkApiException(Operation, 200, "no accessToken and expireIn");
        }

        var lifetime = TimeSpan.FromSeconds(seconds);
        var ahead = lifetime / 2 < RefreshAhead ? lifetime / 2 : RefreshAhead;
        return new Cached(value, requestedAt + lifetime - ahead);
    }

    public void Dispose()
    {
        foreach (var slot in _slots.Values)
        {
            slot.Dispose();
        }
    }

    private sealed record Cached(string Token, DateTimeOffset RefreshAt);

    private sealed class Slot : IDisposable
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public Cached? Current;

        public void Dispose() => Gate.Dispose();
    }
}
