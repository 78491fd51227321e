using CustomerService.Abstractions.State;

namespace CustomerService.Channels.WeCom.Kf;

/// <summary>Who answers a kf customer now (spec §8.5): the bot may send only while it does.</summary>
public enum WeComKfOwner
{
    /// <summary>Never seen: ask <c>kf/service_state/get</c>.</summary>
    Unknown,

    /// <summary>States 0 (new) and 1 (bot).</summary>
    Bot,

    /// <summary>State 2: waiting in the queue for a servicer.</summary>
    Queue,

    /// <summary>State 3: a servicer has it.</summary>
    Human,

    /// <summary>State 4: ended; the customer's next message opens it again (state 0).</summary>
    Ended,
}

/// <summary>
/// One customer of one kf account as the bot knows it: the owner, and what the send limits count (spec §8.4): the customer's last
/// message and the msgids sent since (at most 5). A msgid counts once, however often its send is retried.
/// </summary>
public sealed record WeComKfSession
{
    public WeComKfOwner Owner { get; init; }

    public string? ServicerUserid { get; init; }

    public DateTimeOffset? LastCustomerMessageAt { get; init; }

    public string? LastCustomerMsgid { get; init; }

    public List<string> Counted { get; init; } = [];

    /// <summary>
    /// The msg_code of our hand-off's trans (spec §8.6: one text while the session waits), kept for the reply to the customer message
    /// <see cref="QueueNoticeFor"/> (the one that asked for a person): WeCom refuses send_msg once the session left the bot, so that
    /// reply goes out through the code instead. Cleared once used. A credential: never logged.
    /// </summary>
    public string? QueueNoticeCode { get; init; }

    public string? QueueNoticeFor { get; init; }

    public static WeComKfOwner OwnerOf(int serviceState) => serviceState switch
    {
        0 or 1 => WeComKfOwner.Bot,
        2 => WeComKfOwner.Queue,
        3 => WeComKfOwner.Human,
        _ => WeComKfOwner.Ended,
    };
}

/// <summary>Which kf account (and app) a customer last wrote to: a hand-off knows only the conversation's customer.</summary>
public sealed record WeComKfRoute(string App, string OpenKfid);

/// <summary>The sessions and routes in the state store, changed under their ETags (a concurrent change is re-read, never overwritten).</summary>
public sealed class WeComKfSessions(IStateStore state)
{
    private const int MaxConflicts = 10;

    public async Task<WeComKfSession?> GetAsync(string app, string openKfid, string externalUserid, CancellationToken cancellationToken) =>
        (await state.GetAsync<WeComKfSession>(Key(app, openKfid, externalUserid), cancellationToken))?.Value;

    /// <summary>Applies <paramref name="change"/> to the stored session (a new one if none) and returns what was stored.</summary>
    public async Task<WeComKfSession> UpdateAsync(
        string app, string openKfid, string externalUserid, Func<WeComKfSession, WeComKfSession> change, CancellationToken cancellationToken)
    {
        var key = Key(app, openKfid, externalUserid);
        for (var attempt = 1; ; attempt++)
        {
            var entry = await state.GetAsync<WeComKfSession>(key, cancellationToken);
            var changed = change(entry?.Value ?? new WeComKfSession());
            try
            {
                await state.SaveAsync(key, changed, entry?.ETag, cancellationToken);
                return changed;
            }
            catch (StateConflictException) when (attempt < MaxConflicts)
            {
                // Changed by a concurrent send or sync: apply the change to what is stored now.
            }
        }
    }

    public async Task<WeComKfRoute?> RouteOfAsync(string externalUserid, CancellationToken cancellationToken) =>
        (await state.GetAsync<WeComKfRoute>(RouteKey(externalUserid), cancellationToken))?.Value;

    public async Task SaveRouteAsync(string externalUserid, WeComKfRoute route, CancellationToken cancellationToken)
    {
        var key = RouteKey(externalUserid);
        for (var attempt = 1; ; attempt++)
        {
            var entry = await state.GetAsync<WeComKfRoute>(key, cancellationToken);
            if (entry?.Value == route)
            {
                return;
            }

            try
            {
                await state.SaveAsync(key, route, entry?.ETag, cancellationToken);
                return;
            }
            catch (StateConflictException) when (attempt < MaxConflicts)
            {
            }
        }
    }

    private static string Key(string app, string openKfid, string externalUserid) => $"wecom-kf:session:{app}:{openKfid}:{externalUserid}";

    private static string RouteKey(string externalUserid) => $"wecom-kf:route:{externalUserid}";
}
