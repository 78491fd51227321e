using System.Diagnostics;
using System.Net;
using System.Text;
using CustomerService.Channels.WeCom;

namespace CustomerService.ChannelSimulator;

/// <summary>The acks of one load level: how many came back 200, how fast, and what else came back.</summary>
/// <param name="AckedMessages">Messages with at least one copy acked 200.</param>
internal sealed record LoadLevel(string Name, double TargetRate, int Sent, int Acked, double AchievedRate, double P50Ms, double P99Ms, double MaxMs,
    IReadOnlyDictionary<string, int> Failures, int AckedMessages);

/// <summary>
/// Open-loop load: requests leave on a fixed schedule whether or not earlier ones were answered (as WeCom's servers send),
/// so a slow host shows up as latency, not as a politely lower rate. Each request is sent <c>copies</c> times at once,
/// the way a retry storm delivers one message several times.
/// </summary>
internal static class OpenLoopLoad
{
    public static async Task<LoadLevel> RunAsync(HttpClient client, string name, double rate, int messages, int copies,
        Func<int, WeComCallbackRequest> callback)
    {
        var latencies = new double[messages * copies];
        var statuses = new string[messages * copies];
        var tasks = new List<Task>(messages * copies);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < messages; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var request = callback(i);
            for (var c = 0; c < copies; c++)
            {
                var slot = i * copies + c;
                tasks.Add(SendAsync(client, request, latencies, statuses, slot));
            }
        }

        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var acked = statuses.Count(s => s == "200");
        var sorted = latencies.Order().ToArray();
        return new LoadLevel(name, rate * copies, statuses.Length, acked, statuses.Length / elapsed, Percentile(sorted, 0.50), Percentile(sorted, 0.99),
            sorted[^1], statuses.Where(s => s != "200").GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count()),
            Enumerable.Range(0, messages).Count(i => statuses.AsSpan(i * copies, copies).Contains("200")));
    }

    private static async Task SendAsync(HttpClient client, WeComCallbackRequest callback, double[] latencies, string[] statuses, int slot)
    {
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var content = new StringContent(callback.Body, Encoding.UTF8, "text/xml");
            using var response = await client.PostAsync(callback.PathAndQuery, content);
            statuses[slot] = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException e)
        {
            statuses[slot] = e.StatusCode is HttpStatusCode code ? ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture) : "connection";
        }
        catch (TaskCanceledException)
        {
            statuses[slot] = "timeout";
        }

        latencies[slot] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
