using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerService.Evals.Channels;
using CustomerService.Evals.Suites;

namespace CustomerService.Evals.Running;

/// <summary>
/// Plays turns against a host: the in-process one or a running instance. Web chat turns go through its web chat API in
/// either place, so a suite means the same thing in both. WeCom and DingTalk turns need <paramref name="channels"/>, which
/// only the in-process host has: its channel senders must deliver to the runner's fake channel APIs.
/// </summary>
internal sealed class ConversationTarget(HttpClient client, string name, IAsyncDisposable? owner = null, CustomerObserver? observer = null,
    ChannelTurns? channels = null) : IAsyncDisposable
{
    private const string WebChat = "webchat";

    public string Name { get; } = name;

    public async Task<TurnOutcome> SendAsync(string customerId, EvalTurn turn, CancellationToken cancellationToken)
    {
        if (observer is null)
        {
            return await PlayAsync(customerId, turn, cancellationToken);
        }

        var channel = turn.Channel.ToLowerInvariant();
        var before = await observer.TakeAsync(channel, customerId, cancellationToken);
        var outcome = await PlayAsync(customerId, turn, cancellationToken);
        return outcome.Error is null ? await observer.CompleteAsync(outcome, channel, customerId, before, cancellationToken) : outcome;
    }

    private async Task<TurnOutcome> PlayAsync(string customerId, EvalTurn turn, CancellationToken cancellationToken)
    {
        var channel = turn.Channel.ToLowerInvariant();
        if (channel != WebChat && !ChannelTurns.Channels.Contains(channel))
        {
            return TurnOutcome.Failed($"the channel '{turn.Channel}' is not available (available: {WebChat}, {string.Join(", ", ChannelTurns.Channels)})", 0);
        }

        if (channel != WebChat && channels is null)
        {
            return TurnOutcome.Failed($"the channel '{turn.Channel}' is played only against the in-process host, whose {channel} replies go to the "
                + "runner's fake channel API; with --url only webchat turns run", 0);
        }

        if (channel != WebChat && turn.Source is not null)
        {
            return TurnOutcome.Failed($"source (a channel code) is sent with webchat turns only, not with {channel} ones", 0);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            return channel == WebChat
                ? await PlayWebChatAsync(customerId, turn, started, cancellationToken)
                : await channels!.PlayAsync(client, channel, customerId, turn.Text, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return TurnOutcome.Failed($"{e.GetType().Name}: {e.Message}", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private async Task<TurnOutcome> PlayWebChatAsync(string customerId, EvalTurn turn, long started, CancellationToken cancellationToken)
    {
        object message = turn.Source is { } source
            ? new { customerId, text = turn.Text, source = new { code = source.Code, @params = source.Params } }
            : new { customerId, text = turn.Text };
        using var response = await client.PostAsJsonAsync("/api/webchat/messages", message, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            return TurnOutcome.Failed($"HTTP {(int)response.StatusCode}: {Truncate(body)}", latency);
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new TurnOutcome(
            root.GetProperty("reply").GetString() ?? "",
            root.GetProperty("confidence").GetDouble(),
            root.TryGetProperty("matchedIntent", out var intent) && intent.ValueKind == JsonValueKind.String ? intent.GetString() : null,
            root.GetProperty("handoff").GetBoolean(),
            root.TryGetProperty("citations", out var citations) && citations.ValueKind == JsonValueKind.Array
                ? [.. citations.EnumerateArray().Select(c => c.GetProperty("id").GetString() ?? "")]
                : [],
            latency);
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        if (owner is not null) await owner.DisposeAsync();
        if (channels is not null) await channels.DisposeAsync(); // after the host: its senders stop before their API does
    }
}
