using System.Net.Http.Json;
using CustomerService.Abstractions.Channels;
using CustomerService.Evals.Channels;
using CustomerService.Evals.Suites;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.Evals.Running;

internal static class InProcessTarget
{
    /// <summary>
    /// A fresh <see cref="EvalHost"/> for the suite, with the WeCom app and DingTalk robot of <see cref="EvalChannelApps"/>
    /// whose senders deliver to fake channel APIs on loopback; the suite's settings apply after the channels' own.
    /// </summary>
    /// <param name="replyTimeout">How long a WeCom or DingTalk turn waits for its reply before it fails.</param>
    public static async Task<ConversationTarget> StartAsync(EvalSuite suite, TimeSpan replyTimeout)
    {
        var apis = await FakeChannelApis.StartAsync();
        var queued = new QueuedReplies();
        Dictionary<string, string?> settings = EvalChannelApps.Settings(apis.BaseUrl);
        foreach (var (key, value) in suite.Settings)
        {
            settings[key] = value;
        }

        var host = new EvalHost(suite.Knowledge, settings, services =>
        {
            services.AddSingleton(queued);
            services.AddEventHandler<ChannelReplyReady, QueuedReplies.Handler>();
        });
        var client = host.CreateClient();
        var target = new ConversationTarget(client, "in-process", host, new CustomerObserver(host.Services), new ChannelTurns(apis, queued, replyTimeout));

        // One turn outside the cases on every channel the suite plays, so the first case does not carry the start-up's JIT
        // cost in its latency.
        using var warmUp = await client.PostAsJsonAsync("/api/webchat/messages", new { customerId = "eval-warm-up", text = "warm-up" });
        foreach (var channel in suite.Cases.SelectMany(c => c.Turns).Select(t => t.Channel.ToLowerInvariant()).Distinct().Where(ChannelTurns.Channels.Contains))
        {
            await target.SendAsync("eval-warm-up", new EvalTurn("warm-up", channel, [], 0), CancellationToken.None);
        }

        return target;
    }
}
