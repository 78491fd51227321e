namespace CustomerService.Benchmarks;

/// <summary>The figures of one scenario at one concurrency level; latencies in milliseconds.</summary>
internal sealed record LevelResult(
    string Scenario,
    int Concurrency,
    int Messages,
    double Seconds,
    double MessagesPerSecond,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    int Failures,
    int Handoffs,
    string? FirstError)
{
    public const double TargetMessagesPerSecond = 1000;
    public const double TargetP99Ms = 50;

    public bool MeetsTargets => Failures == 0 && MessagesPerSecond >= TargetMessagesPerSecond && P99Ms <= TargetP99Ms;

    /// <param name="latencyTicks">Stopwatch ticks of the successful round trips only; the rate counts only these too.</param>
    public static LevelResult From(string scenario, int concurrency, int attempts, TimeSpan elapsed, long[] latencyTicks,
        int failures, int handoffs, string? firstError)
    {
        Array.Sort(latencyTicks);
        double Ms(long ticks) => ticks * 1000.0 / System.Diagnostics.Stopwatch.Frequency;

        // Nearest-rank percentile: an actually observed latency, never an interpolation.
        double Percentile(double p) => latencyTicks.Length == 0
            ? double.NaN
            : Ms(latencyTicks[Math.Clamp((int)Math.Ceiling(p * latencyTicks.Length) - 1, 0, latencyTicks.Length - 1)]);

        return new LevelResult(scenario, concurrency, attempts, elapsed.TotalSeconds, latencyTicks.Length / elapsed.TotalSeconds,
            Percentile(0.50), Percentile(0.90), Percentile(0.99), latencyTicks.Length == 0 ? double.NaN : Ms(latencyTicks[^1]),
            failures, handoffs, firstError);
    }
}
