using System.Globalization;
using System.Net;
using CustomerService.Channels.WeCom;

namespace CustomerService.ChannelSimulator;

/// <summary>
/// WeCom callbacks against the real host on loopback: acks per second and ack latency at fixed rates and at the highest
/// rate it keeps up with, then a retry storm (every message three times) after which every message must have been
/// answered exactly once. Targets (issue 6): p99 ack ≤ 20 ms at 500 req/s; the storm answered once each.
/// </summary>
internal static class BenchCommand
{
    // The official test app of the WeCom spec (§5): any valid token/key pair would do.
    private const string App = "sim";
    private const string Token = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
    private const string EncodingAesKey = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
    private const string CorpId = "ww1436e0e65a779aee";
    private const double P99TargetMs = 20;
    private static readonly string[] Questions = ["怎么退货", "运费多少", "退款多久到账", "How long does delivery take?", "发票怎么开", "会员有什么好处"];

    public static async Task<int> RunAsync(Options options)
    {
        var rates = options.Numbers("rates", "100,500", 1, 100_000);
        var seconds = options.Number("seconds", 10, 1, 3600);
        var storm = (int)options.Number("storm", 500, 1, 100_000);
        await using var host = InProcessHost.Start(new Dictionary<string, string>
        {
            ["Channels:WeCom:Apps:0:Name"] = App,
            ["Channels:WeCom:Apps:0:CorpId"] = CorpId,
            ["Channels:WeCom:Apps:0:AgentId"] = "1000002",
            ["Channels:WeCom:Apps:0:Secret"] = "simulator-secret",
            ["Channels:WeCom:Apps:0:Token"] = Token,
            ["Channels:WeCom:Apps:0:EncodingAesKey"] = EncodingAesKey,
        });
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = new HttpClient(handler) { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(30) };
        var wecom = new SimulatedWeCom(App, Token, EncodingAesKey, CorpId, 1000002, TimeProvider.System);
        var (sent, accepted) = (0, 0);

        // A level is answered when every message one of whose copies was acked has its reply (an unacked one WeCom would resend).
        async Task<(LoadLevel Level, bool Answered)> LevelAsync(string name, double rate, int messages, int copies = 1)
        {
            var first = sent;
            var level = await OpenLoopLoad.RunAsync(client, name, rate, messages, copies,
                i => wecom.Text($"{name}-{i}", $"{first + i + 1}", Questions[i % Questions.Length]));
            sent += messages;
            accepted += level.AckedMessages;
            return (level, await host.Replies.WaitForAsync(accepted, TimeSpan.FromSeconds(120)));
        }

        Console.WriteLine($"WeCom callbacks → the real host on {host.Address} (Kestrel, loopback); replies counted in process.");
        await LevelAsync("warmup", 100, 200);
        List<(LoadLevel Level, bool Answered)> results = [];
        foreach (var rate in rates)
        {
            results.Add(await LevelAsync($"{rate:0}rps", rate, (int)(rate * seconds)));
        }

        // The highest rate at which every request is still acked 200 and the schedule is kept (within 5 %).
        LoadLevel? sustained = null;
        for (var rate = 1000.0; rate <= 8000; rate *= 1.5)
        {
            var (level, answered) = await LevelAsync($"{rate:0}rps", rate, (int)(rate * Math.Max(3, seconds / 2)));
            results.Add((level, answered));
            if (level.Acked < level.Sent || level.AchievedRate < 0.95 * rate) break;
            sustained = level;
        }

        var before = host.Replies.Total;
        var (stormLevel, stormDrained) = await LevelAsync("storm", 200, storm, copies: 3);
        results.Add((stormLevel, stormDrained));
        var stormReplies = host.Replies.ByCustomer.Where(p => p.Key.StartsWith("storm-", StringComparison.Ordinal)).ToList();
        var answeredOnce = stormDrained && stormReplies.Count == storm && stormReplies.All(p => p.Value == 1) && host.Replies.Total - before == storm;

        Print(results);
        var at500 = results.FirstOrDefault(r => r.Level.Name == "500rps").Level;
        Console.WriteLine();
        Console.WriteLine(at500 is null ? "500 req/s was not run (--rates)."
            : string.Create(CultureInfo.InvariantCulture, $"p99 ack at 500 req/s: {at500.P99Ms:0.00} ms (target ≤ {P99TargetMs} ms): {(at500.P99Ms <= P99TargetMs && at500.Acked == at500.Sent ? "MET" : "NOT MET")}"));
        Console.WriteLine(sustained is null ? "Sustained maximum: below 1,000 req/s."
            : string.Create(CultureInfo.InvariantCulture, $"Sustained maximum: {sustained.AchievedRate:0} req/s acked (p50 {sustained.P50Ms:0.00} ms, p99 {sustained.P99Ms:0.00} ms)."));
        Console.WriteLine($"Retry storm: {storm} messages × 3 copies, {stormReplies.Count} customers answered, "
            + $"{stormReplies.Count(p => p.Value == 1)} exactly once, {host.Replies.Total - before} replies: {(answeredOnce ? "MET" : "NOT MET")}");
        return answeredOnce ? 0 : 1;
    }

    private static void Print(List<(LoadLevel Level, bool Answered)> results)
    {
        Console.WriteLine();
        Console.WriteLine($"{"level",-10} {"req/s target",12} {"sent",7} {"acked",7} {"req/s",8} {"p50 ms",8} {"p99 ms",8} {"max ms",8}  answered  other");
        foreach (var (l, answered) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{l.Name,-10} {l.TargetRate,12:0} {l.Sent,7} {l.Acked,7} {l.AchievedRate,8:0} {l.P50Ms,8:0.00} {l.P99Ms,8:0.00} {l.MaxMs,8:0.0}  {(answered ? "all" : "NO"),-8}  {string.Join(", ", l.Failures.Select(f => $"{f.Key}×{f.Value}"))}"));
        }
    }
}
