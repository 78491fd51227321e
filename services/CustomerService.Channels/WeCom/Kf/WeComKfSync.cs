using System.Collections.Concurrent;
using CustomerService.Abstractions.Messaging;
using CustomerService.Abstractions.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerService.Channels.WeCom.Kf;

/// <summary>
/// Pulls a kf account's news with <c>kf/sync_msg</c> (spec §8.2): from the cursor stored for (app, open_kfid), page after page
/// while <c>has_more</c>, every item handed to <see cref="WeComKfInbox"/>. A page's cursor is stored only after its items were
/// handled, so a crash re-reads the page instead of losing it (the items' event ids drop what was already published). Pulls of the
/// same account run one at a time here; the cursor's ETag keeps a second process from moving it back.
/// </summary>
public sealed partial class WeComKfSync(
    IOptions<WeComKfOptions> options,
    WeComAccessTokens tokens,
    WeComKfApi api,
    WeComKfInbox inbox,
    IStateStore state,
    TimeProvider time,
    ILogger<WeComKfSync> logger)
{
    /// <summary>A bound on one pull (1000 pages of up to 1000 messages); the next callback goes on from the stored cursor.</summary>
    public const int MaxPages = 1000;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _accounts = new(StringComparer.Ordinal);

    public static string CursorKey(string app, string openKfid) => $"wecom-kf:cursor:{app}:{openKfid}";

    public async Task PullAsync(WeComKfEventReceived news, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(news);
        var gate = _accounts.GetOrAdd(CursorKey(news.App, news.OpenKfId), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await PullPagesAsync(news, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task PullPagesAsync(WeComKfEventReceived news, CancellationToken cancellationToken)
    {
        var key = CursorKey(news.App, news.OpenKfId);
        var stored = await state.GetAsync<WeComKfCursor>(key, cancellationToken);
        var (cursor, etag) = (stored?.Value.Cursor, stored?.ETag);
        var callbackToken = string.IsNullOrEmpty(news.Token) ? null : news.Token;
        var messages = 0;
        for (var page = 1; page <= MaxPages; page++)
        {
            var request = new WeComKfSyncRequest(cursor, callbackToken, options.Value.SyncLimit, news.OpenKfId);
            var response = await tokens.CallAsync(news.App, "kf/sync_msg", (token, c) => api.SyncAsync(token, request, c), cancellationToken);
            foreach (var item in response.MsgList)
            {
                await inbox.HandleAsync(news.App, news.OpenKfId, item, cancellationToken);
            }

            messages += response.MsgList.Count;
            var next = string.IsNullOrEmpty(response.NextCursor) ? cursor : response.NextCursor;
            if (next != cursor)
            {
                try
                {
                    // Not cancelled with the pull: the page's items are handled, and the cursor is what says so.
                    etag = await state.SaveAsync(key, new WeComKfCursor(next!, time.GetUtcNow()), etag, CancellationToken.None);
                    cursor = next;
                }
                catch (StateConflictException)
                {
                    // Another process moved the cursor: go on from where it stands (what both read is dropped by event id).
                    stored = await state.GetAsync<WeComKfCursor>(key, cancellationToken);
                    (cursor, etag) = (stored?.Value.Cursor, stored?.ETag);
                    LogCursorMoved(logger, news.OpenKfId, news.App);
                    continue;
                }
            }
            else if (response.HasMore == 1)
            {
                LogStuck(logger, news.OpenKfId, news.App); // has_more without a new cursor would loop forever
                break;
            }

            if (response.HasMore != 1)
            {
                LogPulled(logger, news.OpenKfId, news.App, messages, page);
                return;
            }
        }
    }

    /// <summary>Where the next pull of a kf account starts (<c>next_cursor</c> of the last page handled).</summary>
    public sealed record WeComKfCursor(string Cursor, DateTimeOffset SavedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "微信客服 kf account {OpenKfId} on app {App}: {Count} items pulled in {Pages} page(s)")]
    private static partial void LogPulled(ILogger logger, string openKfId, string app, int count, int pages);

    [LoggerMessage(Level = LogLevel.Information, Message = "微信客服 cursor of kf account {OpenKfId} on app {App} was moved by another pull: going on from it")]
    private static partial void LogCursorMoved(ILogger logger, string openKfId, string app);

    [LoggerMessage(Level = LogLevel.Warning, Message = "微信客服 sync_msg of kf account {OpenKfId} on app {App} said has_more without a new cursor: stopped")]
    private static partial void LogStuck(ILogger logger, string openKfId, string app);
}

/// <summary>Hands <see cref="WeComKfEventReceived"/> from the bus to <see cref="WeComKfSync"/>, which outlives the delivery's scope.</summary>
internal sealed class WeComKfEventHandler(WeComKfSync sync) : IIntegrationEventHandler<WeComKfEventReceived>
{
    public Task HandleAsync(WeComKfEventReceived @event, CancellationToken cancellationToken) => sync.PullAsync(@event, cancellationToken);
}
