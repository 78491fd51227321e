using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerService.Evals.Suites;

namespace CustomerService.Evals.Running;

/// <summary>
/// Plays turns against the web chat API of a host: the in-process one or a running instance. Both go
/// through the same HTTP contract, so a suite means the same thing in either place.
/// </summary>
internal sealed class ConversationTarget(HttpClient client, string name, IAsyncDisposable? owner = null, CustomerObserver? observer = null)
    : IAsyncDisposable
{
    private static readonly string[] Channels = ["webchat"];

    public string Name { get; } = name;

    public async Task<TurnOutcome> SendAsync(string customerId, EvalTurn turn, CancellationToken cancellationToken)
    {
        if (observer is null)
        {
            return await PlayAsync(customerId, turn, cancellationToken);
        }

        var before = await observer.TakeAsync(customerId, cancellationToken);
        var outcome = await PlayAsync(customerId, turn, cancellationToken);
        return outcome.Error is null ? await observer.CompleteAsync(outcome, customerId, before, cancellationToken) : outcome;
    }

    private async Task<TurnOutcome> PlayAsync(string customerId, EvalTurn turn, CancellationToken cancellationToken)
    {
        if (!Channels.Contains(turn.Channel, StringComparer.OrdinalIgnoreCase))
        {
            return TurnOutcome.Failed($"the channel '{turn.Channel}' is not available on this build (available: {string.Join(", ", Channels)})", 0);
        }

        var started = Stopwatch.GetTimestamp();
        try
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
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return TurnOutcome.Failed($"{e.GetType().Name}: {e.Message}", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        if (owner is not null) await owner.DisposeAsync();
    }
}
