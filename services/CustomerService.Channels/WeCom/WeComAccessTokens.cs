using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerService.Channels.WeCom;

/// <summary>
/// Each app's access_token (spec §6): fetched once, cached until shortly before <c>expires_in</c>, refreshed by one caller
/// while the others wait for it (gettoken is rate-limited). WeCom may drop a token early: a call answered 40001, 40014 or
/// 42001 drops it, refreshes and is retried once (<see cref="CallAsync{T}"/>). Tokens and secrets are never logged.
/// </summary>
public sealed partial class WeComAccessTokens : IDisposable
{
    /// <summary>How long before its expiry a token is replaced (at most half its lifetime), so no call carries one about to lapse.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private static readonly FrozenSet<int> RejectedTokenCodes = [40001, 40014, 42001];

    private readonly FrozenDictionary<string, App> _apps;
    private readonly WeComApi _api;
    private readonly AccessTokenCache _cache;
    private readonly ILogger<WeComAccessTokens> _logger;

    public WeComAccessTokens(IOptions<WeComOptions> options, WeComApi api, TimeProvider time, ILogger<WeComAccessTokens> logger)
    {
        _apps = options.Value.Apps.ToFrozenDictionary(a => a.Name!, a => new App(a), StringComparer.OrdinalIgnoreCase);
        _api = api;
        _cache = new AccessTokenCache(time, RefreshMargin);
        _logger = logger;
    }

    /// <summary>True for the codes that mean "this token is no good": refresh and retry once.</summary>
    public static bool IsRejectedToken(int errorCode) => RejectedTokenCodes.Contains(errorCode);

    /// <summary>The app's token: the cached one while fresh, else one fetched by a single caller for all who wait.</summary>
    public Task<string> GetAsync(string app, CancellationToken cancellationToken)
    {
        var entry = Find(app);
        return _cache.GetAsync(entry.Name, c => FetchAsync(entry.Name, entry.Options, c), cancellationToken);
    }

    /// <summary>Drops <paramref name="token"/> if it is still the cached one; a token another caller already replaced stays.</summary>
    public void Invalidate(string app, string token) => _cache.Invalidate(Find(app).Name, token);

    public void Dispose() => _cache.Dispose();

    /// <summary>
    /// Calls a WeCom API with the app's token. A rejected token is dropped and the call retried once with a fresh one; any
    /// other non-zero errcode, or a second rejection, throws <see cref="WeComApiException"/> with its code (no loop).
    /// </summary>
    public async Task<T> CallAsync<T>(string app, string api, Func<string, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        where T : WeComResponse
    {
        ArgumentNullException.ThrowIfNull(call);
        var token = await GetAsync(app, cancellationToken);
        var response = await call(token, cancellationToken);
        if (IsRejectedToken(response.ErrCode))
        {
            LogTokenRejected(_logger, app, api, response.ErrCode);
            Invalidate(app, token);
            response = await call(await GetAsync(app, cancellationToken), cancellationToken);
        }

        return response.ErrCode == 0 ? response : throw new WeComApiException(app, api, response.ErrCode);
    }

    private async Task<(string Token, TimeSpan Lifetime)> FetchAsync(string app, WeComAppOptions options, CancellationToken cancellationToken)
    {
        var response = await _api.GetTokenAsync(options.CorpId!, options.Secret!, cancellationToken);
        if (response.ErrCode != 0)
        {
            LogRefreshFailed(_logger, app, response.ErrCode);
            throw new WeComApiException(app, "gettoken", response.ErrCode);
        }

        if (string.IsNullOrEmpty(response.AccessToken) || response.ExpiresIn <= 0)
        {
            throw new InvalidDataException($"WeCom gettoken for app '{app}' answered errcode 0 without access_token and expires_in.");
        }

        LogRefreshed(_logger, app, response.ExpiresIn);
        return (response.AccessToken, TimeSpan.FromSeconds(response.ExpiresIn));
    }

    private App Find(string app) => _apps.TryGetValue(app, out var entry)
        ? entry
        : throw new InvalidOperationException($"No WeCom app '{app}' is configured under {WeComOptions.SectionName}:Apps.");

    private sealed class App(WeComAppOptions options)
    {
        public string Name { get; } = options.Name!;

        public WeComAppOptions Options { get; } = options;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom access_token of app {App} refreshed (expires in {ExpiresIn} s)")]
    private static partial void LogRefreshed(ILogger logger, string app, int expiresIn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom gettoken for app {App} answered errcode {ErrCode}")]
    private static partial void LogRefreshFailed(ILogger logger, string app, int errCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom {Api} for app {App} rejected the access_token (errcode {ErrCode}): refreshing and retrying once")]
    private static partial void LogTokenRejected(ILogger logger, string app, string api, int errCode);
}
