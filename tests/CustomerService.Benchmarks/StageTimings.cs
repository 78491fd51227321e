using System.Collections.Concurrent;
using System.Diagnostics;

namespace CustomerService.Benchmarks;

/// <summary>Server-side time of one stage of a message, over one measured level (only with <c>--breakdown</c>).</summary>
internal sealed record StageSummary(string Stage, int Count, double MeanMs, double P50Ms, double P99Ms, double MaxMs, int Over100Ms);

/// <summary>The stage timings of one concurrency level.</summary>
internal sealed record LevelBreakdown(int Concurrency, IReadOnlyList<StageSummary> Stages);

/// <summary>
/// Collects how long each server-side stage of a message took, so a slow round trip can be pinned on
/// HTTP, the SQLite store, FAQ matching or the outbox without a profiler.
/// </summary>
internal sealed class StageTimings
{
    public const string Server = "server (whole request)";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<long>> _stages = new(StringComparer.Ordinal);

    public void Reset() => _stages.Clear();

    public async Task<T> TimeAsync<T>(string stage, Func<Task<T>> work)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await work();
        }
        finally
        {
            Record(stage, Stopwatch.GetTimestamp() - started);
        }
    }

    public Task TimeAsync(string stage, Func<Task> work) => TimeAsync(stage, async () => { await work(); return true; });

    public void Record(string stage, long ticks) => _stages.GetOrAdd(stage, _ => new ConcurrentQueue<long>()).Enqueue(ticks);

    public IReadOnlyList<StageSummary> Summarize() =>
    [
        .. _stages.OrderBy(p => p.Key == Server ? 0 : 1).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => Summarize(p.Key, [.. p.Value])),
    ];

    private static StageSummary Summarize(string stage, long[] ticks)
    {
        Array.Sort(ticks);
        static double Ms(long t) => t * 1000.0 / Stopwatch.Frequency;
        double At(double p) => Ms(ticks[Math.Clamp((int)Math.Ceiling(p * ticks.Length) - 1, 0, ticks.Length - 1)]);
        return new StageSummary(stage, ticks.Length, ticks.Average(t => Ms(t)), At(0.50), At(0.99), Ms(ticks[^1]),
            ticks.Count(t => Ms(t) > 100));
    }
}
