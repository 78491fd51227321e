using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerService.Evals.Channels;

/// <summary>
/// WeCom's server API (<c>gettoken</c>, <c>message/send</c>) and DingTalk's sessionWebhook on 127.0.0.1, where the in-process
/// host's own channel senders deliver replies (its <c>ApiBaseUrl</c> settings point here). Every delivery is kept per
/// recipient — the WeCom <c>touser</c>, the webhook's <c>session</c> — with the moment it arrived.
/// </summary>
internal sealed class FakeChannelApis : IAsyncDisposable
{
    public const string WebhookPath = "/robot/sendBySession";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Delivery>> _byRecipient = new(StringComparer.Ordinal);
    private int _sent;

    private FakeChannelApis(WebApplication app) => _app = app;

    /// <summary>The address the host's settings point at, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>The sessionWebhook a DingTalk message carries for <paramref name="session"/>: replies to it are kept under that session.</summary>
    public string Webhook(string session) => $"{BaseUrl}{WebhookPath}?session={Uri.EscapeDataString(session)}";

    public static async Task<FakeChannelApis> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var apis = new FakeChannelApis(builder.Build());
        apis._app.MapGet("/cgi-bin/gettoken", () => Results.Json(new { errcode = 0, errmsg = "ok", access_token = "eval-token", expires_in = 7200 }));
        apis._app.MapPost("/cgi-bin/message/send", async (HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            apis.Keep("wecom", body.GetProperty("touser").GetString()!, body.GetProperty("text").GetProperty("content").GetString()!);
            return Results.Json(new { errcode = 0, errmsg = "ok", msgid = $"eval-msg-{Interlocked.Increment(ref apis._sent)}" });
        });
        apis._app.MapPost(WebhookPath, async (string session, HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            apis.Keep("dingtalk", session, body.GetProperty("text").GetProperty("content").GetString()!);
            return Results.Json(new { errcode = 0, errmsg = "ok" });
        });
        await apis._app.StartAsync();
        return apis;
    }

    /// <summary>How many messages <paramref name="recipient"/> got on <paramref name="channel"/> so far.</summary>
    public int CountFor(string channel, string recipient) => _byRecipient.TryGetValue(Key(channel, recipient), out var queue) ? queue.Count : 0;

    /// <summary>The recipient's messages from the <paramref name="skip"/>th on, once there are <paramref name="count"/> of them; null at the deadline.</summary>
    public async Task<IReadOnlyList<Delivery>?> WaitForAsync(string channel, string recipient, int skip, int count, DateTimeOffset deadline,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_byRecipient.TryGetValue(Key(channel, recipient), out var queue) && queue.Count >= skip + count)
            {
                return [.. queue.Skip(skip).Take(count)];
            }

            if (DateTimeOffset.UtcNow >= deadline) return null;
            await Task.Delay(5, cancellationToken); // the arrival time is stamped on receipt: polling does not add to latency
        }
    }

    private void Keep(string channel, string recipient, string text) =>
        _byRecipient.GetOrAdd(Key(channel, recipient), _ => new()).Enqueue(new Delivery(text, Stopwatch.GetTimestamp()));

    private static string Key(string channel, string recipient) => $"{channel}\u001f{recipient}";

    private static async Task<JsonElement> ReadAsync(HttpRequest request) =>
        (await JsonDocument.ParseAsync(request.Body)).RootElement.Clone();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

/// <param name="ArrivedAt">A <see cref="Stopwatch"/> timestamp, so latency is measured on the runner's own clock.</param>
internal sealed record Delivery(string Text, long ArrivedAt);
