using System.Diagnostics;

namespace CustomerService.KnowledgeBenchmarks;

/// <summary>Latency percentiles in milliseconds over one measured series.</summary>
internal sealed record LatencySummary(int Count, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    /// <param name="ticks">Stopwatch ticks, one per call; sorted in place.</param>
    public static LatencySummary From(long[] ticks)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        if (ticks.Length == 0)
        {
            return new LatencySummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        Array.Sort(ticks);
        static double Ms(long t) => t * 1000.0 / Stopwatch.Frequency;

        // Nearest rank: always a latency that was observed, never an interpolation.
        double Percentile(double p) => Ms(ticks[Math.Clamp((int)Math.Ceiling(p * ticks.Length) - 1, 0, ticks.Length - 1)]);
        return new LatencySummary(ticks.Length, ticks.Average(t => Ms(t)), Percentile(0.50), Percentile(0.90), Percentile(0.99), Ms(ticks[^1]));
    }
}
