using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CustomerService.Abstractions.Channels;
using CustomerService.Channels.DingTalk;
using CustomerService.Channels.WeCom;
using CustomerService.Evals.Suites;

namespace CustomerService.Evals.Channels;

/// <summary>
/// Plays turns on WeCom and DingTalk the way those channels do: a signed callback (WeCom's also encrypted) to the host, which
/// acks and answers after the ack through its bus and outbox. The reply is what the host's channel sender delivered to the
/// <see cref="FakeChannelApis"/>, timed from the callback to its last part's arrival; its intent, confidence, hand-off and
/// citations are what the conversation's transcript (<c>GET /api/conversations/{id}</c>) recorded for that reply.
/// </summary>
internal sealed class ChannelTurns(FakeChannelApis apis, QueuedReplies queued, TimeSpan replyTimeout) : IAsyncDisposable
{
    public static readonly TimeSpan DefaultReplyTimeout = TimeSpan.FromSeconds(15);
    public static readonly IReadOnlyList<string> Channels = ["wecom", "dingtalk"];

    private readonly SimulatedWeCom _wecom = EvalChannelApps.WeCom(TimeProvider.System);
    private readonly SimulatedDingTalk _dingTalk = EvalChannelApps.DingTalk(TimeProvider.System);
    private readonly long _run = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private long _messages;

    /// <param name="channel">One of <see cref="Channels"/>, lower case.</param>
    public async Task<TurnOutcome> PlayAsync(HttpClient host, string channel, string customerId, string text, CancellationToken cancellationToken)
    {
        var (queuedBefore, deliveredBefore) = (queued.CountFor(channel, customerId), apis.CountFor(channel, customerId));
        var deadline = DateTimeOffset.UtcNow + replyTimeout;
        var started = Stopwatch.GetTimestamp();
        using (var callback = Callback(channel, customerId, text))
        using (var ack = await host.SendAsync(callback, cancellationToken))
        {
            if (!ack.IsSuccessStatusCode)
            {
                var body = await ack.Content.ReadAsStringAsync(cancellationToken);
                return Failed($"the {channel} callback was refused: HTTP {(int)ack.StatusCode}: {(body.Length <= 300 ? body : body[..300] + "…")}", started);
            }
        }

        if (await queued.WaitForAsync(channel, customerId, queuedBefore, deadline, cancellationToken) is not { } reply)
        {
            return Failed($"the {channel} callback was acked but the host queued no reply within {Seconds(replyTimeout)} s", started);
        }

        // The WeCom sender cuts a long reply into parts, one message/send each; DingTalk's webhook takes it whole.
        var parts = channel == "wecom" ? WeComTextParts.Of(reply.Text).Count : 1;
        if (await apis.WaitForAsync(channel, customerId, deliveredBefore, parts, deadline, cancellationToken) is not { } delivered)
        {
            return Failed($"the host queued the {channel} reply but its sender delivered {apis.CountFor(channel, customerId) - deliveredBefore} of "
                + $"{parts} message(s) to the fake {(channel == "wecom" ? "WeCom message/send" : "DingTalk sessionWebhook")} within {Seconds(replyTimeout)} s", started);
        }

        var latency = delivered.Count > 0 ? Stopwatch.GetElapsedTime(started, delivered[^1].ArrivedAt).TotalMilliseconds : Elapsed(started);
        return await RecordedAsync(host, reply, latency, cancellationToken) is { } recorded
            ? recorded with { Reply = string.Join("\n", delivered.Select(d => d.Text)) }
            : TurnOutcome.Failed($"the transcript of conversation {reply.ConversationId} holds no bot message with the {channel} reply's text", latency);
    }

    private HttpRequestMessage Callback(string channel, string customerId, string text)
    {
        var sequence = Interlocked.Increment(ref _messages);
        if (channel == "dingtalk")
        {
            return _dingTalk.Text(customerId, $"eval-{_run}-{sequence}", text, apis.Webhook(customerId));
        }

        // WeCom's MsgId is digits; unique per host, which has its own database.
        var request = _wecom.Text(customerId, string.Create(CultureInfo.InvariantCulture, $"{_run}{sequence:D6}"), text);
        return new HttpRequestMessage(HttpMethod.Post, request.PathAndQuery) { Content = new StringContent(request.Body, Encoding.UTF8, "text/xml") };
    }

    /// <summary>The reply's intent, confidence, hand-off and citations as the transcript stored them: its last bot message with the reply's text.</summary>
    private static async Task<TurnOutcome?> RecordedAsync(HttpClient host, ChannelReplyReady reply, double latency, CancellationToken cancellationToken)
    {
        var view = await host.GetFromJsonAsync<JsonElement>($"/api/conversations/{Uri.EscapeDataString(reply.ConversationId)}", cancellationToken);
        var bot = view.GetProperty("messages").EnumerateArray()
            .LastOrDefault(m => m.GetProperty("role").GetString() == "bot" && m.GetProperty("text").GetString() == reply.Text);
        if (bot.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new TurnOutcome(
            reply.Text,
            bot.GetProperty("confidence") is { ValueKind: JsonValueKind.Number } confidence ? confidence.GetDouble() : 0,
            bot.GetProperty("matchedIntent") is { ValueKind: JsonValueKind.String } intent ? intent.GetString() : null,
            bot.GetProperty("handoff") is { ValueKind: JsonValueKind.True },
            bot.GetProperty("citations") is { ValueKind: JsonValueKind.Array } citations ? [.. citations.EnumerateArray().Select(c => c.GetString() ?? "")] : [],
            latency);
    }

    private static TurnOutcome Failed(string error, long started) => TurnOutcome.Failed(error, Elapsed(started));

    private static double Elapsed(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static string Seconds(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => apis.DisposeAsync();
}
