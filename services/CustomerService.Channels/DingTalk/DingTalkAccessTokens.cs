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

    private readonly AccessTokenCache _cache = new(time, RefreshAhead);

    /// <summary>The app's cached token, or a fresh one when none is cached or it is about to expire.</summary>
    /// <exception cref="DingTalkApiException">DingTalk refused the app's key and secret, or did not answer.</exception>
    public Task<string> GetAsync(DingTalkApp app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        return _cache.GetAsync(app.Name, c => FetchAsync(app, c), cancellationToken);
    }

    /// <summary>
    /// Forgets <paramref name="token"/> after DingTalk called it invalid. Only that token: when a concurrent caller already
    /// replaced it, the replacement stays and no second refresh happens.
    /// </summary>
    public void Invalidate(DingTalkApp app, string token)
    {
        ArgumentNullException.ThrowIfNull(app);
        _cache.Invalidate(app.Name, token);
    }

    private async Task<(string Token, TimeSpan Lifetime)> FetchAsync(DingTalkApp app, CancellationToken cancellationToken)
    {
        const string Operation = "accessToken";
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

        return (value, TimeSpan.FromSeconds(seconds));
    }

    public void Dispose() => _cache.Dispose();
}
